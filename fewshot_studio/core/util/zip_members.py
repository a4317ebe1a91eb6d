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


class MemberTooLarge(ValueError):
    pass


def read_capped(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    info = zf.getinfo(name)
    if info.file_size > limit:
        raise MemberTooLarge(f"{name} is {info.file_size} bytes, more than the {limit} allowed")
    with zf.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise MemberTooLarge(f"{name} is larger than the {limit} bytes allowed")
    return data


@contextmanager
def format_errors(error: type[Exception], label: str) -> Iterator[None]:
    """Inside this block any failure becomes ``error("<label>: ...")``; ``error`` itself passes
    through, given the file's name first when it does not say it yet."""
    try:
        yield
    except error as exc:
        if label in str(exc):
            raise
        raise error(f"{label}: {exc}") from None
    except zipfile.BadZipFile as exc:
        raise error(f"{label} is damaged or truncated, or not a file of this kind ({exc})") from None
    except OSError as exc:
        raise error(f"{label} could not be read ({exc.strerror or exc})") from None
    except MemoryError:
        raise error(f"{label} is too large to read") from None
    except Exception as exc:  # noqa: BLE001 - the point: nothing from a damaged file escapes untyped
        raise error(f"{label} is damaged and cannot be read ({type(exc).__name__}: {str(exc)[:200]})") from None
