"""Temperature scaling, calibration error and the "unsure" threshold on synthetic data with known answers."""
from __future__ import annotations

import numpy as np
import pytest

from fewshot_studio.core.classifier.calibration import (
    DEFAULT_THRESHOLD,
    expected_calibration_error,
    fit_temperature,
    nll,
    threshold_rejecting,
)
from fewshot_studio.core.methods.base import softmax


def _sample(rng, logits: np.ndarray, temperature: float) -> np.ndarray:
    """Labels drawn from softmax(logits / T): T is then the true temperature of these logits."""
    p = softmax(logits, temperature)
    u = rng.random((len(p), 1))
    return (p.cumsum(axis=1) < u).sum(axis=1).clip(max=p.shape[1] - 1)


@pytest.mark.parametrize("true_t", [0.5, 1.0, 2.5, 6.0])
def test_fit_temperature_recovers_a_known_temperature(true_t):
    rng = np.random.default_rng(7)
    logits = rng.normal(0.0, 4.0, size=(6000, 5))
    labels = _sample(rng, logits, true_t)
    t = fit_temperature(logits, labels)
    assert abs(np.log(t / true_t)) < 0.08, (t, true_t)
    # It is the NLL minimiser: nudging it either way does not help.
    assert nll(logits, labels, t) <= min(nll(logits, labels, t * 1.2), nll(logits, labels, t / 1.2))


def test_fit_temperature_with_few_images_stays_near_the_prior():
    """Ten held-out images that are all right must not make the model '100 % sure of everything'."""
    logits = np.tile([[3.0, 0.0, 0.0]], (10, 1))
    labels = np.zeros(10, dtype=int)
    t = fit_temperature(logits, labels)
    assert 0.2 < t <= 1.0
    assert 0.05 <= fit_temperature(logits, labels, prior=0.05) < t


def test_ece_of_perfectly_calibrated_probabilities_is_about_zero():
    rng = np.random.default_rng(3)
    n = 40000
    conf = rng.uniform(0.5, 1.0, n)
    probs = np.stack([conf, 1 - conf], axis=1)  # predicts class 0 with confidence conf ...
    labels = (rng.random(n) >= conf).astype(int)  # ... and is right exactly that often
    assert expected_calibration_error(probs, labels) < 0.01


def test_ece_of_overconfident_probabilities_is_large():
    rng = np.random.default_rng(4)
    n = 4000
    probs = np.tile([0.99, 0.01], (n, 1))
    labels = rng.integers(0, 2, n)  # right only half the time
    assert expected_calibration_error(probs, labels) == pytest.approx(0.49, abs=0.03)


def test_temperature_scaling_reduces_ece():
    rng = np.random.default_rng(5)
    logits = rng.normal(0.0, 3.0, size=(5000, 4))
    labels = _sample(rng, logits, 3.0)  # the raw logits are 3x too confident
    before = expected_calibration_error(softmax(logits), labels)
    after = expected_calibration_error(softmax(logits, fit_temperature(logits, labels)), labels)
    assert before > 0.1
    assert after < 0.03


def test_ece_empty_is_nan():
    assert np.isnan(expected_calibration_error(np.zeros((0, 3)), np.zeros(0, dtype=int)))


@pytest.mark.parametrize("fraction", [0.05, 0.2])
def test_threshold_rejects_the_intended_fraction_of_correct_predictions(fraction):
    rng = np.random.default_rng(6)
    conf = rng.beta(8, 2, 5000)
    thr = threshold_rejecting(conf, fraction)
    assert (conf < thr).mean() == pytest.approx(fraction, abs=0.005)


def test_threshold_without_data_is_the_default():
    assert threshold_rejecting(np.zeros(0)) == DEFAULT_THRESHOLD
