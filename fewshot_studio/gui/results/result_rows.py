"""The engine's result, flattened into what the live panel lists (plain Python, no Qt).

Built in the worker thread so the GUI thread only copies references: one row per held-out or
test image with class *names*, and the small computations the panel repeats as the user moves
the threshold slider (how many predictions would change) or asks what to label next.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from fewshot_studio.core.classifier.evaluation import wilson_interval
from fewshot_studio.gui.plain_words import engine_text


@dataclass(frozen=True)
class PredictionRow:
    path: str
    pred: str
    confidence: float
    probs: tuple[float, ...]
    true: str | None = None  # None for test-pool images (no label yet)
    known_score: float = float("nan")  # how much it looks like any class; NaN: not measured

    def unknown(self, unknown_threshold: float) -> bool:
        """ "None of these": the photo looks like none of the classes."""
        return not math.isnan(self.known_score) and self.known_score < unknown_threshold

    def status(self, threshold: float, unknown_threshold: float) -> str:
        """The engine's one rule: ``unknown``, then ``unsure``, else ``sure``."""
        if self.unknown(unknown_threshold):
            return "unknown"
        return "unsure" if self.unsure(threshold) else "sure"

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
    unknown_threshold: float = 0.0
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
    def n_correct(self) -> int:
        return sum(1 for r in self.heldout if r.correct)

    @property
    def accuracy_ci95(self) -> tuple[float, float]:
        """The engine's 95 % interval, from the rows it was counted on (``evaluation.wilson_interval``)."""
        return wilson_interval(self.n_correct, self.n_heldout)

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

    def unknown_count(self, unknown_threshold: float) -> int:
        return sum(r.unknown(unknown_threshold) for r in self.test)

    def changed_by_unknown(self, new_threshold: float, old_threshold: float) -> int:
        """How many test photos switch between a class and "None of these" if that threshold moves."""
        lo, hi = sorted((old_threshold, new_threshold))
        return sum(lo <= r.known_score < hi for r in self.test if not math.isnan(r.known_score))

    def label_next(self, k: int = 8, unknown_threshold: float | None = None) -> list[PredictionRow]:
        """Test photos worth labelling: the least familiar ones ("None of these", maybe a class the
        project lacks) and those the model hesitates on most (smallest margin): active learning."""
        t = self.unknown_threshold if unknown_threshold is None else unknown_threshold
        unfamiliar = sorted((r for r in self.test if r.unknown(t)), key=lambda r: (r.known_score, r.path))
        torn = sorted((r for r in self.test if not r.unknown(t)), key=lambda r: (r.margin, r.confidence, r.path))
        n_unfamiliar = min(len(unfamiliar), k // 2 if torn else k)
        return [*unfamiliar[:n_unfamiliar], *torn[: k - n_unfamiliar]]

    def prediction_for(self) -> dict[str, PredictionRow]:
        return {r.path: r for r in self.rows}


def snapshot_from_result(result, seconds: float = 0.0) -> ResultSnapshot:
    """``TrainingResult`` (core) → ``ResultSnapshot``; class indices become names."""
    ev = result.evaluation
    names = list(result.classifier.class_names)

    def name(i) -> str:
        return names[int(i)] if not isinstance(i, str) else i

    heldout = [PredictionRow(r.path, name(r.pred), float(r.confidence), tuple(r.probs), name(r.true)) for r in ev.heldout]
    test = [PredictionRow(r.path, name(r.pred), float(r.confidence), tuple(r.probs), None, float(r.known_score))
            for r in result.test_predictions]
    return ResultSnapshot(
        class_names=names,
        accuracy=float(ev.accuracy),
        n_heldout=int(ev.n_heldout),
        per_class={k: dict(v) for k, v in ev.per_class.items()},
        confusion=np.asarray(ev.confusion),
        heldout=heldout,
        test=test,
        threshold=float(result.classifier.threshold),
        unknown_threshold=float(result.classifier.unknown_threshold),
        warnings=[engine_text(w.message) for w in result.warnings],
        skipped=[(s.path, engine_text(s.reason)) for s in result.skipped],
        not_evaluated=list(getattr(ev, "not_evaluated", [])),
        device_name=result.device_name,
        finetuned=bool(getattr(result, "finetune", None)),
        seconds=seconds,
    )


def percent(x: float) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:.0f} %"
