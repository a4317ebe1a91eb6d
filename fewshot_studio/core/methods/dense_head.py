"""The "Teachable Machine recipe": a 100-unit ReLU layer + softmax on raw features.

Kept only as the yardstick the other methods must beat (Adam 1e-3, 50 epochs, batch 16). Like
Teachable Machine it reads the backbone's standard pooled feature, raw: the embedding's taps and
their normalisation are part of what the other methods add (benchmarks/RESULTS.md also reports it
on the whole normalised embedding).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from fewshot_studio.core.methods.base import FewShotMethod, FitContext, single_threaded_torch, without_parts


class DenseHead(FewShotMethod):
    name = "dense-head"
    default_temperature = 0.8

    needs_torch = True

    def __init__(self, hidden: int = 100, epochs: int = 50, batch_size: int = 16, lr: float = 1e-3) -> None:
        self.hidden, self.epochs, self.batch_size, self.lr = hidden, epochs, batch_size, lr
        self.params: dict[str, np.ndarray] | None = None

    def fit(self, features: np.ndarray, labels: np.ndarray, n_classes: int, context: FitContext | None = None) -> "DenseHead":
        import torch
        from torch import nn

        self.take_parts(context)
        if self.parts:
            features = features[:, : self.parts[0]]
        gen = torch.Generator().manual_seed(context.seed if context else 0)
        torch.manual_seed(context.seed if context else 0)
        model = nn.Sequential(nn.Linear(features.shape[1], self.hidden), nn.ReLU(), nn.Linear(self.hidden, n_classes))
        opt = torch.optim.Adam(model.parameters(), lr=self.lr)
        x = torch.from_numpy(features.astype(np.float32))
        y = torch.from_numpy(labels.astype(np.int64))
        with torch.enable_grad(), single_threaded_torch():
            for _ in range(self.epochs):
                order = torch.randperm(len(x), generator=gen)
                for s in range(0, len(x), self.batch_size):
                    idx = order[s : s + self.batch_size]
                    opt.zero_grad()
                    nn.functional.cross_entropy(model(x[idx]), y[idx]).backward()
                    opt.step()
        self.params = {k.replace(".", "_"): v.detach().numpy().copy() for k, v in model.state_dict().items()}
        return self

    def logits(self, features: np.ndarray) -> np.ndarray:
        p = self.params
        features = features[:, : p["0_weight"].shape[1]]  # the standard feature, or all it was fitted on
        h = np.maximum(features @ p["0_weight"].T + p["0_bias"], 0.0)
        return h @ p["2_weight"].T + p["2_bias"]

    def state(self) -> dict[str, np.ndarray]:
        return dict(self.params)

    def config(self) -> dict[str, Any]:
        return {"hidden": self.hidden, "epochs": self.epochs, "batch_size": self.batch_size, "lr": self.lr,
                **self.parts_config()}

    @classmethod
    def from_state(cls, config: dict[str, Any], state: dict[str, np.ndarray]) -> "DenseHead":
        m = cls(**without_parts(config))
        m.restore_parts(config)
        m.params = dict(state)
        return m
