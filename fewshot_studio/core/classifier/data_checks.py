"""Warnings a user needs before trusting the numbers: tiny classes, imbalance, duplicates.

A photo that sits in two buckets, or in support and held-out at once, makes accuracy look
better than it is; people rarely notice, so the engine looks for them (perceptual hash).
"""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from fewshot_studio.core.imaging.images import ImageLoadError, load_image
from fewshot_studio.core.imaging.perceptual_hash import phash
from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP, plural

MIN_IMAGES = 3
IMBALANCE_RATIO = 4.0
NEAR_DUPLICATE_BITS = 4  # Hamming distance between 64-bit perceptual hashes


@dataclass(frozen=True)
class DataWarning:
    kind: str  # "tiny-class" | "imbalance" | "duplicate-across-classes" | "duplicate-heldout"
    message: str
    paths: tuple[str, ...] = field(default_factory=tuple)


@lru_cache(maxsize=100_000)
def _phash_cached(path: str, mtime_ns: int, size: int) -> int | None:
    try:
        return phash(load_image(path))
    except ImageLoadError:
        return None


def perceptual_hash(path: str) -> int | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return _phash_cached(path, st.st_mtime_ns, st.st_size)


def check_counts(class_names: Sequence[str], counts: Sequence[int]) -> list[DataWarning]:
    out = []
    for name, n in zip(class_names, counts):
        if n < MIN_IMAGES:
            out.append(DataWarning("tiny-class", plural(
                n, QT_TRANSLATE_NOOP("engine", "“{1}” has only {0} image; add at least {2} so the accuracy means something."),
                QT_TRANSLATE_NOOP("engine", "“{1}” has only {0} images; add at least {2} so the accuracy means something."), name, MIN_IMAGES)))
    nonzero = [n for n in counts if n > 0]
    if len(nonzero) >= 2 and max(nonzero) >= IMBALANCE_RATIO * min(nonzero):
        big = class_names[list(counts).index(max(nonzero))]
        small = class_names[list(counts).index(min(nonzero))]
        out.append(DataWarning("imbalance", QT_TRANSLATE_NOOP("engine", "The classes are very unbalanced: “{0}” has {1} images, “{2}” only {3}. "
                                                         "The model may favour “{0}”.").format(big, max(nonzero), small, min(nonzero))))
    return out


def check_duplicates(
    paths: Sequence[str], labels: Sequence[int], class_names: Sequence[str],
    heldout: set[int] | Mapping[int, int] | None = None,
) -> list[DataWarning]:
    """Exact or near-duplicate images in different classes, or in both support and held-out.

    ``heldout`` is a set of held-out indices (one split), or {index: fold} when the evaluation
    used several folds (leave-one-out): a pair leaks unless both are held out in the same fold.
    """
    with ThreadPoolExecutor(max_workers=4) as pool:
        hashes = list(pool.map(perceptual_hash, paths))
    fold_of = dict(heldout) if isinstance(heldout, Mapping) else {i: 0 for i in heldout or ()}
    rows = np.array([i for i, h in enumerate(hashes) if h is not None], dtype=int)
    out: list[DataWarning] = []
    if len(rows) < 2:
        return out
    packed = np.array([hashes[i] for i in rows], dtype=">u8").view(np.uint8).reshape(len(rows), 8)
    bits = np.unpackbits(packed, axis=1).astype(bool)
    # Hamming distances a block of rows at a time: vectorised, and memory stays small.
    for start in range(0, len(rows), 128):
        dist = (bits[start : start + 128, None, :] != bits[None, :, :]).sum(axis=2)
        for a, b in zip(*np.nonzero(dist <= NEAR_DUPLICATE_BITS)):
            i, j = int(rows[start + a]), int(rows[b])
            if j <= i:
                continue
            pi, pj = os.path.basename(paths[i]), os.path.basename(paths[j])
            if labels[i] != labels[j]:
                out.append(DataWarning("duplicate-across-classes", QT_TRANSLATE_NOOP("engine", "{0} (in “{1}”) and {2} (in “{3}”) look like the same picture.").format(
                    pi, class_names[labels[i]], pj, class_names[labels[j]]), (paths[i], paths[j])))
            elif fold_of.get(i) != fold_of.get(j):
                out.append(DataWarning("duplicate-heldout", QT_TRANSLATE_NOOP("engine", "{0} and {1} look like the same picture, one learned from and one tested on: "
                                                                "the accuracy looks better than it is.").format(pi, pj), (paths[i], paths[j])))
    return out
