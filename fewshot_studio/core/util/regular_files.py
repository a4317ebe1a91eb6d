"""Opening a file a user or a stranger named, without trusting what it is.

A path can name a pipe, a device (``/dev/zero``), a socket, or a symlink to one: reading such a
thing to the end never finishes, and ``open`` of a pipe alone blocks until someone writes. So every
untrusted read opens without blocking, checks on the open descriptor (no race with a rename) that
it is a regular file, and reads at most a cap. The content hash, the image loader, project files,
autosaves and both model file formats all come through here.
"""
from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class NotRegularFile(OSError):
    """The path is a pipe, device, socket or folder: there is no file content to read."""


class FileTooLarge(OSError):
    """The file is larger than anything real of its kind; reading it would only waste memory."""


def open_regular(path: str | os.PathLike[str], max_bytes: int | None = None) -> BinaryIO:
    """``path`` opened for binary reading, or ``NotRegularFile`` / ``FileTooLarge`` / the usual OSError."""
    fd = os.open(path, _FLAGS)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, QT_TRANSLATE_NOOP("engine", "this is a folder, not a file"), os.fspath(path))
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(errno.EINVAL, QT_TRANSLATE_NOOP("engine", "not a regular file (a pipe, device or socket)"),
                                 os.fspath(path))
        if max_bytes is not None and st.st_size > max_bytes:
            raise FileTooLarge(errno.EFBIG, QT_TRANSLATE_NOOP("engine", "the file is {0} bytes, more than the {1} expected").format(
                st.st_size, max_bytes), os.fspath(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The whole content of a regular file of at most ``max_bytes`` (a file growing meanwhile is refused too)."""
    with open_regular(path, max_bytes) as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileTooLarge(errno.EFBIG, QT_TRANSLATE_NOOP("engine", "the file is more than the {0} bytes expected").format(max_bytes),
                          os.fspath(path))
    return data
