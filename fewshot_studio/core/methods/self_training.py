"""Transductive logistic regression: refit on the confident predictions for the unlabelled pool.

The pool (test images, held-out images) is drawn from the user's own classes and lighting, so
adding the images the model is already sure of, with the labels it gives them, tightens the
boundary where the predictions will be made. Unlike soft k-means it assumes nothing about
how many pool images each class has, which is why it helps on unbalanced pools too
(benchmarks/RESULTS.md: 5 shots, +0.5 to +1.2 points over logistic regression on balanced and
unbalanced pools). Below five shots it is far behind soft k-means, so auto does not use it there.
Pool photos that look like no taught class never become pseudo-labels (``familiar_pool``): learned
as a class, they would make the head surest of exactly the photos it should doubt.
The fitted model is an ordinary logistic regression: same logits, same file, same ONNX head.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from fewshot_studio.core.methods.base import FitContext, softmax
from fewshot_studio.core.methods.familiarity import familiar_pool
from fewshot_studio.core.methods.logreg import LogisticRegression
from fewshot_studio.core.methods.prototypes import cl2n


class SelfTraining(LogisticRegression):
    name = "self-training"
    default_temperature = 1.2

    def __init__(self, threshold: float = 0.8, rounds: int = 2, **logreg: Any) -> None:
        super().__init__(**logreg)
        self.threshold, self.rounds = threshold, rounds

    def fit(self, features: np.ndarray, labels: np.ndarray, n_classes: int, context: FitContext | None = None) -> "SelfTraining":
        pool = context.unlabelled if context is not None else None
        pool = familiar_pool(features, labels, pool, context.parts if context is not None else None)
        if pool is None or len(pool) == 0:
            super().fit(features, labels, n_classes, context)
            return self
        self.take_parts(context)
        xs, xu = self.prepared(features, power=self.power), self.prepared(pool, power=self.power)
        # Centre on support and pool together: the pool is what we must separate.
        self.centre = np.concatenate([xs, xu]).mean(axis=0).astype(np.float32)
        zs, zu = cl2n(xs, self.centre), cl2n(xu, self.centre)
        counts = np.bincount(labels, minlength=n_classes)
        self.fit_normalised(zs, labels, n_classes, counts)
        for _ in range(self.rounds):
            sure, guess = self.pseudo_labels(zs, zu, labels, n_classes)
            if not sure.any():
                break
            self.fit_normalised(np.concatenate([zs, zu[sure]]), np.concatenate([labels, guess[sure]]), n_classes, counts)
        self.set_scale()
        return self

    def pseudo_labels(self, zs: np.ndarray, zu: np.ndarray, labels: np.ndarray, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
        """Which pool images to learn from, and under which labels: the sure predictions of the
        current, unscaled fit (the threshold was tuned on its probabilities)."""
        probs = softmax(zu @ self.weight.T + self.bias)
        return probs.max(axis=1) >= self.threshold, probs.argmax(axis=1)

    def config(self) -> dict[str, Any]:
        return {**super().config(), "threshold": self.threshold, "rounds": self.rounds}
