"""The public Python API: ``fewshot_studio.load_classifier(path).predict(images_or_paths)``.

A thin wrapper over the app's own ``TrainedClassifier``: paths go through the very pipeline the
app uses (same loader, same preprocessing, same embedding cache, same head and calibration), so a
script gets the probabilities the window shows. In-memory images (PIL or numpy) take the same
conversion and preprocessing, minus the cache.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import numpy as np

from fewshot_studio.core.classifier.trained import Predictions, TrainedClassifier
from fewshot_studio.core.imaging.images import ImageLoadError, SkippedFile
from fewshot_studio.core.util.progress import CancelToken, ProgressCallback, no_progress
from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP

ImageLike = Union[str, os.PathLike, "PIL.Image.Image", np.ndarray]  # noqa: F821
# predict() prunes the embedding cache (as the app and batch labelling do) once this many new
# entries were written since the last prune: a script calling it photo by photo pays one folder
# scan per thousand photos, and the cache overshoots its limit by at most ~8 MB meanwhile.
PRUNE_EVERY = 1000
_written_since_prune: int | None = None  # None: no prune yet in this process


@dataclass
class ClassifierPredictions(Predictions):
    """Row ``k`` of ``probs`` belongs to input ``index[k]``; unreadable inputs are in ``skipped``.
    ``probs`` are the calibrated probabilities, the numbers the app shows."""

    class_names: list[str] = field(default_factory=list)
    index: list[int] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.probs)

    @property
    def labels(self) -> list[str]:
        """The most likely class name of each image (check ``unknown`` and ``unsure`` before trusting it)."""
        return [self.class_names[i] for i in self.top]

    def top_k(self, k: int = 3) -> list[list[tuple[str, float]]]:  # type: ignore[override] - names, not indices
        """The ``k`` most likely classes of each image, best first, as ``(class name, probability)``."""
        order = np.argsort(-self.probs, axis=1, kind="stable")[:, :k]
        return [[(self.class_names[c], float(p[c])) for c in row] for row, p in zip(order, self.probs)]


def _as_list(inputs: ImageLike | Iterable[ImageLike]) -> list[Any]:
    from PIL import Image

    if isinstance(inputs, (str, os.PathLike, Image.Image)) or (isinstance(inputs, np.ndarray) and inputs.ndim in (2, 3)):
        return [inputs]
    return list(inputs)


def _to_image(item: Any):
    """A PIL image or an (H, W[, 3|4]) uint8 array → the RGB image the app would have loaded."""
    from PIL import Image, ImageOps

    from fewshot_studio.core.imaging.images import _to_rgb

    if isinstance(item, np.ndarray):
        if item.dtype != np.uint8 or item.ndim not in (2, 3):
            raise TypeError("numpy images must be uint8 arrays of shape (H, W), (H, W, 3) or (H, W, 4)")
        item = Image.fromarray(item)
    if not isinstance(item, Image.Image):
        raise TypeError(f"cannot predict on {type(item).__name__}: give file paths, PIL images or uint8 arrays")
    return _to_rgb(ImageOps.exif_transpose(item))


class Classifier:
    """A classifier loaded from a ``.fewshot`` file.

    ``predict`` takes one or many file paths, PIL images or uint8 numpy arrays and returns
    ``ClassifierPredictions`` (``.probs``, ``.labels``, ``.confidence``, ``.unsure``,
    ``.known_score``, ``.unknown``, ``.status``, ``.top_k()``).
    """

    def __init__(self, trained: TrainedClassifier, manifest: dict[str, Any], path: Path | None = None,
                 device: str | None = None) -> None:
        self.trained = trained
        self.manifest = manifest
        self.path = path
        self.device = device

    @property
    def class_names(self) -> list[str]:
        """The classes, in the order of the columns of ``probs`` (a copy: editing it changes nothing)."""
        return list(self.trained.class_names)

    @property
    def threshold(self) -> float:
        """Confidence below which a prediction is ``unsure`` (torn between classes), as chosen when the
        file was trained."""
        return self.trained.threshold

    @property
    def unknown_threshold(self) -> float:
        """``known_score`` below which a photo is "None of these" (looks like no taught class)."""
        return self.trained.unknown_threshold

    @property
    def has_known_score(self) -> bool:
        """False for a file from before the familiarity score: ``known_score`` is then NaN."""
        return self.trained.familiarity is not None

    @property
    def metrics(self) -> dict[str, Any]:
        """What training measured (held-out accuracy, ``n_heldout``, calibration error, …), JSON-able."""
        return dict(self.trained.metrics)

    def __repr__(self) -> str:
        return f"Classifier({len(self.class_names)} classes: {', '.join(self.class_names[:5])}{'…' if len(self.class_names) > 5 else ''})"

    def predict_paths(self, paths: Sequence[str], *, progress: ProgressCallback = no_progress,
                      cancel: CancelToken | None = None, device: str | None = None):
        """The app's shape: ``(Predictions, EmbedResult)`` (used by the self-test and the GUI)."""
        return self.trained.predict_paths(paths, progress=progress, cancel=cancel, device=device or self.device)

    def predict(self, images_or_paths: ImageLike | Iterable[ImageLike], *, skip_unreadable: bool = False,
                use_cache: bool = True, progress: ProgressCallback = no_progress,
                cancel: CancelToken | None = None) -> ClassifierPredictions:
        """Calibrated probabilities for each input, in input order.

        An unreadable file raises ``ImageLoadError`` (its message says why), unless
        ``skip_unreadable`` is set: then it is left out and listed in ``.skipped``. Paths use the
        app's embedding cache (kept under its size limit, ``FEWSHOT_CACHE_MAX_MB``), unless
        ``use_cache=False``: then nothing is read from it or written to it.
        """
        items = _as_list(images_or_paths)
        n_classes = len(self.class_names)
        probs = np.zeros((len(items), n_classes), dtype=np.float64)
        known = np.full(len(items), np.nan, dtype=np.float32)
        ok = np.zeros(len(items), dtype=bool)
        skipped: dict[int, SkippedFile] = {}
        path_pos = [i for i, it in enumerate(items) if isinstance(it, (str, os.PathLike))]
        if path_pos:
            pred, emb = self._predict_paths([str(items[i]) for i in path_pos], use_cache, progress, cancel)
            for k, j in enumerate(emb.index):
                probs[path_pos[j]], known[path_pos[j]], ok[path_pos[j]] = pred.probs[k], pred.known_score[k], True
            by_path = {s.path: s for s in emb.skipped}
            for i in path_pos:
                if not ok[i]:
                    skipped[i] = by_path.get(str(items[i]), SkippedFile(str(items[i]), QT_TRANSLATE_NOOP("engine", "could not be read")))
        image_pos = [i for i, it in enumerate(items) if not isinstance(it, (str, os.PathLike))]
        if image_pos:
            feats = self._embed_images([items[i] for i in image_pos], cancel)
            pred = self.trained.predict_features(feats)
            probs[image_pos], known[image_pos] = pred.probs, pred.known_score
            ok[image_pos] = True
        if skipped and not skip_unreadable:
            first = skipped[min(skipped)]
            raise ImageLoadError(first.path, first.reason)
        index = [i for i in range(len(items)) if ok[i]]
        return ClassifierPredictions(probs[index].astype(np.float32), self.threshold, known[index],
                                     self.unknown_threshold, class_names=self.class_names, index=index,
                                     skipped=[skipped[i] for i in sorted(skipped)])

    def _predict_paths(self, paths: list[str], use_cache: bool, progress: ProgressCallback,
                       cancel: CancelToken | None):
        from fewshot_studio.core.features.embeddings import embed_paths

        emb = embed_paths(paths, self.trained.backbone(self.device), tta=self.trained.tta, use_cache=use_cache,
                          progress=progress, cancel=cancel)
        if use_cache:
            _keep_cache_under_limit(len(emb.index) - emb.cache_hits)
        return self.trained.predict_features(emb.features), emb

    def _embed_images(self, images: list[Any], cancel: CancelToken | None) -> np.ndarray:
        from fewshot_studio.core.features.backbone import preprocess
        from fewshot_studio.core.features.onnx_runner import embed_batch

        bb = self.trained.backbone(self.device)
        out = []
        for s in range(0, len(images), bb.batch_size):
            if cancel is not None:
                cancel.raise_if_cancelled()
            batch = np.stack([preprocess(_to_image(im), bb.spec) for im in images[s : s + bb.batch_size]])
            out.append(embed_batch(bb, batch, flip=self.trained.tta))  # the rule paths go through too
        return np.concatenate(out)


def _keep_cache_under_limit(new_entries: int) -> None:
    """Prune after the first call that wrote entries, then every ``PRUNE_EVERY`` new entries."""
    global _written_since_prune
    if new_entries <= 0:
        return
    written = (_written_since_prune or 0) + new_entries
    if _written_since_prune is None or written >= PRUNE_EVERY:
        from fewshot_studio.core.features.cache_limit import prune_embeddings

        prune_embeddings()
        written = 0
    _written_since_prune = written


__all__ = ["Classifier", "ClassifierPredictions"]
