"""Images → feature vectors, fast: decode in a thread pool while the network runs batched.

Used by the app, the benchmark and batch labelling alike, so the same photo gets the same
features everywhere: the network runs by one rule (``onnx_runner.embed_batch``: onnxruntime on a
CPU, torch elsewhere), and the cache keeps each engine's features apart. Unreadable images are
skipped and reported, never fatal.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from fewshot_studio.core.features.backbone import Backbone, preprocess
from fewshot_studio.core.features.embedding_cache import EmbeddingCache, content_hash
from fewshot_studio.core.features.onnx_runner import embed_batch, engine_name
from fewshot_studio.core.imaging.images import ImageLoadError, SkippedFile, load_image, unreadable_reason
from fewshot_studio.core.util.progress import CancelToken, Progress, ProgressCallback, no_progress


@dataclass
class EmbedResult:
    """``features[i]`` belongs to ``paths[index[i]]``; the rest are in ``skipped``."""

    features: np.ndarray
    index: list[int]
    skipped: list[SkippedFile] = field(default_factory=list)
    cache_hits: int = 0

    def by_path(self, paths: Sequence[str]) -> dict[str, np.ndarray]:
        return {str(paths[i]): self.features[k] for k, i in enumerate(self.index)}


def default_workers() -> int:
    return max(2, min(8, (os.cpu_count() or 2)))


def cache_for(backbone: Backbone, tta: bool, engine: str | None = None) -> EmbeddingCache:
    """The cache of ``engine``'s features (default: the one the rule picks for ``backbone``);
    onnxruntime's features (equal to torch's to ~1e-5, not to the bit) live apart."""
    engine = engine or engine_name(backbone)
    suffix = "-onnx" if engine == "onnx" else ""
    return EmbeddingCache(f"{backbone.cache_key}-tta{int(tta)}{suffix}", backbone.embedding_dim)


def _hash_one(path: str, want_hash: bool) -> tuple[str | None, ImageLoadError | None]:
    """Runs in a worker thread: the content hash the cache is keyed by, or why the file is unusable."""
    try:
        return (content_hash(path) if want_hash else None), None
    except OSError as exc:
        return None, ImageLoadError(path, unreadable_reason(exc))


def _decode(path: str, backbone: Backbone):
    try:
        return preprocess(load_image(path), backbone.spec), None
    except ImageLoadError as exc:
        return None, exc


def embed_paths(
    paths: Sequence[str | os.PathLike[str]],
    backbone: Backbone,
    *,
    tta: bool = False,
    use_cache: bool = True,
    cache: EmbeddingCache | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    workers: int | None = None,
    batch_size: int | None = None,
) -> EmbedResult:
    """Features for every readable image in ``paths`` (order kept; see ``EmbedResult``)."""
    paths = [str(p) for p in paths]
    n = len(paths)
    bs = batch_size or backbone.batch_size
    cache = cache if cache is not None else (cache_for(backbone, tta) if use_cache else None)
    out = np.zeros((n, backbone.embedding_dim), dtype=np.float32)
    ok = np.zeros(n, dtype=bool)
    errors: dict[int, SkippedFile] = {}
    keys: list[str | None] = [None] * n
    hits = 0
    done = 0
    progress(Progress("Embedding images", 0, n))

    with ThreadPoolExecutor(max_workers=workers or default_workers()) as pool:
        # Pass 1: hash files and serve what the cache already has.
        todo: list[int] = []
        for start in range(0, n, 256):
            if cancel is not None:
                cancel.raise_if_cancelled()
            chunk = range(start, min(n, start + 256))
            hashed = pool.map(lambda p: _hash_one(p, cache is not None), [paths[i] for i in chunk])
            for i, (key, err) in zip(chunk, hashed):
                if err is not None:
                    errors[i] = SkippedFile(paths[i], err.reason)
                    done += 1
                    continue
                keys[i] = key
                vec = cache.get(key) if cache is not None and key else None
                if vec is not None:
                    out[i] = vec
                    ok[i] = True
                    hits += 1
                    done += 1
                else:
                    todo.append(i)
            progress(Progress("Embedding images", done, n))

        # Pass 2: decode ahead in the pool (bounded: two batches in flight) and run batches.
        def submit(batch_idx: list[int]):
            return [pool.submit(_decode, paths[i], backbone) for i in batch_idx]

        batches = [todo[s : s + bs] for s in range(0, len(todo), bs)]
        pending = submit(batches[0]) if batches else None
        for b, batch_idx in enumerate(batches):
            if cancel is not None:
                cancel.raise_if_cancelled()
            results = [f.result() for f in pending]
            pending = submit(batches[b + 1]) if b + 1 < len(batches) else None
            arrays, rows = [], []
            for i, (arr, err) in zip(batch_idx, results):
                if err is not None:
                    errors[i] = SkippedFile(paths[i], err.reason)
                else:
                    arrays.append(arr)
                    rows.append(i)
            if arrays:
                feats = embed_batch(backbone, np.stack(arrays), flip=tta)
                for i, vec in zip(rows, feats):
                    out[i] = vec
                    ok[i] = True
                    if cache is not None and keys[i]:
                        cache.put(keys[i], vec)
            done += len(batch_idx)
            progress(Progress("Embedding images", done, n))

    index = [i for i in range(n) if ok[i]]
    skipped = [errors[i] for i in sorted(errors)]
    return EmbedResult(features=out[index], index=index, skipped=skipped, cache_hits=hits)
