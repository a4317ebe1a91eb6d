"""The ``.fewshot`` classifier file: what a trained classifier is when it leaves the app.

A zip holding ``manifest.json`` (class names, backbone id and checksum, preprocessing,
calibration, accuracy at export time, app and format versions), ``head.safetensors`` (the fitted
method's arrays) and, for a fine-tuned or custom backbone, ``backbone.safetensors``. No pickle,
ever: a classifier file is shared between people, and unpickling can run arbitrary code. Loading
reads members by name (nothing is extracted), refuses any other member, caps sizes before
decompressing, checks every member's sha256 and the stock backbone's weights checksum, and only
builds methods from the app's own registry.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from fewshot_studio._version import __version__
from fewshot_studio.core.classifier.loaded import Classifier
from fewshot_studio.core.classifier.manifest import (
    BACKBONE,
    FORMAT,
    FORMAT_VERSION,
    HEAD,
    MANIFEST,
    ClassifierFileError,
    parse_manifest,
)
from fewshot_studio.core.classifier.trained import TrainedClassifier
from fewshot_studio.core.features.backbone import BACKBONES, BackboneSpec, file_sha256, preprocessing_manifest
from fewshot_studio.core.methods.familiarity import DEFAULT_UNKNOWN_THRESHOLD, Familiarity
from fewshot_studio.core.util.atomic import atomic_write
from fewshot_studio.core.util.regular_files import open_regular
from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP, message_of
from fewshot_studio.core.util.zip_members import MemberTooLarge, format_errors, read_capped

SUFFIX = ".fewshot"
# The familiarity score's arrays travel in head.safetensors under this prefix (an older app that
# reads the file ignores them and predicts as before).
FAMILIARITY_PREFIX = "familiarity."
# Sized from what real files hold, with room to spare, so a crafted 1 MB file cannot make the reader
# allocate gigabytes: a manifest is a few KB; the biggest head (logistic regression, 1,000 classes x
# Lite2's 1,840 features, float32) is 7.4 MB, plus the familiarity score's bank of labelled photos
# (2.5 KB each in float16: 64 MB holds a project of about 23,000 photos); the biggest backbone
# (Lite2) 24.6 MB of float32 weights.
LIMITS = {MANIFEST: 1 << 20, HEAD: 64 << 20, BACKBONE: 40 << 20}
MAX_FILE_BYTES = sum(LIMITS.values()) + (1 << 20)


def _stock_id(spec: BackboneSpec) -> str:
    return f"{spec.name}@{file_sha256(spec.weights_path())[:16]}"


def _backbone_weights(clf: TrainedClassifier) -> tuple[dict[str, np.ndarray] | None, BackboneSpec]:
    """The weights the file must carry (None: the stock ones) and the spec they run at."""
    if clf.backbone_state is not None:
        return clf.backbone_state, BACKBONES[clf.backbone_name]
    bb = clf._backbone
    if bb is not None and (getattr(bb, "source", None) or bb.id != _stock_id(bb.spec)):
        # A meta-trained backbone file or an in-memory fine-tune: carry it, the file must stand alone.
        return {k: v.detach().cpu().numpy() for k, v in bb.net.state_dict().items()}, bb.spec
    spec = BACKBONES.get(clf.backbone_name)
    if spec is None:
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "unknown backbone {0}").format(repr(clf.backbone_name)))
    if clf.backbone_id != _stock_id(spec):
        raise ClassifierFileError(QT_TRANSLATE_NOOP(
            "engine", "this classifier was trained on backbone {0}, which is not the installed {1}, and its weights are "
            "not attached to it (a custom backbone file?)").format(clf.backbone_id, _stock_id(spec)))
    return None, spec


def _json_safe(value: Any) -> Any:
    """Metrics as strict JSON: numpy numbers become numbers, NaN and infinity become null."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_json_safe(v) for v in (value.tolist() if isinstance(value, np.ndarray) else value)]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if np.isfinite(value) else None
    return value if value is None or isinstance(value, str) else str(value)


def save_classifier(classifier: TrainedClassifier, path: str | os.PathLike[str]) -> Path:
    """Write ``classifier`` as a ``.fewshot`` file, atomically (a crash leaves the old file whole)."""
    from safetensors.numpy import save
    try:
        head_state = {k: np.ascontiguousarray(v) for k, v in classifier.method.state().items()}
    except NotImplementedError as exc:
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "this classifier cannot be saved: {0}").format(str(exc))) from None
    fam = classifier.familiarity
    if fam is not None:
        head_state.update({FAMILIARITY_PREFIX + k: np.ascontiguousarray(v) for k, v in fam.state().items()})
    head = save(head_state)
    state, spec = _backbone_weights(classifier)
    members = {HEAD: head}
    if state is not None:
        members[BACKBONE] = save({k: np.ascontiguousarray(v) for k, v in state.items()})
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "class_names": list(classifier.class_names),
        "backbone": {
            "name": spec.name,
            "id": classifier.backbone_id,
            "weights": "stock" if state is None else "embedded",
            "stock_weights_file": spec.weights_path().name if state is None else None,
        },
        "preprocessing": preprocessing_manifest(spec),
        "head": {"method": classifier.method.name, "config": classifier.method.config()},
        "temperature": float(classifier.temperature),
        "threshold": float(classifier.threshold),
        **({"familiarity": fam.config(), "unknown_threshold": float(classifier.unknown_threshold)} if fam else {}),
        "tta": bool(classifier.tta),
        "metrics": _json_safe(classifier.metrics),
        "members": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    }

    def write(fh) -> None:
        with zipfile.ZipFile(fh, "w") as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2), compress_type=zipfile.ZIP_DEFLATED)
            for name, data in members.items():  # weights barely compress: stored, so loading is a read
                zf.writestr(name, data, compress_type=zipfile.ZIP_STORED)

    return atomic_write(path, write)


def _read_member(zf: zipfile.ZipFile, name: str, label: str) -> bytes:
    try:
        return read_capped(zf, name, LIMITS[name])
    except MemberTooLarge as exc:
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: {1}").format(label, message_of(exc))) from None


def read_classifier_file(path: str | os.PathLike[str]) -> tuple[dict[str, Any], dict[str, np.ndarray], dict[str, np.ndarray] | None]:
    """Manifest, head arrays and backbone arrays (or None) — validated, without torch or pickle."""
    from safetensors.numpy import load

    p = Path(path)
    label = p.name
    if not os.path.lexists(p):
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: no such classifier file").format(p))
    with format_errors(ClassifierFileError, label):
        return _read_classifier_file(p, label, load)


def _read_classifier_file(p: Path, label: str, load) -> tuple[dict[str, Any], dict[str, np.ndarray], dict[str, np.ndarray] | None]:
    try:
        with open_regular(p, MAX_FILE_BYTES) as fh, zipfile.ZipFile(fh) as zf:
            names = set(zf.namelist())
            unexpected = sorted(names - {MANIFEST, HEAD, BACKBONE})
            if unexpected or not {MANIFEST, HEAD} <= names:
                raise ClassifierFileError(QT_TRANSLATE_NOOP(
                    "engine", "{0} must hold {1} and {2} (and optionally {3}) and nothing else; found {4}").format(
                    label, MANIFEST, HEAD, BACKBONE, ", ".join(sorted(names)) or QT_TRANSLATE_NOOP("engine", "nothing")))
            manifest = parse_manifest(_read_member(zf, MANIFEST, label), label)
            raw = {name: _read_member(zf, name, label) for name in (HEAD, BACKBONE) if name in names}
    except zipfile.BadZipFile as exc:
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0} is damaged or truncated, or not a classifier file ({1})").format(
            label, str(exc))) from None
    except (EOFError, OSError) as exc:
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0} could not be read completely (truncated?): {1}").format(
            label, exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc))) from None
    if set(raw) != set(manifest["members"]):
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: the stored weights do not match the manifest's list").format(label))
    arrays: dict[str, dict[str, np.ndarray]] = {}
    for name, data in raw.items():
        if hashlib.sha256(data).hexdigest() != manifest["members"][name]:
            raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: {1} does not match its checksum (the file is damaged or was edited)").format(
                label, name))
        try:
            arrays[name] = load(data)
        except Exception as exc:  # safetensors raises its own types for malformed headers
            raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: {1} cannot be read ({2})").format(label, name, str(exc))) from None
        for key, a in arrays[name].items():
            if a.dtype.kind == "f" and not np.isfinite(a).all():
                raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: {1} / {2} contains NaN or infinite values").format(label, name, key))
    return manifest, arrays[HEAD], arrays.get(BACKBONE)


def _spec_for(manifest: dict[str, Any], label: str) -> BackboneSpec:
    name = manifest["backbone"]["name"]
    if name not in BACKBONES:
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0} needs backbone {1}, which this app does not have "
                                                    "(it knows {2})").format(label, repr(name), ", ".join(BACKBONES)))
    pre = manifest["preprocessing"]
    return dataclasses.replace(BACKBONES[name], resolution=pre["resize_shorter_side_to"],
                               mean=tuple(float(x) for x in pre["mean"]), std=tuple(float(x) for x in pre["std"]))


def _embedded_backbone(spec: BackboneSpec, state: dict[str, np.ndarray], device: str | None, label: str):
    """The fine-tuned network from the file's arrays; its id is derived from them, never taken on
    trust. As for backbone files, checking that the arrays fit the network needs torch, and is
    left to the first use of ``net`` only where this very state was already checked and exported
    as an onnxruntime graph, which is all a CPU needs."""
    from fewshot_studio.core.features.backbone import Backbone, build_network
    from fewshot_studio.core.features.backbone_file import BackboneFileError, _check_state
    from fewshot_studio.core.features.devices import pick_device_name
    from fewshot_studio.core.features.onnx_runner import build_unless_exported
    from fewshot_studio.core.tuning.finetune import state_sha256

    def build():
        import torch

        net = build_network(spec, load_weights=False)
        floats = {k: v for k, v in state.items() if v.dtype.kind == "f"}
        try:
            _check_state(floats, net.state_dict())
        except BackboneFileError as exc:
            raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: the backbone weights do not fit {1} ({2})").format(
                label, spec.name, message_of(exc))) from None
        net.load_state_dict({k: torch.from_numpy(np.array(v)) for k, v in state.items()}, strict=False)
        return net.eval().requires_grad_(False).to(torch.device(dev)).to(memory_format=torch.channels_last)

    sha = state_sha256(state)
    if spec != BACKBONES[spec.name]:  # other preprocessing gives other features: a different id
        key = json.dumps([sha, spec.name, spec.resolution, list(spec.mean), list(spec.std)])
        sha = hashlib.sha256(key.encode()).hexdigest()
    dev = pick_device_name(device)
    return build_unless_exported(Backbone(spec=spec, device=dev, weights_sha256=sha, build=build))


def _method_from(manifest: dict[str, Any], state: dict[str, np.ndarray], label: str):
    from fewshot_studio.core.methods import METHODS

    head = manifest["head"]
    cls = METHODS.get(head["method"])
    if cls is None:
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0} uses the method {1}, which this app does not know "
                                                    "(it knows {2}); update Fewshot Studio").format(
            label, repr(head["method"]), ", ".join(METHODS)))
    try:
        return cls.from_state(head.get("config", {}), dict(state))
    except (KeyError, TypeError, ValueError, NotImplementedError) as exc:
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: the {1} head cannot be rebuilt ({2})").format(
            label, head["method"], repr(exc))) from None


def _familiarity_from(manifest: dict[str, Any], state: dict[str, np.ndarray], label: str) -> Familiarity | None:
    if "familiarity" not in manifest:
        if state:
            raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: familiarity arrays without their settings in the manifest").format(label))
        return None  # a file from before the score: predicts as it always did, never "None of these"
    try:
        return Familiarity.from_state(manifest["familiarity"], state)
    except (KeyError, TypeError, ValueError) as exc:
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: the familiarity score cannot be rebuilt ({1})").format(label, repr(exc))) from None


def load_trained_classifier(path: str | os.PathLike[str], device: str | None = None) -> tuple[TrainedClassifier, dict[str, Any]]:
    """The app's own ``TrainedClassifier`` from a file (for re-labelling, export, the GUI) + manifest.

    Any failure, however deep, is a ``ClassifierFileError`` naming the file."""
    label = Path(path).name
    manifest, head_state, bb_state = read_classifier_file(path)
    with format_errors(ClassifierFileError, label):
        return _build_classifier(manifest, head_state, bb_state, device, label)


def _build_classifier(manifest: dict[str, Any], head_state: dict[str, np.ndarray], bb_state: dict[str, np.ndarray] | None,
                      device: str | None, label: str) -> tuple[TrainedClassifier, dict[str, Any]]:
    spec = _spec_for(manifest, label)
    backbone = None
    if bb_state is None:
        stock = BACKBONES[spec.name]
        if spec != stock:
            raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: its preprocessing differs from the stock {1} backbone").format(
                label, spec.name))
        try:
            installed = _stock_id(stock)
        except RuntimeError as exc:  # the weights package is not installed
            raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: {1}").format(label, message_of(exc))) from None
        if manifest["backbone"]["id"] != installed:
            raise ClassifierFileError(QT_TRANSLATE_NOOP(
                "engine", "{0} was made with backbone weights {1}, but this installation has {2} (the checksums "
                "differ): its predictions would be wrong here").format(label, manifest["backbone"]["id"], installed))
        backbone_id = installed
    else:
        backbone = _embedded_backbone(spec, bb_state, device, label)
        backbone_id = backbone.id
    fam_state = {k[len(FAMILIARITY_PREFIX):]: v for k, v in head_state.items() if k.startswith(FAMILIARITY_PREFIX)}
    method = _method_from(manifest, {k: v for k, v in head_state.items() if not k.startswith(FAMILIARITY_PREFIX)}, label)
    familiarity = _familiarity_from(manifest, fam_state, label)
    clf = TrainedClassifier(
        class_names=list(manifest["class_names"]), method=method, backbone_name=spec.name, backbone_id=backbone_id,
        temperature=float(manifest["temperature"]), threshold=float(manifest["threshold"]),
        tta=bool(manifest.get("tta", False)), metrics=dict(manifest.get("metrics", {})),
        backbone_state=bb_state if bb_state is not None and spec == BACKBONES[spec.name] else None,
        familiarity=familiarity,
        unknown_threshold=float(manifest.get("unknown_threshold", DEFAULT_UNKNOWN_THRESHOLD)),
        _backbone=backbone,
    )
    _check_head(clf, spec, label)
    return clf, manifest


def _check_head(clf: TrainedClassifier, spec: BackboneSpec, label: str) -> None:
    """A head whose arrays do not fit the classes or the feature size fails here, not mid-batch; so
    does one that gives NaN or infinite scores on ordinary features (a config like ``power=1e308``):
    a NaN confidence would otherwise send every photo to the first class."""
    parts = clf.method.parts
    if parts and tuple(parts) != spec.parts:
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: the head was fitted on an embedding laid out as {1}, "
                                                    "but {2} gives {3}").format(label, str(list(parts)), spec.name,
                                                                                str(list(spec.parts))))
    width = sum(parts) if parts else spec.feature_dim  # a head without parts reads the standard feature
    fam = clf.familiarity
    if fam is not None and fam.width != (spec.parts[0] if spec.parts else spec.feature_dim):
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: the familiarity score was made for {1}-d features, "
                                                    "which {2} does not give").format(label, fam.width, spec.name))
    rng = np.random.default_rng(0)  # zeros, then features shaped like real ones (non-negative, and signed)
    probes = np.concatenate([np.zeros((2, width)), rng.uniform(0, 2, (4, width)), rng.normal(0, 1, (2, width))])
    try:
        pred = clf.predict_features(probes.astype(np.float32))
    except Exception as exc:  # noqa: BLE001 - any shape error in foreign arrays becomes one message
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: the head's arrays do not fit a {1}-d feature ({2})").format(
            label, width, str(exc))) from None
    probs = pred.probs
    if probs.shape != (len(probes), len(clf.class_names)):
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: the head gives {1} scores for {2} classes").format(
            label, probs.shape[-1], len(clf.class_names)))
    if not np.isfinite(probs).all():
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: the head gives NaN or infinite scores on ordinary "
                                                    "features (its settings or arrays are damaged or were edited)").format(label))
    if fam is not None and not np.isfinite(pred.known_score).all():
        raise ClassifierFileError(QT_TRANSLATE_NOOP("engine", "{0}: the familiarity score gives NaN on ordinary features").format(label))


def load_classifier(path: str | os.PathLike[str], device: str | None = None) -> Classifier:
    """The public object: ``load_classifier(path).predict(images_or_paths)`` (see ``Classifier``)."""
    clf, manifest = load_trained_classifier(path, device)
    return Classifier(clf, manifest, Path(path), device)


def describe_classifier_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The validated manifest only (for a file dialog or ``export``'s summary)."""
    return read_classifier_file(path)[0]


__all__ = ["SUFFIX", "Classifier", "ClassifierFileError", "save_classifier", "read_classifier_file", "load_trained_classifier",
           "load_classifier", "describe_classifier_file"]
