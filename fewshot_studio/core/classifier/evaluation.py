"""How good is the classifier on images it did not learn from — the numbers the live panel shows.

Each class is split into support and held-out images, deterministically and stratified; a class
with three images or fewer is evaluated leave-one-out instead (holding out a third of three
images would leave too little to learn from). Every held-out image is predicted by a model that
never saw it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from fewshot_studio.core.classifier.calibration import expected_calibration_error
from fewshot_studio.core.methods.base import softmax

HELDOUT_FRACTION = 0.25
LOO_MAX = 3


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

    def as_dict(self) -> dict:
        """JSON-able summary; undefined numbers (no held-out image) are None, never NaN."""
        return {
            "accuracy": _finite(self.accuracy),
            "n_heldout": self.n_heldout,
            "ece": _finite(self.ece),
            "per_class": {name: {k: _finite(v) for k, v in d.items()} for name, d in self.per_class.items()},
            "confusion": self.confusion.tolist(),
        }


def _finite(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None


def folds(labels: np.ndarray, n_classes: int, seed: int = 0) -> list[np.ndarray]:
    """Held-out index sets; fold 0 holds the stratified split of big classes plus one LOO image each."""
    rng = np.random.default_rng(seed)
    out: list[list[int]] = [[] for _ in range(LOO_MAX)]
    for c in range(n_classes):
        idx = np.flatnonzero(labels == c)
        if len(idx) <= 1:
            continue
        if len(idx) <= LOO_MAX:
            for k, i in enumerate(idx):
                out[k].append(int(i))
        else:
            n_held = max(1, int(round(HELDOUT_FRACTION * len(idx))))
            out[0].extend(int(i) for i in rng.permutation(idx)[:n_held])
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
