"""What a ``.fewshot`` file's manifest must say, checked before anything in it is used.

A classifier file may come from a stranger, so every field is validated here with a message a
user can act on: the manifest can only *choose* among things this app already has (a method from
the registry, a backbone architecture it knows); it can never name code to import or run.
"""
from __future__ import annotations

import json
import math
from typing import Any

from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP, Words, message_of

FORMAT = "fewshot-classifier"
FORMAT_VERSION = 1
MANIFEST, HEAD, BACKBONE = "manifest.json", "head.safetensors", "backbone.safetensors"
MEMBERS = (MANIFEST, HEAD, BACKBONE)
MAX_CLASSES = 1000
MAX_NAME_CHARS = 200


class ClassifierFileError(Exception):
    """The file is not a usable classifier file; the message says why in plain words."""


def _fail(message: Words) -> None:
    raise ClassifierFileError(message)


def _json_scalars(value: Any, where: str, depth: int = 0) -> None:
    """Method configs are constructor arguments: plain numbers, strings, booleans, nested dicts,
    and short lists of whole numbers (the embedding's part widths)."""
    if depth > 3:
        _fail(QT_TRANSLATE_NOOP("engine", "{0} is nested too deeply").format(where))
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                _fail(QT_TRANSLATE_NOOP("engine", "{0} has a non-text key").format(where))
            _json_scalars(v, f"{where}.{k}", depth + 1)
    elif isinstance(value, list):
        if len(value) > 16 or not all(isinstance(v, int) and not isinstance(v, bool) and 0 < v < 1 << 16 for v in value):
            _fail(QT_TRANSLATE_NOOP("engine", "{0} must be a short list of positive whole numbers").format(where))
    elif value is not None and not isinstance(value, (bool, int, float, str)):
        _fail(QT_TRANSLATE_NOOP("engine", "{0} must hold plain numbers or text").format(where))


def _number(m: dict, key: str, lo: float, hi: float, *, open_lo: bool = False) -> float:
    v = m.get(key)
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        _fail(QT_TRANSLATE_NOOP("engine", "{0} must be a number").format(key))
    if v < lo or v > hi or (open_lo and v == lo):
        _fail(QT_TRANSLATE_NOOP("engine", "{0} = {1} is outside the allowed range {2}..{3}").format(key, v, lo, hi))
    return float(v)


def parse_manifest(raw: bytes, name: str) -> dict[str, Any]:
    """The manifest as a dict, or ``ClassifierFileError`` saying what is wrong with it."""
    try:
        m = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: the manifest is not valid JSON ({1})").format(name, str(exc))) from None
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        _fail(QT_TRANSLATE_NOOP("engine", "{0} is not a Fewshot Studio classifier file (wrong format tag)").format(name))
    version = m.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        _fail(QT_TRANSLATE_NOOP("engine", "{0}: the manifest has no valid format version").format(name))
    if version > FORMAT_VERSION:
        made_by = m["app_version"] if "app_version" in m else QT_TRANSLATE_NOOP("engine", "a newer version")
        _fail(QT_TRANSLATE_NOOP("engine", "{0} was made by Fewshot Studio {1} (file format {2}); this version reads "
                                "format {3} and older. Update Fewshot Studio to open it.").format(
            name, made_by if isinstance(made_by, Words) else str(made_by), version, FORMAT_VERSION))
    try:
        _validate(m)
    except ClassifierFileError as exc:
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: {1}").format(name, message_of(exc))) from None
    return m


def _validate(m: dict[str, Any]) -> None:
    names = m.get("class_names")
    if not isinstance(names, list) or not 1 <= len(names) <= MAX_CLASSES:
        _fail(QT_TRANSLATE_NOOP("engine", "class_names must be a list of 1 to {0} names").format(MAX_CLASSES))
    if not all(isinstance(n, str) and 0 < len(n) <= MAX_NAME_CHARS for n in names):
        _fail(QT_TRANSLATE_NOOP("engine", "every class name must be text of 1 to {0} characters").format(MAX_NAME_CHARS))
    if len(set(names)) != len(names):
        _fail(QT_TRANSLATE_NOOP("engine", "class names must be unique"))
    bb = m.get("backbone")
    if not isinstance(bb, dict) or not isinstance(bb.get("name"), str) or not isinstance(bb.get("id"), str):
        _fail(QT_TRANSLATE_NOOP("engine", "the backbone section is missing"))
    if bb.get("weights") not in ("stock", "embedded"):
        _fail(QT_TRANSLATE_NOOP("engine", "backbone.weights must be 'stock' or 'embedded'"))
    pre = m.get("preprocessing")
    if not isinstance(pre, dict):
        _fail(QT_TRANSLATE_NOOP("engine", "the preprocessing section is missing"))
    res = pre.get("resize_shorter_side_to")
    if isinstance(res, bool) or not isinstance(res, int) or not 32 <= res <= 1024:
        _fail(QT_TRANSLATE_NOOP("engine", "preprocessing resolution {0} is not an integer between 32 and 1024").format(repr(res)))
    for key in ("mean", "std"):
        v = pre.get(key)
        if not (isinstance(v, list) and len(v) == 3 and all(
                isinstance(x, (int, float)) and not isinstance(x, bool) and 0 < abs(x) < 10 for x in v)):
            _fail(QT_TRANSLATE_NOOP("engine", "preprocessing {0} must be three numbers").format(key))
    head = m.get("head")
    if not isinstance(head, dict) or not isinstance(head.get("method"), str):
        _fail(QT_TRANSLATE_NOOP("engine", "the head section is missing"))
    if not isinstance(head.get("config", {}), dict):
        _fail(QT_TRANSLATE_NOOP("engine", "head.config must be an object"))
    _json_scalars(head.get("config", {}), "head.config")
    _number(m, "temperature", 0.0, 1e4, open_lo=True)
    _number(m, "threshold", 0.0, 1.0)
    if not isinstance(m.get("tta", False), bool):
        _fail(QT_TRANSLATE_NOOP("engine", "tta must be true or false"))
    members = m.get("members")
    if not isinstance(members, dict) or HEAD not in members:
        _fail(QT_TRANSLATE_NOOP("engine", "the manifest lists no checksums for its weights"))
    for member, sha in members.items():
        if member not in MEMBERS or not isinstance(sha, str) or len(sha) != 64:
            _fail(QT_TRANSLATE_NOOP("engine", "bad checksum entry for {0}").format(repr(member)))
    if (bb["weights"] == "embedded") != (BACKBONE in members):
        _fail(QT_TRANSLATE_NOOP("engine", "the backbone section and the stored weights disagree"))
    if not isinstance(m.get("metrics", {}), dict):
        _fail(QT_TRANSLATE_NOOP("engine", "metrics must be an object"))
    if "familiarity" in m:  # absent in files from before the "None of these" score
        fam = m["familiarity"]
        if not isinstance(fam, dict):
            _fail(QT_TRANSLATE_NOOP("engine", "familiarity must be an object"))
        _json_scalars(fam, "familiarity")
        _number(fam, "mean", -1.0, 1.0)
        _number(fam, "std", 0.0, 2.0, open_lo=True)
        _number(fam, "width", 1, 1 << 16)
        _number(m, "unknown_threshold", 0.0, 1.0)


__all__ = ["FORMAT", "FORMAT_VERSION", "MANIFEST", "HEAD", "BACKBONE", "ClassifierFileError", "parse_manifest"]
