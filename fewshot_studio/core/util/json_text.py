"""JSON text that keeps file names which are not valid UTF-8.

On Linux a file name is bytes; Python hands undecodable bytes over as lone surrogates
(``b"\\xff"`` becomes ``"\\udcff"``), which UTF-8 cannot encode, so a journal, a project or an
autosave naming such a photo could not be written. Written as ``\\udcff`` escapes the text stays
valid UTF-8 (other names stay readable), and ``json.loads`` gives back the very same string, so
``os.fsencode`` finds the very same file again.
"""
from __future__ import annotations

import json
import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(value: Any, **kwargs: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, **kwargs)`` whose result always encodes as UTF-8."""
    text = json.dumps(value, ensure_ascii=False, **kwargs)
    # A surrogate can only stand inside a JSON string, where its escape means the same character.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
