"""Reading an untrusted zip (classifier and backbone files) without trusting it.

A zip header can claim any size; reading at most ``limit + 1`` bytes means a crafted file can
neither exhaust memory nor slip past the cap by lying about its size. And a damaged or crafted
file can fail in a hundred ways deep inside zipfile, zlib, json or safetensors (``zlib.error``,
``NotImplementedError`` for an unknown compression, ``RecursionError`` for deep JSON, a
``ValueError`` for a 5,000-digit number, ``EOFError``…): ``format_errors`` turns every one of
them into the file format's own error, naming the file, so callers catch one type.
"""
from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP, message_of


class MemberTooLarge(ValueError):
    pass


def read_capped(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    info = zf.getinfo(name)
    if info.file_size > limit:
        raise MemberTooLarge(QT_TRANSLATE_NOOP("engine", "{0} is {1} bytes, more than the {2} allowed").format(
            name, info.file_size, limit))
    with zf.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise MemberTooLarge(QT_TRANSLATE_NOOP("engine", "{0} is larger than the {1} bytes allowed").format(name, limit))
    return data


@contextmanager
def format_errors(error: type[Exception], label: str) -> Iterator[None]:
    """Inside this block any failure becomes ``error("<label>: ...")``; ``error`` itself passes
    through, given the file's name first when it does not say it yet. The messages are ``Words``
    (the inner one kept as a value), so the window translates them whole."""
    try:
        yield
    except error as exc:
        if label in str(exc):
            raise
        raise error(QT_TRANSLATE_NOOP("engine", "{0}: {1}").format(label, message_of(exc))) from None
    except zipfile.BadZipFile as exc:
        raise error(QT_TRANSLATE_NOOP("engine", "{0} is damaged or truncated, or not a file of this kind ({1})").format(
            label, str(exc))) from None
    except OSError as exc:
        raise error(QT_TRANSLATE_NOOP("engine", "{0} could not be read ({1})").format(label, exc.strerror or str(exc))) from None
    except MemoryError:
        raise error(QT_TRANSLATE_NOOP("engine", "{0} is too large to read").format(label)) from None
    except Exception as exc:  # noqa: BLE001 - the point: nothing from a damaged file escapes untyped
        raise error(QT_TRANSLATE_NOOP("engine", "{0} is damaged and cannot be read ({1}: {2})").format(
            label, type(exc).__name__, str(exc)[:200])) from None
