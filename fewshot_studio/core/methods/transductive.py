"""Transductive refinement: let the unlabelled images being predicted move the prototypes.

Soft k-means (Ren et al., 2018) on CL2N features: each unlabelled image pulls the prototypes by
its soft assignment. It helps when the pool is balanced and hurts when it is not, so the
benchmark reports both and ``auto`` uses it only where it won in both. Pool photos that look like
no taught class are left out first (``familiarity.familiar_pool``): pulled in, they would drag a
prototype towards things the user never taught.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from fewshot_studio.core.methods.base import FewShotMethod, FitContext, softmax, without_parts
from fewshot_studio.core.methods.familiarity import familiar_pool
from fewshot_studio.core.methods.features import l2_normalize
from fewshot_studio.core.methods.prototypes import SCALE, Prototypes, cl2n


def soft_kmeans(zs: np.ndarray, zu: np.ndarray, labels: np.ndarray, n_classes: int, steps: int = 3,
                unlabelled_weight: float = 0.5) -> np.ndarray:
    """Prototypes of normalised support ``zs`` pulled by the pool ``zu``, each pool image by its
    soft assignment (down-weighted: the labelled shots stay the anchor)."""
    onehot = np.eye(n_classes, dtype=np.float32)[labels]
    protos = l2_normalize(onehot.T @ zs / onehot.sum(0)[:, None])
    for _ in range(steps):
        resp = softmax(SCALE * zu @ protos.T) * unlabelled_weight
        protos = l2_normalize((onehot.T @ zs + resp.T @ zu) / (onehot.sum(0) + resp.sum(0))[:, None])
    return protos.astype(np.float32)


class SoftKMeans(FewShotMethod):
    name = "transductive"

    def __init__(self, steps: int = 3, unlabelled_weight: float = 0.5) -> None:
        self.steps = steps
        self.unlabelled_weight = unlabelled_weight
        self.inner = Prototypes()

    def fit(self, features: np.ndarray, labels: np.ndarray, n_classes: int, context: FitContext | None = None) -> "SoftKMeans":
        pool = context.unlabelled if context is not None else None
        pool = familiar_pool(features, labels, pool, context.parts if context is not None else None)
        if pool is None or len(pool) == 0:
            self.inner.fit(features, labels, n_classes, context)
            return self
        self.inner.take_parts(context)
        xs, xu = self.inner.prepared(features), self.inner.prepared(pool)
        # Centre on support and pool together: the pool is what we must separate.
        centre = np.concatenate([xs, xu]).mean(axis=0).astype(np.float32)
        protos = soft_kmeans(cl2n(xs, centre), cl2n(xu, centre), labels, n_classes, self.steps, self.unlabelled_weight)
        self.inner.centre, self.inner.prototypes = centre, protos
        return self

    @property
    def parts(self) -> tuple[int, ...] | None:  # type: ignore[override]
        return self.inner.parts

    def logits(self, features: np.ndarray) -> np.ndarray:
        return self.inner.logits(features)

    def state(self) -> dict[str, np.ndarray]:
        return self.inner.state()

    def config(self) -> dict[str, Any]:
        return {"steps": self.steps, "unlabelled_weight": self.unlabelled_weight, **self.inner.parts_config()}

    @classmethod
    def from_state(cls, config: dict[str, Any], state: dict[str, np.ndarray]) -> "SoftKMeans":
        m = cls(**without_parts(config))
        m.inner = Prototypes.from_state(config, state)
        return m
