"""Reading one member of an untrusted zip (classifier and backbone files) without trusting it.

A zip header can claim any size; reading at most ``limit + 1`` bytes means a crafted file can
neither exhaust memory nor slip past the cap by lying about its size.
"""
from __future__ import annotations

import zipfile


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
