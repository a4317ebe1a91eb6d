"""Export a classifier as one ONNX graph (backbone + head + calibrated softmax), checked on real images.

The graph takes what any language can produce after a resize: uint8 RGB pixels ``(N, H, W, 3)``,
shorter side resized (bicubic) to the resolution and centre-cropped; the normalisation is baked
in. Its outputs are ``probabilities`` (N, C) and, for a classifier with a familiarity score,
``known_score`` (N,): below the ``unknown_threshold`` in the metadata a photo is "None of these".
Class names, thresholds and the preprocessing recipe ride along as ONNX metadata. Every
export is followed by a parity check — onnxruntime against the app's own prediction on real
photos — and a file that disagrees is never put in place.
"""
from __future__ import annotations

import contextlib
import copy
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from fewshot_studio._version import __version__
from fewshot_studio.core.classifier.trained import TrainedClassifier
from fewshot_studio.core.features.backbone import BackboneSpec, crop_uint8, preprocessing_manifest
from fewshot_studio.core.features.onnx_runner import export_graph, fsync_file
from fewshot_studio.core.imaging.images import ImageLoadError, SkippedFile, iter_images, load_image
from fewshot_studio.core.util.progress import CancelToken, Progress, ProgressCallback, no_progress

TOLERANCE = 1e-4
MAX_CHECK_IMAGES = 32
INPUT, OUTPUT, KNOWN_OUTPUT = "image", "probabilities", "known_score"
INPUT_FORMAT = ("uint8 RGB, shape (N, H, W, 3) with H = W = the resolution: resize the shorter side to the "
                "resolution (bicubic), then centre-crop; normalisation is inside the graph")


class ExportError(Exception):
    """The export could not be made or did not pass its check; the message is for the user."""

    def __init__(self, message: str, parity: ParityReport | None = None):
        super().__init__(message)
        self.parity = parity


@dataclass
class ParityReport:
    """onnxruntime vs the app on the same real images."""

    n_images: int
    same_top: int
    max_abs_diff: float
    tolerance: float = TOLERANCE
    skipped: list[SkippedFile] = field(default_factory=list)
    onnx_ms_per_image: float = float("nan")
    known_score_max_diff: float = float("nan")  # NaN: the classifier has no familiarity score

    @property
    def passed(self) -> bool:
        return self.n_images > 0 and self.same_top == self.n_images and self.max_abs_diff < self.tolerance

    def summary(self) -> str:
        verdict = "PASSED" if self.passed else "FAILED"
        known = "" if not np.isfinite(self.known_score_max_diff) else (
            f", largest known_score difference {self.known_score_max_diff:.1e}")
        return (f"Parity check {verdict} on {self.n_images} real images: same top class on "
                f"{self.same_top}/{self.n_images}, largest probability difference {self.max_abs_diff:.1e}{known} "
                f"(must be < {self.tolerance:.0e})")


@dataclass
class ExportReport:
    path: Path
    parity: ParityReport
    seconds: float
    size_bytes: int


def default_check_images() -> list[str]:
    """Real photos that ship with the app (the demo project), for a check when none are given."""
    from fewshot_studio.resources import resource_path

    try:
        return [str(p) for p in iter_images(resource_path("demo"), recursive=True)]
    except (FileNotFoundError, ImageLoadError):
        return []


def _pick(paths: Sequence[str], n: int) -> list[str]:
    """Spread over the list (images come sorted by class), not the first n of one class."""
    paths = list(paths)
    if len(paths) <= n:
        return paths
    return [paths[int(i)] for i in np.linspace(0, len(paths) - 1, n)]


def _add_metadata(path: Path, classifier: TrainedClassifier, spec: BackboneSpec) -> None:
    import onnx
    model = onnx.load(str(path))
    meta = {
        "class_names": json.dumps(list(classifier.class_names)),
        "threshold": repr(float(classifier.threshold)),
        **({"unknown_threshold": repr(float(classifier.unknown_threshold)),
            "outputs": json.dumps([OUTPUT, KNOWN_OUTPUT])} if classifier.familiarity is not None else
           {"outputs": json.dumps([OUTPUT])}),
        "temperature": repr(float(classifier.temperature)),
        "input_format": INPUT_FORMAT,
        "preprocessing": json.dumps({**preprocessing_manifest(spec), "layout": "NHWC uint8 (normalised in the graph)"}),
        "backbone_id": classifier.backbone_id,
        "fewshot_studio_version": __version__,
    }
    del model.metadata_props[:]
    for k, v in meta.items():
        model.metadata_props.add(key=k, value=v)
    model.doc_string = f"Fewshot Studio classifier: {', '.join(classifier.class_names)}. Input: {INPUT_FORMAT}."
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def check_parity(classifier: TrainedClassifier, onnx_path: str | os.PathLike[str], image_paths: Sequence[str], *,
                 tolerance: float = TOLERANCE, max_images: int = MAX_CHECK_IMAGES,
                 cancel: CancelToken | None = None) -> ParityReport:
    """Run onnxruntime and the app on the same images and compare the probabilities."""
    import onnxruntime as ort

    paths = _pick([str(p) for p in image_paths], max_images)
    pred, emb = classifier.predict_paths(paths, cancel=cancel)
    kept = [paths[i] for i in emb.index]
    spec = classifier.backbone().spec
    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    outputs = [o.name for o in session.get_outputs()]
    has_known = KNOWN_OUTPUT in outputs
    if has_known != (classifier.familiarity is not None):
        return ParityReport(len(kept), 0, float("inf"), tolerance, emb.skipped)
    started = time.perf_counter()
    out, known = [], []
    for s in range(0, len(kept), 16):
        if cancel is not None:
            cancel.raise_if_cancelled()
        batch = np.stack([crop_uint8(load_image(p), spec) for p in kept[s : s + 16]])
        res = session.run([OUTPUT, KNOWN_OUTPUT] if has_known else [OUTPUT], {INPUT: batch})
        out.append(res[0])
        if has_known:
            known.append(res[1])
    if not kept:
        return ParityReport(0, 0, float("inf"), tolerance, emb.skipped)
    onnx_probs = np.concatenate(out)
    ms = 1000 * (time.perf_counter() - started) / len(kept)
    same = int((onnx_probs.argmax(1) == pred.probs.argmax(1)).sum())
    diff = float(np.abs(onnx_probs.astype(np.float64) - pred.probs).max())
    known_diff = float("nan")
    if has_known:
        known_diff = float(np.abs(np.concatenate(known).astype(np.float64) - pred.known_score).max())
    return ParityReport(len(kept), same, max(diff, known_diff) if has_known else diff, tolerance,
                        emb.skipped, ms, known_diff)


def export_onnx(classifier: TrainedClassifier, path: str | os.PathLike[str], *, check_images: Sequence[str] = (),
                progress: ProgressCallback = no_progress, cancel: CancelToken | None = None) -> ExportReport:
    """Write ``path`` (only if the parity check passes) and return the check's figures.

    ``check_images`` are the user's photos; without them the demo photos that ship with the app
    are used, so the check always runs on real images.
    """
    from fewshot_studio.core.classifier.onnx_heads import pipeline_module

    started = time.perf_counter()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    images = [str(p) for p in check_images] or default_check_images()
    if not images:
        raise ExportError("no images to check the export on: give a few of your photos")
    stage = "Exporting to ONNX"
    progress(Progress(stage, 0, 3))
    bb = classifier.backbone()
    net = copy.deepcopy(bb.net).to("cpu").float()
    try:
        module = pipeline_module(net, classifier.method, bb.spec, classifier.temperature, classifier.tta,
                                 classifier.familiarity)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        import torch

        open(tmp, "wb").close()  # a read-only or full folder fails here (OSError), not after minutes of work
        res = bb.spec.resolution
        outputs = [OUTPUT, KNOWN_OUTPUT] if classifier.familiarity is not None else [OUTPUT]
        export_graph(module, torch.zeros(2, res, res, 3, dtype=torch.uint8), tmp, INPUT, outputs)
        _add_metadata(tmp, classifier, bb.spec)
        progress(Progress(stage, 1, 3))
        if cancel is not None:
            cancel.raise_if_cancelled()
        parity = check_parity(classifier, tmp, images, cancel=cancel)
        progress(Progress(stage, 2, 3))
        if not parity.passed:
            raise ExportError(f"The ONNX file disagrees with the app, so it was not saved. {parity.summary()}", parity)
        fsync_file(tmp)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    progress(Progress(stage, 3, 3))
    return ExportReport(target, parity, time.perf_counter() - started, target.stat().st_size)


__all__ = ["ExportError", "ExportReport", "ParityReport", "check_parity", "export_onnx",
           "default_check_images", "INPUT", "OUTPUT", "KNOWN_OUTPUT"]
