"""Prototypical-Networks classifier on CL2N features (centre on the support mean, L2-normalise).

Centring removes the direction every ImageNet feature shares, so cosine similarity measures what
differs between the user's classes; with one shot per class this is the strongest simple head.
Like every cosine head it reads the embedding's parts normalised one by one (``features.py``).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from fewshot_studio.core.methods.base import FewShotMethod, FitContext
from fewshot_studio.core.methods.features import l2_normalize

# Cosine similarities live in [-1, 1]; a fixed scale puts logits in softmax's useful range and
# the calibrated temperature does the rest.
SCALE = 10.0


def cl2n(features: np.ndarray, centre: np.ndarray) -> np.ndarray:
    return l2_normalize(features - centre)


def class_directions(z: np.ndarray, labels: np.ndarray, n_classes: int) -> np.ndarray:
    """Unit-length class means of normalised features (a class without images gets zeros, so a
    head started from them can still be fitted)."""
    means = np.stack([z[labels == c].mean(axis=0) if (labels == c).any() else np.zeros(z.shape[1], z.dtype)
                      for c in range(n_classes)])
    return l2_normalize(means).astype(np.float32)


class Prototypes(FewShotMethod):
    name = "prototypes"

    def __init__(self) -> None:
        self.centre: np.ndarray | None = None
        self.prototypes: np.ndarray | None = None

    def fit(self, features: np.ndarray, labels: np.ndarray, n_classes: int, context: FitContext | None = None) -> "Prototypes":
        # The mean of the class means, not of all images: with a bucket of 200 photos and one of 3,
        # the plain mean sits on the big class and scatters its centred features in every direction.
        # (Identical to the plain mean for balanced support sets.)
        self.take_parts(context)
        x = self.prepared(features)
        self.centre = np.mean([x[labels == c].mean(axis=0) for c in range(n_classes)], axis=0).astype(np.float32)
        self.prototypes = class_directions(cl2n(x, self.centre), labels, n_classes)
        return self

    def logits(self, features: np.ndarray) -> np.ndarray:
        return SCALE * cl2n(self.prepared(features, len(self.centre)), self.centre) @ self.prototypes.T

    def state(self) -> dict[str, np.ndarray]:
        return {"centre": self.centre, "prototypes": self.prototypes}

    def config(self) -> dict[str, Any]:
        return self.parts_config()

    @classmethod
    def from_state(cls, config: dict[str, Any], state: dict[str, np.ndarray]) -> "Prototypes":
        m = cls()
        m.centre, m.prototypes = state["centre"], state["prototypes"]
        m.restore_parts(config)
        return m
