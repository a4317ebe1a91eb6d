"""What a ``.fewshot`` file's manifest must say, checked before anything in it is used.

A classifier file may come from a stranger, so every field is validated here with a message a
user can act on: the manifest can only *choose* among things this app already has (a method from
the registry, a backbone architecture it knows); it can never name code to import or run.
"""
from __future__ import annotations

import json
import math
from typing import Any

FORMAT = "fewshot-classifier"
FORMAT_VERSION = 1
MANIFEST, HEAD, BACKBONE = "manifest.json", "head.safetensors", "backbone.safetensors"
MEMBERS = (MANIFEST, HEAD, BACKBONE)
MAX_CLASSES = 1000
MAX_NAME_CHARS = 200


class ClassifierFileError(Exception):
    """The file is not a usable classifier file; the message says why in plain words."""


def _fail(message: str) -> None:
    raise ClassifierFileError(message)


def _json_scalars(value: Any, where: str, depth: int = 0) -> None:
    """Method configs are constructor arguments: plain numbers, strings, booleans, nested dicts,
    and short lists of whole numbers (the embedding's part widths)."""
    if depth > 3:
        _fail(f"{where} is nested too deeply")
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                _fail(f"{where} has a non-text key")
            _json_scalars(v, f"{where}.{k}", depth + 1)
    elif isinstance(value, list):
        if len(value) > 16 or not all(isinstance(v, int) and not isinstance(v, bool) and 0 < v < 1 << 16 for v in value):
            _fail(f"{where} must be a short list of positive whole numbers")
    elif value is not None and not isinstance(value, (bool, int, float, str)):
        _fail(f"{where} must hold plain numbers or text")


def _number(m: dict, key: str, lo: float, hi: float, *, open_lo: bool = False) -> float:
    v = m.get(key)
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        _fail(f"{key} must be a number")
    if v < lo or v > hi or (open_lo and v == lo):
        _fail(f"{key} = {v} is outside the allowed range {lo}..{hi}")
    return float(v)


def parse_manifest(raw: bytes, name: str) -> dict[str, Any]:
    """The manifest as a dict, or ``ClassifierFileError`` saying what is wrong with it."""
    try:
        m = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ClassifierFileError(f"{name}: the manifest is not valid JSON ({exc})") from None
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        _fail(f"{name} is not a Fewshot Studio classifier file (wrong format tag)")
    version = m.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        _fail(f"{name}: the manifest has no valid format version")
    if version > FORMAT_VERSION:
        made_by = m.get("app_version", "a newer version")
        _fail(f"{name} was made by Fewshot Studio {made_by} (file format {version}); this version reads "
              f"format {FORMAT_VERSION} and older. Update Fewshot Studio to open it.")
    try:
        _validate(m)
    except ClassifierFileError as exc:
        raise ClassifierFileError(f"{name}: {exc}") from None
    return m


def _validate(m: dict[str, Any]) -> None:
    names = m.get("class_names")
    if not isinstance(names, list) or not 1 <= len(names) <= MAX_CLASSES:
        _fail(f"class_names must be a list of 1 to {MAX_CLASSES} names")
    if not all(isinstance(n, str) and 0 < len(n) <= MAX_NAME_CHARS for n in names):
        _fail(f"every class name must be text of 1 to {MAX_NAME_CHARS} characters")
    if len(set(names)) != len(names):
        _fail("class names must be unique")
    bb = m.get("backbone")
    if not isinstance(bb, dict) or not isinstance(bb.get("name"), str) or not isinstance(bb.get("id"), str):
        _fail("the backbone section is missing")
    if bb.get("weights") not in ("stock", "embedded"):
        _fail("backbone.weights must be 'stock' or 'embedded'")
    pre = m.get("preprocessing")
    if not isinstance(pre, dict):
        _fail("the preprocessing section is missing")
    res = pre.get("resize_shorter_side_to")
    if isinstance(res, bool) or not isinstance(res, int) or not 32 <= res <= 1024:
        _fail(f"preprocessing resolution {res!r} is not an integer between 32 and 1024")
    for key in ("mean", "std"):
        v = pre.get(key)
        if not (isinstance(v, list) and len(v) == 3 and all(
                isinstance(x, (int, float)) and not isinstance(x, bool) and 0 < abs(x) < 10 for x in v)):
            _fail(f"preprocessing {key} must be three numbers")
    head = m.get("head")
    if not isinstance(head, dict) or not isinstance(head.get("method"), str):
        _fail("the head section is missing")
    if not isinstance(head.get("config", {}), dict):
        _fail("head.config must be an object")
    _json_scalars(head.get("config", {}), "head.config")
    _number(m, "temperature", 0.0, 1e4, open_lo=True)
    _number(m, "threshold", 0.0, 1.0)
    if not isinstance(m.get("tta", False), bool):
        _fail("tta must be true or false")
    members = m.get("members")
    if not isinstance(members, dict) or HEAD not in members:
        _fail("the manifest lists no checksums for its weights")
    for member, sha in members.items():
        if member not in MEMBERS or not isinstance(sha, str) or len(sha) != 64:
            _fail(f"bad checksum entry for {member!r}")
    if (bb["weights"] == "embedded") != (BACKBONE in members):
        _fail("the backbone section and the stored weights disagree")
    if not isinstance(m.get("metrics", {}), dict):
        _fail("metrics must be an object")
    if "familiarity" in m:  # absent in files from before the "None of these" score
        fam = m["familiarity"]
        if not isinstance(fam, dict):
            _fail("familiarity must be an object")
        _json_scalars(fam, "familiarity")
        _number(fam, "mean", -1.0, 1.0)
        _number(fam, "std", 0.0, 2.0, open_lo=True)
        _number(fam, "width", 1, 1 << 16)
        _number(m, "unknown_threshold", 0.0, 1.0)


__all__ = ["FORMAT", "FORMAT_VERSION", "MANIFEST", "HEAD", "BACKBONE", "ClassifierFileError", "parse_manifest"]
