"""How good is the classifier on images it did not learn from — the numbers the live panel shows.

Cross-validation over *all* labelled photos: every photo that has a classmate is held out exactly
once and predicted by a model that never saw it (``K_FOLDS`` stratified folds; a class with
``K_FOLDS`` photos or fewer is, in effect, left out one photo at a time). One 25 % split rested the
headline on three or four photos; using every photo makes the figure as steady as the project
allows, and the Wilson interval says how steady that is.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from fewshot_studio.core.classifier.calibration import expected_calibration_error
from fewshot_studio.core.methods.base import softmax

K_FOLDS = 5
# Below this many held-out photos the accuracy is said to rest on too few to mean much.
FEW_FOR_ACCURACY = 20
Z95 = 1.959964


def wilson_interval(correct: int, n: int, z: float = Z95) -> tuple[float, float]:
    """95 % interval for a proportion (Wilson score): sensible at 0 %, 100 % and small n, unlike ±1.96·SE."""
    if n <= 0:
        return float("nan"), float("nan")
    p = correct / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo, hi = (0.0 if correct == 0 else max(0.0, centre - half)), (1.0 if correct == n else min(1.0, centre + half))
    return float(lo), float(hi)


def accuracy_sentence(correct: int, n: int) -> str:
    """The accuracy as a person reads it: "17 of 20 right — 85 % (likely 64–95 %)"."""
    if n <= 0:
        return "Not checked yet: add a second photo to a class so one can be tested."
    lo, hi = wilson_interval(correct, n)
    text = f"{correct} of {n} right — {round(100 * correct / n)} % (likely {round(100 * lo)}–{round(100 * hi)} %)"
    if n < FEW_FOR_ACCURACY:
        text += f". Only {n} photo{'s' if n != 1 else ''} to check on: add more to each class for a figure that means much"
    return text


@dataclass(frozen=True)
class HeldoutRecord:
    path: str
    true: int
    pred: int
    confidence: float
    probs: tuple[float, ...]

    @property
    def correct(self) -> bool:
        return self.true == self.pred


@dataclass
class EvaluationReport:
    class_names: list[str]
    heldout: list[HeldoutRecord]
    confusion: np.ndarray
    per_class: dict[str, dict[str, float]]
    accuracy: float
    ece: float
    not_evaluated: list[str] = field(default_factory=list)  # classes with a single image

    @property
    def n_heldout(self) -> int:
        return len(self.heldout)

    @property
    def mistakes(self) -> list[HeldoutRecord]:
        return [r for r in self.heldout if not r.correct]

    @property
    def n_correct(self) -> int:
        return sum(r.correct for r in self.heldout)

    @property
    def accuracy_ci95(self) -> tuple[float, float]:
        """95 % Wilson interval of the accuracy (NaN when nothing was held out)."""
        return wilson_interval(self.n_correct, self.n_heldout)

    def sentence(self) -> str:
        return accuracy_sentence(self.n_correct, self.n_heldout)

    def as_dict(self) -> dict:
        """JSON-able summary; undefined numbers (no held-out image) are None, never NaN."""
        return {
            "accuracy": _finite(self.accuracy),
            "accuracy_ci95": [_finite(v) for v in self.accuracy_ci95],
            "n_correct": self.n_correct,
            "n_heldout": self.n_heldout,
            "ece": _finite(self.ece),
            "per_class": {name: {k: _finite(v) for k, v in d.items()} for name, d in self.per_class.items()},
            "confusion": self.confusion.tolist(),
        }


def _finite(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None


def folds(labels: np.ndarray, n_classes: int, seed: int = 0, k: int = K_FOLDS) -> list[np.ndarray]:
    """Stratified cross-validation folds: each photo of a class with two or more is in exactly one.

    A class's photos are dealt round the folds in a shuffled order, so no fold ever holds two of a
    class of ``k`` or fewer (it keeps the rest to learn from), and each class starts where the last
    one stopped, so the folds stay even. A class of one photo cannot be tested and is in none.
    """
    rng = np.random.default_rng(seed)
    out: list[list[int]] = [[] for _ in range(k)]
    start = 0
    for c in range(n_classes):
        idx = np.flatnonzero(labels == c)
        if len(idx) <= 1:
            continue
        for r, i in enumerate(rng.permutation(idx)):
            out[(start + r) % k].append(int(i))
        start += len(idx)
    return [np.array(sorted(f), dtype=int) for f in out if f]


def heldout_logits(
    features: np.ndarray,
    labels: np.ndarray,
    n_classes: int,
    fit: Callable[[np.ndarray, np.ndarray, np.ndarray], object],
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """(indices, logits) of every held-out image, each from a model fitted without its label.

    ``fit(support_features, support_labels, heldout_features)`` gets the held-out features
    unlabelled, as a transductive method gets any images it is asked to predict.
    """
    all_idx, all_logits = [], []
    for held in folds(labels, n_classes, seed):
        support = np.setdiff1d(np.arange(len(labels)), held)
        model = fit(features[support], labels[support], features[held])
        all_idx.append(held)
        all_logits.append(model.logits(features[held]))
    if not all_idx:
        return np.zeros(0, dtype=int), np.zeros((0, n_classes), dtype=np.float32)
    return np.concatenate(all_idx), np.concatenate(all_logits)


def report(
    class_names: list[str], paths: list[str], labels: np.ndarray, idx: np.ndarray, logits: np.ndarray, temperature: float
) -> EvaluationReport:
    n_classes = len(class_names)
    probs = softmax(logits, temperature) if len(idx) else np.zeros((0, n_classes))
    true = labels[idx]
    pred = probs.argmax(1) if len(idx) else np.zeros(0, dtype=int)
    confusion = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(confusion, (true, pred), 1)
    per_class = {}
    for c, name in enumerate(class_names):
        n = int(confusion[c].sum())
        predicted = int(confusion[:, c].sum())
        per_class[name] = {
            "n": n,
            "correct": int(confusion[c, c]),
            "accuracy": float(confusion[c, c] / n) if n else float("nan"),
            "recall": float(confusion[c, c] / n) if n else float("nan"),
            "precision": float(confusion[c, c] / predicted) if predicted else float("nan"),
        }
    records = [
        HeldoutRecord(paths[i], int(t), int(p), float(pr.max()), tuple(float(v) for v in pr))
        for i, t, p, pr in zip(idx, true, pred, probs)
    ]
    counts = np.bincount(labels, minlength=n_classes)
    return EvaluationReport(
        class_names=list(class_names),
        heldout=records,
        confusion=confusion,
        per_class=per_class,
        accuracy=float((true == pred).mean()) if len(idx) else float("nan"),
        ece=expected_calibration_error(probs, true) if len(idx) else float("nan"),
        not_evaluated=[class_names[c] for c in range(n_classes) if counts[c] <= 1],
    )
