"""Base/validation class split and the episode sampler.

Validation classes are never trained on, so the accuracy that picks the checkpoint measures what
a user gets on *new* classes. Every episode is drawn from a generator seeded by (seed, episode
number): a run resumed after an interruption sees exactly the episodes it would have seen.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Episode:
    ways: int
    shots: int
    support: np.ndarray  # row indices into the image table, class-major
    support_labels: np.ndarray
    query: np.ndarray
    query_labels: np.ndarray


def split_classes(names: Sequence[str], val_fraction: float, seed: int, min_val: int = 5) -> tuple[list[str], list[str]]:
    """(base, validation) class names; at least ``min_val`` validation classes when possible."""
    names = sorted(names)
    if len(names) < min_val + 2:
        raise ValueError(f"meta-training needs at least {min_val + 2} classes, found {len(names)}")
    rng = np.random.default_rng(seed)
    order = [names[i] for i in rng.permutation(len(names))]
    n_val = min(len(names) - 2, max(min_val, round(val_fraction * len(names))))
    return sorted(order[n_val:]), sorted(order[:n_val])


class EpisodeSampler:
    """Episodes over the classes in ``labels`` with ways and shots drawn from ranges, so the
    backbone learns for any N-way K-shot the user will ask of it, not one fixed setting."""

    def __init__(self, labels: np.ndarray, ways: tuple[int, int], shots: tuple[int, int], queries: int, seed: int):
        self.by_class = [np.flatnonzero(labels == c) for c in range(int(labels.max()) + 1)]
        self.ways = ways
        self.shots = shots
        self.queries = queries
        self.seed = seed

    def sample(self, index: int) -> Episode:
        rng = np.random.default_rng([self.seed, index])
        shots = int(rng.integers(self.shots[0], self.shots[1] + 1))
        eligible = [c for c, idx in enumerate(self.by_class) if len(idx) > shots]
        if len(eligible) < 2:
            raise ValueError(f"too few classes with more than {shots} images to sample an episode")
        hi = min(self.ways[1], len(eligible))
        ways = int(rng.integers(min(self.ways[0], hi), hi + 1))
        classes = rng.choice(eligible, size=ways, replace=False)
        sup, sup_y, qry, qry_y = [], [], [], []
        for k, c in enumerate(classes):
            idx = rng.permutation(self.by_class[c])
            q = min(self.queries, len(idx) - shots)
            sup.append(idx[:shots]); sup_y += [k] * shots
            qry.append(idx[shots:shots + q]); qry_y += [k] * q
        return Episode(ways, shots, np.concatenate(sup), np.array(sup_y), np.concatenate(qry), np.array(qry_y))


def fixed_episodes(labels: np.ndarray, ways: int, shots: int, n: int, queries: int, seed: int) -> list[Episode]:
    """The same validation episodes at every check, so checkpoints are compared on equal terms."""
    sampler = EpisodeSampler(labels, (ways, ways), (shots, shots), queries, seed)
    return [sampler.sample(i) for i in range(n)]
