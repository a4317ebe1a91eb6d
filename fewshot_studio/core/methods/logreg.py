"""Multinomial logistic regression on CL2N features, class-weighted, fitted with L-BFGS.

With several shots a linear boundary uses the support spread that a class mean throws away;
class weights keep a bucket of 200 photos from drowning one of 5.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from fewshot_studio.core.methods.base import FewShotMethod, FitContext, single_threaded_torch
from fewshot_studio.core.methods.prototypes import SCALE, Prototypes, cl2n


class LogisticRegression(FewShotMethod):
    name = "logreg"
    default_temperature = 0.2

    def __init__(self, l2: float = 1e-2, max_iter: int = 100) -> None:
        self.l2 = l2
        self.max_iter = max_iter
        self.centre: np.ndarray | None = None
        self.weight: np.ndarray | None = None
        self.bias: np.ndarray | None = None

    def fit(self, features: np.ndarray, labels: np.ndarray, n_classes: int, context: FitContext | None = None) -> "LogisticRegression":
        import torch

        self.centre = features.mean(axis=0).astype(np.float32)
        x = torch.from_numpy(cl2n(features, self.centre).astype(np.float32))
        y = torch.from_numpy(labels.astype(np.int64))
        counts = torch.bincount(y, minlength=n_classes).float().clamp(min=1)
        class_weight = counts.sum() / (n_classes * counts)
        # Start from the prototype solution: L-BFGS then only has to refine it.
        protos = Prototypes().fit(features, labels, n_classes)
        w = torch.tensor(SCALE * protos.prototypes, requires_grad=True)
        b = torch.zeros(n_classes, requires_grad=True)
        opt = torch.optim.LBFGS([w, b], lr=1.0, max_iter=self.max_iter, history_size=10, line_search_fn="strong_wolfe")

        def closure():
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(x @ w.T + b, y, weight=class_weight) + self.l2 * (w * w).sum()
            loss.backward()
            return loss

        with torch.enable_grad(), single_threaded_torch():
            opt.step(closure)
        self.weight = w.detach().numpy().astype(np.float32)
        self.bias = b.detach().numpy().astype(np.float32)
        return self

    def logits(self, features: np.ndarray) -> np.ndarray:
        return cl2n(features, self.centre) @ self.weight.T + self.bias

    def state(self) -> dict[str, np.ndarray]:
        return {"centre": self.centre, "weight": self.weight, "bias": self.bias}

    def config(self) -> dict[str, Any]:
        return {"l2": self.l2, "max_iter": self.max_iter}

    @classmethod
    def from_state(cls, config: dict[str, Any], state: dict[str, np.ndarray]) -> "LogisticRegression":
        m = cls(**config)
        m.centre, m.weight, m.bias = state["centre"], state["weight"], state["bias"]
        return m
