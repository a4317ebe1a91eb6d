"""Adaptation methods, one per module; adding one touches its file and one line here."""
from __future__ import annotations

from fewshot_studio.core.methods.base import FewShotMethod, FitContext
from fewshot_studio.core.methods.prototypes import Prototypes

METHODS: dict[str, type[FewShotMethod]] = {
    Prototypes.name: Prototypes,
}


def make_method(name: str, **kwargs) -> FewShotMethod:
    try:
        return METHODS[name](**kwargs)
    except KeyError:
        raise ValueError(f"unknown method {name!r}; choose one of {', '.join(METHODS)}") from None


__all__ = ["METHODS", "FewShotMethod", "FitContext", "make_method"]
