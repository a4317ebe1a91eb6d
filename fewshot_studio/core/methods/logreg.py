"""Multinomial logistic regression on power-transformed CL2N features, class-weighted, L-BFGS.

With several shots a linear boundary uses the support spread that a class mean throws away;
class weights keep a bucket of 200 photos from drowning one of 5. The square root before
centring (Tukey's ladder, as in PT-MAP) makes the sparse, skewed post-ReLU features closer to
Gaussian, and the tiny L2 penalty lets the boundary settle where the data put it: together
+0.6 to +1.7 points at 5 shots on the benchmark sets (benchmarks/RESULTS.md, engine section).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from fewshot_studio.core.methods import lbfgs
from fewshot_studio.core.methods.base import FewShotMethod, FitContext, without_parts
from fewshot_studio.core.methods.features import POWER
from fewshot_studio.core.methods.prototypes import SCALE, class_directions, cl2n

L2 = 1e-5


class LogisticRegression(FewShotMethod):
    name = "logreg"
    default_temperature = 0.8

    def __init__(self, l2: float = L2, max_iter: int = 40, power: float = POWER) -> None:
        self.l2, self.max_iter, self.power = l2, max_iter, power
        self.centre: np.ndarray | None = None
        self.weight: np.ndarray | None = None
        self.bias: np.ndarray | None = None

    def fit(self, features: np.ndarray, labels: np.ndarray, n_classes: int, context: FitContext | None = None) -> "LogisticRegression":
        self.take_parts(context)
        x = self.prepared(features, power=self.power)
        self.centre = x.mean(axis=0).astype(np.float32)
        self.fit_normalised(cl2n(x, self.centre), labels, n_classes)
        self.set_scale()
        return self

    def set_scale(self) -> None:
        """With so small a penalty the weights' length says how long L-BFGS ran on separable
        shots, not how sure the model is: give them the prototypes' length and let calibration
        set the sharpness (the argmax is unchanged)."""
        s = SCALE / max(float(np.linalg.norm(self.weight, axis=1).mean()), 1e-12)
        self.weight, self.bias = self.weight * np.float32(s), self.bias * np.float32(s)

    def fit_normalised(self, z: np.ndarray, labels: np.ndarray, n_classes: int, counts: np.ndarray | None = None) -> None:
        """Fit on transformed features. Class weights come from ``counts`` (images per bucket),
        by default those of ``labels``; self-training passes the labelled counts so that
        pseudo-labels never reweight the user's buckets."""
        counts = np.bincount(labels, minlength=n_classes) if counts is None else counts
        counts = counts.astype(np.float32).clip(min=1)
        sw = (counts.sum() / (n_classes * counts))[labels].astype(np.float32)
        sw /= sw.sum()
        x = np.ascontiguousarray(z, dtype=np.float32)
        target = np.zeros((len(x), n_classes), np.float32)
        target[np.arange(len(x)), labels] = 1.0
        dim = x.shape[1]

        def loss_and_grad(theta: np.ndarray) -> tuple[float, np.ndarray]:
            w, b = theta[: n_classes * dim].reshape(n_classes, dim), theta[n_classes * dim :]
            logits = x @ w.T + b
            logits -= logits.max(axis=1, keepdims=True)
            log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
            loss = -float(sw @ (log_p * target).sum(axis=1)) + self.l2 * float((w * w).sum())
            g_logits = (np.exp(log_p) - target) * sw[:, None]
            grad = np.concatenate([(g_logits.T @ x + np.float32(2 * self.l2) * w).ravel(), g_logits.sum(axis=0)])
            return loss, grad.astype(np.float32, copy=False)

        # Start from the prototype solution: L-BFGS then only has to refine it.
        w0 = (SCALE * class_directions(x, labels, n_classes)).astype(np.float32)
        theta = lbfgs.minimize(loss_and_grad, np.concatenate([w0.ravel(), np.zeros(n_classes, np.float32)]),
                               max_iter=self.max_iter, history_size=10)
        self.weight = theta[: n_classes * dim].reshape(n_classes, dim).copy()
        self.bias = theta[n_classes * dim :].copy()

    def normalise(self, features: np.ndarray) -> np.ndarray:
        return cl2n(self.prepared(features, len(self.centre), self.power), self.centre)

    def logits(self, features: np.ndarray) -> np.ndarray:
        return self.normalise(features) @ self.weight.T + self.bias

    def state(self) -> dict[str, np.ndarray]:
        return {"centre": self.centre, "weight": self.weight, "bias": self.bias}

    def config(self) -> dict[str, Any]:
        return {"l2": self.l2, "max_iter": self.max_iter, "power": self.power, **self.parts_config()}

    @classmethod
    def from_state(cls, config: dict[str, Any], state: dict[str, np.ndarray]) -> "LogisticRegression":
        # Files written before the power transform existed have no "power": their weights
        # were fitted on untransformed features.
        m = cls(**{"power": 1.0, **without_parts(config)})
        m.centre, m.weight, m.bias = state["centre"], state["weight"], state["bias"]
        m.restore_parts(config)
        return m
