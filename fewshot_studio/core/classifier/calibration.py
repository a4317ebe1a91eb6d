"""Honest confidence: temperature scaling, calibration error, and the "unsure" threshold.

A few-shot head's raw scores are not probabilities; one temperature fitted on held-out images
(Guo et al., 2017) makes "90 % sure" mean right about 9 times in 10, which is what lets the app
say "not sure" instead of guessing.
"""
from __future__ import annotations

import numpy as np

from fewshot_studio.core.methods.base import softmax

# Chosen on the benchmarks (benchmarks/RESULTS.md, "Calibration"): used when a project has too
# few held-out images to fit its own.
DEFAULT_TEMPERATURE = 1.0
# Confidence below which a prediction is reported as "unsure"; on the benchmark episodes it
# rejects about 5 % of correct predictions (benchmarks/RESULTS.md, "Calibration").
DEFAULT_THRESHOLD = 0.5
MIN_HELDOUT_FOR_TEMPERATURE = 8


def nll(logits: np.ndarray, labels: np.ndarray, temperature: float) -> float:
    p = softmax(logits, temperature)[np.arange(len(labels)), labels]
    return float(-np.log(np.clip(p, 1e-12, None)).mean())


# Weight of the prior on log-temperature, in held-out images: with ten held-out images that are
# all right, plain NLL would drive the temperature to zero ("100 % sure of everything").
PRIOR_WEIGHT = 4.0


def fit_temperature(logits: np.ndarray, labels: np.ndarray, prior: float | None = None) -> float:
    """Temperature in [0.05, 20] minimising held-out NLL plus a pull towards ``prior``."""
    t0 = np.log(prior if prior is not None else DEFAULT_TEMPERATURE)
    n = max(1, len(labels))

    def loss(log_t: float) -> float:
        return nll(logits, labels, float(np.exp(log_t))) + PRIOR_WEIGHT / n * (log_t - t0) ** 2

    grid = np.linspace(np.log(0.05), np.log(20.0), 61)
    best = int(np.argmin([loss(g) for g in grid]))
    lo, hi = grid[max(0, best - 1)], grid[min(len(grid) - 1, best + 1)]
    for _ in range(30):  # golden-section refinement in log space
        a = hi - 0.618 * (hi - lo)
        b = lo + 0.618 * (hi - lo)
        if loss(a) < loss(b):
            hi = b
        else:
            lo = a
    return float(np.exp(0.5 * (lo + hi)))


def expected_calibration_error(probs: np.ndarray, labels: np.ndarray, bins: int = 15) -> float:
    """Mean |accuracy − confidence| over equal-width confidence bins, weighted by bin size."""
    if len(labels) == 0:
        return float("nan")
    conf = probs.max(axis=1)
    correct = probs.argmax(axis=1) == labels
    edges = np.linspace(0.0, 1.0, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())
    return float(ece)


def threshold_rejecting(confidences_of_correct: np.ndarray, fraction: float = 0.05) -> float:
    """The confidence below which ``fraction`` of the correct predictions fall."""
    if len(confidences_of_correct) == 0:
        return DEFAULT_THRESHOLD
    return float(np.quantile(confidences_of_correct, fraction))
