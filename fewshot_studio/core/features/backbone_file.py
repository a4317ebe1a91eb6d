"""The ``.fewshot-backbone`` file: a meta-trained (or distilled) feature extractor users can share.

A zip with exactly two members, ``manifest.json`` and ``weights.safetensors``. No pickle, ever:
a backbone file may come from a stranger, and ``torch.load`` of a pickle can run arbitrary code.
Loading reads both members by name (nothing is extracted), refuses any other member (a ``.pth``
slipped into the zip is rejected, not ignored), caps sizes before decompressing, only accepts an
architecture this app already knows (the manifest can never name a module to import), checks the
weights' checksum and requires every tensor name and shape to match the network exactly.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from fewshot_studio.core.features.backbone import BACKBONES, Backbone, BackboneSpec, build_network
from fewshot_studio.core.features.onnx_runner import build_unless_exported
from fewshot_studio.core.util.atomic import atomic_write
from fewshot_studio.core.util.regular_files import open_regular
from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP, message_of
from fewshot_studio.core.util.zip_members import MemberTooLarge, format_errors, read_capped

if TYPE_CHECKING:
    import torch

SUFFIX = ".fewshot-backbone"
FORMAT = "fewshot-backbone"
VERSION = 1
MANIFEST, WEIGHTS = "manifest.json", "weights.safetensors"
# Sized from real files: a manifest is ~1 KB; the biggest network (Lite2) has 24.6 MB of float32 weights.
MAX_MANIFEST_BYTES = 1 << 20
MAX_WEIGHTS_BYTES = 40 << 20
# Parameters the feature extractor never uses (ImageNet logits); files may leave them out.
OPTIONAL_PREFIXES = ("classifier.",)


class BackboneFileError(Exception):
    """The file is not a usable backbone file; the message says why in plain words."""


def is_backbone_file_name(name: str | os.PathLike[str]) -> bool:
    return str(name).endswith(SUFFIX)


def save_backbone_file(
    path: str | os.PathLike[str],
    net: "torch.nn.Module",
    architecture: str,
    resolution: int,
    *,
    label: str = "meta-trained",
    info: dict[str, Any] | None = None,
) -> Path:
    """Write ``net`` (a FeatureNet) as a backbone file, atomically (a crash leaves the old file)."""
    from safetensors.torch import save

    if architecture not in BACKBONES:
        raise ValueError(f"unknown architecture {architecture!r}")
    state = {k: v.detach().to("cpu", copy=True).float().contiguous() for k, v in net.state_dict().items()
             if not k.startswith(OPTIONAL_PREFIXES) and v.is_floating_point()}
    weights = save(state)
    base = BACKBONES[architecture]
    manifest = {
        "format": FORMAT, "version": VERSION, "architecture": architecture, "resolution": int(resolution),
        "label": label, "mean": list(base.mean), "std": list(base.std), "feature_dim": base.feature_dim,
        "weights_sha256": hashlib.sha256(weights).hexdigest(), "info": info or {},
    }

    def write(fh) -> None:
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
            zf.writestr(WEIGHTS, weights)

    return atomic_write(path, write)


def _read_member(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        return read_capped(zf, name, limit)
    except MemberTooLarge as exc:
        raise BackboneFileError(message_of(exc)) from None


def _validate_manifest(raw: bytes) -> dict[str, Any]:
    try:
        m = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "the manifest is not valid JSON ({0})").format(str(exc))) from None
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "this is not a Fewshot Studio backbone file (wrong format tag)"))
    version = m.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "the manifest has no valid version ({0})").format(repr(version)))
    if version > VERSION:
        raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "backbone file version {0} is newer than this app understands").format(version))
    if m.get("architecture") not in BACKBONES:
        raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "unknown architecture {0}; known: {1}").format(
            repr(m.get("architecture")), ", ".join(BACKBONES)))
    res = m.get("resolution")
    if not isinstance(res, int) or isinstance(res, bool) or not 32 <= res <= 1024:
        raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "resolution {0} is not an integer between 32 and 1024").format(repr(res)))
    for key in ("mean", "std"):
        v = m.get(key)
        if not (isinstance(v, list) and len(v) == 3 and all(
                isinstance(x, (int, float)) and not isinstance(x, bool) and 0 < abs(x) < 10 for x in v)):
            raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "{0} must be three numbers").format(key))
    if not isinstance(m.get("weights_sha256"), str) or len(m["weights_sha256"]) != 64:
        raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "the manifest has no weights checksum"))
    return m


def read_backbone_file(path: str | os.PathLike[str]) -> tuple[dict[str, Any], dict[str, np.ndarray], str]:
    """Manifest, weights as numpy arrays, and the weights' sha256 — validated, without torch or pickle."""
    from safetensors.numpy import load

    p = Path(path)
    if not os.path.lexists(p):
        raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "{0}: no such backbone file").format(p))
    with format_errors(BackboneFileError, p.name):
        return _read_backbone_file(p, load)


def _read_backbone_file(p: Path, load) -> tuple[dict[str, Any], dict[str, np.ndarray], str]:
    try:
        with open_regular(p, MAX_MANIFEST_BYTES + MAX_WEIGHTS_BYTES + (1 << 20)) as fh, zipfile.ZipFile(fh) as zf:
            names = sorted(zf.namelist())
            if names != sorted([MANIFEST, WEIGHTS]):
                extra = ", ".join(n for n in names if n not in (MANIFEST, WEIGHTS)) or QT_TRANSLATE_NOOP("engine", "none")
                raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "{0} must hold exactly {1} and {2} (unexpected: {3})").format(
                    p.name, MANIFEST, WEIGHTS, extra))
            manifest = _validate_manifest(_read_member(zf, MANIFEST, MAX_MANIFEST_BYTES))
            weights = _read_member(zf, WEIGHTS, MAX_WEIGHTS_BYTES)
    except zipfile.BadZipFile:
        raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "{0} is not a backbone file (not a zip archive)").format(p.name)) from None
    sha = hashlib.sha256(weights).hexdigest()
    if sha != manifest["weights_sha256"]:
        raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "{0}: the weights do not match their checksum (damaged or edited file)").format(p.name))
    try:
        arrays = load(weights)
    except Exception as exc:  # safetensors raises its own error types for malformed headers
        raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "{0}: the weights cannot be read ({1})").format(p.name, str(exc))) from None
    return manifest, arrays, sha


def _check_state(arrays: dict[str, np.ndarray], expected: dict[str, "torch.Tensor"]) -> None:
    unexpected = sorted(set(arrays) - set(expected))
    missing = sorted(k for k in expected if k not in arrays and not k.startswith(OPTIONAL_PREFIXES)
                     and expected[k].is_floating_point())
    if unexpected or missing:
        raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "weights do not fit the network (unexpected {0}, missing {1})").format(
            str(unexpected[:3]), str(missing[:3])))
    for k, a in arrays.items():
        if tuple(a.shape) != tuple(expected[k].shape):
            raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "{0} has shape {1}, the network needs {2}").format(
                k, str(tuple(a.shape)), str(tuple(expected[k].shape))))
        if a.dtype not in (np.float32, np.float16):
            raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "{0} has dtype {1}; only float32/float16 are accepted").format(k, str(a.dtype)))
        if not np.isfinite(a).all():
            raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "{0} contains NaN or infinite values").format(k))


def spec_from_manifest(manifest: dict[str, Any]) -> BackboneSpec:
    base = BACKBONES[manifest["architecture"]]
    return dataclasses.replace(base, resolution=manifest["resolution"], label=str(manifest.get("label", "custom"))[:80],
                               mean=tuple(float(x) for x in manifest["mean"]), std=tuple(float(x) for x in manifest["std"]))


def load_backbone_file(path: str | os.PathLike[str], device: "str | torch.device") -> Backbone:
    """A read-only Backbone from a file; cached per (file version, device) like the stock ones."""
    p = Path(path).resolve()
    if not p.is_file():
        raise BackboneFileError(QT_TRANSLATE_NOOP("engine", "{0}: no such backbone file (or not a regular file)").format(p))
    st = p.stat()
    with format_errors(BackboneFileError, p.name):
        return _load_cached(str(p), st.st_mtime_ns, st.st_size, str(device))


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime_ns: int, size: int, device: str) -> Backbone:
    """The checksums are verified here, always. Whether the weights fit the network needs torch:
    that is checked here too, unless this very file (by its identity hash) was already checked
    and exported as an onnxruntime graph, which is then all a CPU needs; its network is built,
    and checked again, only if something asks for ``net``."""
    manifest, arrays, sha = read_backbone_file(path)
    spec = spec_from_manifest(manifest)

    def build() -> "torch.nn.Module":
        import torch

        net = build_network(spec, load_weights=False)
        with format_errors(BackboneFileError, Path(path).name):
            _check_state(arrays, net.state_dict())
        net.load_state_dict({k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in arrays.items()}, strict=False)
        return net.eval().requires_grad_(False).to(torch.device(device)).to(memory_format=torch.channels_last)

    return build_unless_exported(Backbone(spec=spec, device=device, weights_sha256=identity_sha256(manifest, sha),
                                          source=path, build=build))


def identity_sha256(manifest: dict[str, Any], weights_sha: str) -> str:
    """What the backbone id hashes: the weights *and* the preprocessing, because the same weights
    at another input resolution give other features, and embedding caches must never mix them."""
    key = json.dumps([weights_sha, manifest["architecture"], manifest["resolution"], manifest["mean"], manifest["std"]])
    return hashlib.sha256(key.encode()).hexdigest()


def describe_backbone_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The manifest only (for a file picker's tooltip): cheap, and as strictly validated."""
    manifest, _, sha = read_backbone_file(path)
    return {**manifest, "id": f"{manifest['architecture']}@{identity_sha256(manifest, sha)[:16]}"}


__all__ = ["SUFFIX", "BackboneFileError", "save_backbone_file", "load_backbone_file", "read_backbone_file",
           "describe_backbone_file", "is_backbone_file_name", "spec_from_manifest"]
