"""``auto``: the method the benchmark found best for this many shots per class.

The rule is data, not a guess: see benchmarks/RESULTS.md ("Choosing auto").
"""
from __future__ import annotations

from typing import Any

import numpy as np

from fewshot_studio.core.methods.base import FewShotMethod, FitContext
from fewshot_studio.core.methods.logreg import LogisticRegression
from fewshot_studio.core.methods.prototypes import Prototypes
from fewshot_studio.core.methods.self_training import SelfTraining
from fewshot_studio.core.methods.transductive import SoftKMeans

# From this many images in the smallest class on, logistic regression wins, refined by
# self-training when there are unlabelled images; below it, soft k-means when there are
# unlabelled images (each won on balanced *and* unbalanced pools where it is used), else prototypes.
LOGREG_FROM_SHOTS = 5
CHOICES: dict[str, type[FewShotMethod]] = {m.name: m for m in (Prototypes, LogisticRegression, SelfTraining, SoftKMeans)}


def choose(labels: np.ndarray, n_classes: int, pool: np.ndarray | None = None) -> type[FewShotMethod]:
    smallest = int(np.bincount(labels, minlength=n_classes).min())
    has_pool = pool is not None and len(pool) >= n_classes
    if smallest >= LOGREG_FROM_SHOTS:
        return SelfTraining if has_pool else LogisticRegression
    return SoftKMeans if has_pool else Prototypes


class Auto(FewShotMethod):
    name = "auto"

    def __init__(self) -> None:
        self.chosen: FewShotMethod | None = None

    def fit(self, features: np.ndarray, labels: np.ndarray, n_classes: int, context: FitContext | None = None) -> "Auto":
        pool = context.unlabelled if context is not None else None
        self.chosen = choose(labels, n_classes, pool)().fit(features, labels, n_classes, context)
        return self

    @property
    def parts(self) -> tuple[int, ...] | None:  # type: ignore[override]
        return self.chosen.parts if self.chosen is not None else None

    @property
    def default_temperature(self) -> float:  # type: ignore[override]
        return self.chosen.default_temperature if self.chosen is not None else 1.0

    def logits(self, features: np.ndarray) -> np.ndarray:
        return self.chosen.logits(features)

    def state(self) -> dict[str, np.ndarray]:
        return self.chosen.state()

    def config(self) -> dict[str, Any]:
        return {"chosen": self.chosen.name, "chosen_config": self.chosen.config()}

    @classmethod
    def from_state(cls, config: dict[str, Any], state: dict[str, np.ndarray]) -> "Auto":
        m = cls()
        m.chosen = CHOICES[config["chosen"]].from_state(config.get("chosen_config", {}), state)
        return m
