"""Predictions for an endless stream of photos, at the backbone's speed, in flat memory.

A thread pool hashes, looks up the embedding cache, decodes and preprocesses a few batches ahead
while the network runs on the current batch; results come out in input order, one batch at a
time, so 20,000 photos cost no more memory than 200. The network is the app's backbone run either
by torch (batched, channels-last, inference mode) or by onnxruntime on a graph exported from the
very same weights — measured 2.9x faster than torch on a 2-core CPU even with torch's small
passes (benchmarks/RESULTS.md), so ``auto`` follows the app's rule (``features.onnx_runner``):
onnxruntime on a CPU. Preprocessing, the runner and the head are the app's own, so labels match
the window.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from fewshot_studio.core.classifier.trained import TrainedClassifier
from fewshot_studio.core.features.backbone import Backbone, preprocess
from fewshot_studio.core.features.embedding_cache import EmbeddingCache
from fewshot_studio.core.features.embeddings import _hash_one, cache_for, default_workers
from fewshot_studio.core.imaging.images import ImageLoadError, load_image
from fewshot_studio.core.util.progress import CancelToken

ENGINES = ("auto", "onnx", "torch")


@dataclass
class BatchOutcome:
    """One batch, in input order: ``probs[k]`` and ``known[k]`` belong to ``paths[ok[k]]``; the rest
    are in ``errors``. ``known`` is NaN for a classifier without a familiarity score."""

    paths: list[str]
    probs: np.ndarray
    ok: list[int]
    errors: dict[int, str] = field(default_factory=dict)
    known: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.known is None:
            self.known = np.full(len(self.probs), np.nan, dtype=np.float32)


class TorchEngine:
    name = "torch"

    def __init__(self, backbone: Backbone, tta: bool):
        self.backbone, self.tta = backbone, tta

    def features(self, batch: np.ndarray) -> np.ndarray:
        return self.backbone.embed_arrays(batch, flip=self.tta)


class OnnxEngine:
    """The backbone as an ONNX graph: the same runner the app embeds with on a CPU."""

    name = "onnx"

    def __init__(self, backbone: Backbone, tta: bool, threads: int | None = None):
        from fewshot_studio.core.features.onnx_runner import OnnxBackbone, runner_for

        self.tta = tta
        self.runner = OnnxBackbone(backbone, threads) if threads else runner_for(backbone)

    def features(self, batch: np.ndarray) -> np.ndarray:
        return self.runner.features(batch, self.tta)


def make_engine(classifier: TrainedClassifier, engine: str = "auto", device: str | None = None):
    """``auto``: the app's own rule (onnxruntime on a CPU when installed, torch on a GPU)."""
    from fewshot_studio.core.features.onnx_runner import onnx_engine_wanted

    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    bb = classifier.backbone(device)
    if engine == "torch" or (engine == "auto" and not onnx_engine_wanted(bb)):
        return TorchEngine(bb, classifier.tta)
    try:
        return OnnxEngine(bb, classifier.tta)
    except ImportError:
        if engine == "onnx":
            raise
        return TorchEngine(bb, classifier.tta)


def _load(path: str, backbone: Backbone, caches: list[EmbeddingCache]):
    """Worker thread: ('feat', vector, key) from the cache, ('arr', pixels, key), or ('err', reason, None)."""
    key, err = _hash_one(path, bool(caches))
    if err is not None:
        return "err", err.reason, None
    for cache in caches:
        vec = cache.get(key)
        if vec is not None:
            return "feat", vec, key
    try:
        return "arr", preprocess(load_image(path), backbone.spec), key
    except ImageLoadError as exc:
        return "err", exc.reason, None


def predict_stream(paths: Iterable[str], classifier: TrainedClassifier, engine=None, *, batch_size: int = 32,
                   workers: int | None = None, use_cache: bool = True, device: str | None = None,
                   cancel: CancelToken | None = None) -> Iterator[BatchOutcome]:
    """Yield one ``BatchOutcome`` per ``batch_size`` paths, in order, decoding ahead in a thread pool."""
    engine = engine or make_engine(classifier, "auto", device)
    backbone = classifier.backbone(device)
    caches = cache_list(engine, backbone, classifier.tta, use_cache)
    it = iter(paths)
    ahead = max(2, 3 * batch_size)  # bounded read-ahead: memory stays flat on any folder size
    with ThreadPoolExecutor(max_workers=workers or default_workers(), thread_name_prefix="label-decode") as pool:
        queue: deque[tuple[str, Future]] = deque()

        def fill() -> None:
            while len(queue) < ahead:
                try:
                    p = str(next(it))
                except StopIteration:
                    return
                queue.append((p, pool.submit(_load, p, backbone, caches)))

        fill()
        while queue:
            if cancel is not None:
                cancel.raise_if_cancelled()
            batch = [queue.popleft() for _ in range(min(batch_size, len(queue)))]
            fill()  # keep the pool busy while this batch runs through the network
            results = [f.result() for _, f in batch]
            yield _run_batch([p for p, _ in batch], results, engine, classifier, caches, backbone.embedding_dim)


def cache_list(engine, backbone: Backbone, tta: bool, use_cache: bool) -> list[EmbeddingCache]:
    """Read the app's own features first (the engine its rule picks); an engine asked for by name
    writes to a namespace of its own, so each cache only ever holds what its engine computed."""
    if not use_cache:
        return []
    app, own = cache_for(backbone, tta), cache_for(backbone, tta, engine.name)
    return [app] if own.folder == app.folder else [app, own]


def _run_batch(paths: list[str], results: list, engine, classifier: TrainedClassifier,
               caches: list[EmbeddingCache], dim: int) -> BatchOutcome:
    feats = np.zeros((len(paths), dim), dtype=np.float32)
    errors: dict[int, str] = {}
    todo: list[int] = []
    for k, (kind, value, _) in enumerate(results):
        if kind == "err":
            errors[k] = value
        elif kind == "feat":
            feats[k] = value
        else:
            todo.append(k)
    if todo:
        feats[todo] = engine.features(np.stack([results[k][1] for k in todo]))
        if caches:
            for k in todo:
                if results[k][2]:
                    caches[-1].put(results[k][2], feats[k])
    ok = [k for k in range(len(paths)) if k not in errors]
    if not ok:
        return BatchOutcome(paths, np.zeros((0, len(classifier.class_names)), np.float32), ok, errors)
    pred = classifier.predict_features(feats[ok])
    return BatchOutcome(paths, pred.probs, ok, errors, pred.known_score)


__all__ = ["BatchOutcome", "ENGINES", "OnnxEngine", "TorchEngine", "make_engine", "predict_stream"]
