"""Adaptation methods, one per module; adding one touches its file and one line here."""
from __future__ import annotations

from fewshot_studio.core.methods.auto import Auto
from fewshot_studio.core.methods.base import FewShotMethod, FitContext
from fewshot_studio.core.methods.dense_head import DenseHead
from fewshot_studio.core.methods.logreg import LogisticRegression
from fewshot_studio.core.methods.prototypes import Prototypes
from fewshot_studio.core.methods.self_training import SelfTraining
from fewshot_studio.core.methods.transductive import SoftKMeans

METHODS: dict[str, type[FewShotMethod]] = {
    m.name: m for m in (Auto, Prototypes, LogisticRegression, SelfTraining, DenseHead, SoftKMeans)
}


def make_method(name: str, **kwargs) -> FewShotMethod:
    try:
        return METHODS[name](**kwargs)
    except KeyError:
        raise ValueError(f"unknown method {name!r}; choose one of {', '.join(METHODS)}") from None


__all__ = ["METHODS", "FewShotMethod", "FitContext", "make_method"]
