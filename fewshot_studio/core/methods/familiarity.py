"""How much a photo looks like any taught class: the score behind "None of these".

A classifier's confidence only says which class wins, never whether the photo belongs to any
of them: a dandelion classifier shown a sunflower is sure it is a dandelion. Familiarity
answers the other question from the features alone, before any head, on the square-rooted,
unit-length standard feature the heads also read: the mean of the photo's cosine similarity to
its nearest labelled photo (deep nearest neighbours, Sun et al., 2022) and to its nearest class
mean. The neighbour follows classes with several looks, the mean is steadier with few photos;
their average ranked unknown photos at least as well as the better of the two on every shared
set (benchmarks/RESULTS.md, "Open-world trust").

A raw similarity means different things in different projects (a folder of near-identical
product shots against a class of varied street photos), so it is calibrated on the labelled
photos themselves: each one's similarity to the *other* photos of its own class
(leave-one-out) is what a known photo's score looks like in this project. ``known_score`` is
where a photo's similarity falls in that distribution (a normal fitted to it), so the default
threshold means the same everywhere: about that fraction of photos of the taught classes
would be called "None of these". It is computed from labelled photos only, so unlabelled
photos in the test pool cannot move it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from fewshot_studio.core.methods.features import l2_normalize, power_transform

VERSION = 1
# A photo whose familiarity falls below this is "None of these". Chosen on the open-set benchmark
# (benchmarks/RESULTS.md, "Open-world trust"): it keeps ≥ 90 % of correctly labelled known photos
# while rejecting most photos of other domains.
DEFAULT_UNKNOWN_THRESHOLD = 0.05
# The transductive heads learn only from pool photos that are not "None of these": one rule for
# what the user is shown and what the model learns from.
POOL_THRESHOLD = DEFAULT_UNKNOWN_THRESHOLD
POWER = 0.5
# Below this spread the calibration would call every slight change of light unfamiliar
# (a class of five near-identical photos gives almost no spread).
MIN_STD = 0.02
# With fewer leave-one-out similarities than this the spread is pooled with a typical one.
MIN_SAMPLES = 8
TYPICAL_STD = 0.06


def view(features: np.ndarray, width: int) -> np.ndarray:
    """The features familiarity compares: the standard part, square-rooted, unit length."""
    return l2_normalize(power_transform(np.asarray(features[:, :width], dtype=np.float32), POWER)).astype(np.float32)


def _normal_cdf(x: np.ndarray) -> np.ndarray:
    erf = np.vectorize(math.erf, otypes=[np.float64])
    return 0.5 * (1.0 + erf(np.asarray(x, dtype=np.float64) / math.sqrt(2.0)))


def class_means(bank: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Unit-length mean of each class present in ``labels`` (rows in class order)."""
    classes = np.unique(labels)
    return l2_normalize(np.stack([bank[labels == c].mean(axis=0) for c in classes])).astype(np.float32)


def _as_if_new(group: np.ndarray) -> np.ndarray:
    """Each photo of ``group`` scored against the others alone: nearest other photo and the mean of
    the others, as ``Familiarity.similarity`` scores a new photo against the labelled ones."""
    sims = group @ group.T
    np.fill_diagonal(sims, -np.inf)
    others_mean = l2_normalize(group.sum(axis=0, keepdims=True) - group)
    return 0.5 * (sims.max(axis=1) + (group * others_mean).sum(axis=1))


def leave_one_out(bank: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Each labelled photo's similarity as if it were new: to the other photos of its class.

    A class with a single photo has nothing to compare with and adds nothing; when no class has
    two photos, the other photos of every class stand in (a lower, so more lenient, reference).
    Computed class by class, so memory grows with the largest class, not with the project.
    """
    out = [_as_if_new(bank[labels == c]) for c in np.unique(labels) if (labels == c).sum() >= 2]
    if not out and len(bank) > 1:
        out = [_as_if_new(bank)]
    return np.concatenate(out).astype(np.float64) if out else np.zeros(0, dtype=np.float64)


@dataclass
class Familiarity:
    bank: np.ndarray  # (N, width) float32: every labelled photo, as ``view`` gives it
    labels: np.ndarray  # (N,) int: each photo's class
    mean: float
    std: float
    width: int

    def __post_init__(self) -> None:
        self.means = class_means(self.bank, self.labels)

    @classmethod
    def fit(cls, features: np.ndarray, labels: np.ndarray, width: int | None = None) -> "Familiarity":
        """Learn what familiar means from the labelled ``features`` (N, D) and their ``labels``."""
        width = int(width or features.shape[1])
        # Rounded to float16 now, as the classifier file stores it, so the app and a loaded file
        # give the very same scores.
        bank = view(features, width).astype(np.float16).astype(np.float32)
        labels = np.asarray(labels, dtype=np.int32)
        loo = leave_one_out(bank, labels)
        if len(loo) == 0:  # a single labelled photo: nothing to compare with
            return cls(bank, labels, 1.0, TYPICAL_STD, width)
        mean = float(loo.mean())
        std = float(loo.std(ddof=1)) if len(loo) > 1 else TYPICAL_STD
        if len(loo) < MIN_SAMPLES:  # shrink a spread from a handful of numbers towards a typical one
            w = len(loo) / MIN_SAMPLES
            std = math.sqrt(w * std**2 + (1 - w) * TYPICAL_STD**2)
        return cls(bank, labels, mean, max(std, MIN_STD), width)

    def similarity(self, features: np.ndarray) -> np.ndarray:
        """Mean of each photo's cosine similarity to its nearest labelled photo and nearest class mean."""
        out = np.empty(len(features), dtype=np.float32)
        for s in range(0, len(features), 1024):  # bounded memory for big folders
            z = view(features[s : s + 1024], self.width)
            out[s : s + 1024] = 0.5 * ((z @ self.bank.T).max(axis=1) + (z @ self.means.T).max(axis=1))
        return out

    def score(self, features: np.ndarray) -> np.ndarray:
        """``known_score`` in [0, 1] for each photo (N, D)."""
        z = (self.similarity(features).astype(np.float64) - self.mean) / self.std
        return _normal_cdf(z).astype(np.float32)

    def state(self) -> dict[str, np.ndarray]:
        return {"bank": self.bank.astype(np.float16), "labels": self.labels.astype(np.int32)}

    def config(self) -> dict[str, Any]:
        return {"version": VERSION, "mean": self.mean, "std": self.std, "width": self.width, "power": POWER}

    @classmethod
    def from_state(cls, config: dict[str, Any], state: dict[str, np.ndarray]) -> "Familiarity":
        if int(config.get("version", 0)) != VERSION:
            raise ValueError(f"familiarity score version {config.get('version')!r} is not {VERSION}")
        bank = np.asarray(state["bank"], dtype=np.float32)
        labels = np.asarray(state["labels"], dtype=np.int32)
        width = int(config["width"])
        mean, std = float(config["mean"]), float(config["std"])
        if (bank.ndim != 2 or bank.shape[1] != width or labels.shape != (len(bank),) or len(bank) == 0
                or not (math.isfinite(mean) and math.isfinite(std) and std > 0)):
            raise ValueError("the familiarity score's arrays do not fit its settings")
        return cls(bank, labels, mean, std, width)


def standard_width(parts: tuple[int, ...] | None) -> int | None:
    """Width of the standard feature in an embedding laid out as ``parts`` (None: all of it)."""
    return int(parts[0]) if parts else None


def familiar_pool(support: np.ndarray, labels: np.ndarray, pool: np.ndarray | None, parts: tuple[int, ...] | None,
                  threshold: float = POOL_THRESHOLD) -> np.ndarray | None:
    """The pool photos a transductive head may learn from: those that look like a taught class.

    Photos of things never taught would otherwise be pulled into a class (soft k-means) or learned
    as one (self-training), making the head surer of exactly the photos it should doubt.
    """
    if pool is None or len(pool) == 0:
        return pool
    keep = Familiarity.fit(support, labels, standard_width(parts)).score(pool) >= threshold
    return pool[keep]
