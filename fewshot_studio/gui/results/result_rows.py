"""The engine's result, flattened into what the live panel lists (plain Python, no Qt).

Built in the worker thread so the GUI thread only copies references: one row per held-out or
test image with class *names*, and the small computations the panel repeats as the user moves
the threshold slider (how many predictions would change) or asks what to label next.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class PredictionRow:
    path: str
    pred: str
    confidence: float
    probs: tuple[float, ...]
    true: str | None = None  # None for test-pool images (no label yet)

    @property
    def is_test(self) -> bool:
        return self.true is None

    @property
    def correct(self) -> bool | None:
        return None if self.true is None else self.true == self.pred

    @property
    def margin(self) -> float:
        """Top-1 minus top-2 probability: small means the model hesitates between two classes."""
        if len(self.probs) < 2:
            return 1.0
        a, b = sorted(self.probs, reverse=True)[:2]
        return a - b

    def unsure(self, threshold: float) -> bool:
        return self.confidence < threshold


@dataclass
class ResultSnapshot:
    class_names: list[str]
    accuracy: float
    n_heldout: int
    per_class: dict[str, dict[str, float]]
    confusion: np.ndarray
    heldout: list[PredictionRow]
    test: list[PredictionRow]
    threshold: float
    warnings: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    not_evaluated: list[str] = field(default_factory=list)
    device_name: str = ""
    finetuned: bool = False
    seconds: float = 0.0

    @property
    def rows(self) -> list[PredictionRow]:
        return [*self.heldout, *self.test]

    @property
    def mistakes(self) -> list[PredictionRow]:
        return [r for r in self.heldout if r.correct is False]

    def cell(self, true: str, pred: str) -> list[PredictionRow]:
        return [r for r in self.heldout if r.true == true and r.pred == pred]

    def unsure_count(self, threshold: float) -> int:
        return sum(r.unsure(threshold) for r in self.rows)

    def changed_by(self, new_threshold: float, old_threshold: float) -> int:
        """How many predictions switch between sure and unsure if the threshold moves."""
        lo, hi = sorted((old_threshold, new_threshold))
        return sum(lo <= r.confidence < hi for r in self.rows)

    def label_next(self, k: int = 8) -> list[PredictionRow]:
        """Test images the model is least sure about (smallest margin first): active learning."""
        return sorted(self.test, key=lambda r: (r.margin, r.confidence, r.path))[:k]

    def prediction_for(self) -> dict[str, PredictionRow]:
        return {r.path: r for r in self.rows}


def snapshot_from_result(result, seconds: float = 0.0) -> ResultSnapshot:
    """``TrainingResult`` (core) → ``ResultSnapshot``; class indices become names."""
    ev = result.evaluation
    names = list(result.classifier.class_names)

    def name(i) -> str:
        return names[int(i)] if not isinstance(i, str) else i

    heldout = [PredictionRow(r.path, name(r.pred), float(r.confidence), tuple(r.probs), name(r.true)) for r in ev.heldout]
    test = [PredictionRow(r.path, name(r.pred), float(r.confidence), tuple(r.probs)) for r in result.test_predictions]
    return ResultSnapshot(
        class_names=names,
        accuracy=float(ev.accuracy),
        n_heldout=int(ev.n_heldout),
        per_class={k: dict(v) for k, v in ev.per_class.items()},
        confusion=np.asarray(ev.confusion),
        heldout=heldout,
        test=test,
        threshold=float(result.classifier.threshold),
        warnings=[w.message for w in result.warnings],
        skipped=[(s.path, s.reason) for s in result.skipped],
        not_evaluated=list(getattr(ev, "not_evaluated", [])),
        device_name=result.device_name,
        finetuned=bool(getattr(result, "finetune", None)),
        seconds=seconds,
    )


def percent(x: float) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:.0f} %"
