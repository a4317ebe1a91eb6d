"""How a head sees the embedding: each part (standard feature, then each tap) normalised on its own.

The parts differ in width and scale (a 1280-d post-ReLU6 average against signed 192- and 320-d
block outputs), so concatenating them raw would let the widest or loudest decide. Each part gets
the square root that makes sparse post-ReLU features closer to Gaussian (Tukey's ladder, as in
PT-MAP), unit length, and the taps half the standard feature's weight: +0.4 to +0.6 points at
5 shots on flowers, Fashion-MNIST and Omniglot over the standard feature alone, on episodes the
benchmark does not use (benchmarks/RESULTS.md, "Multi-level features").
A head fitted without parts (files from before the embedding had taps) reads the columns it was
fitted on, which are the standard feature, so old classifier files predict exactly as before.
"""
from __future__ import annotations

import numpy as np

POWER = 0.5
TAP_WEIGHT = 0.5


def l2_normalize(x: np.ndarray, eps: float = 1e-8) -> np.ndarray:
    return x / (np.linalg.norm(x, axis=-1, keepdims=True) + eps)


def power_transform(features: np.ndarray, power: float) -> np.ndarray:
    """Sign-preserving power: backbone features are non-negative, block outputs and a custom
    backbone's may not be."""
    if power == 1.0:
        return features
    return (np.sign(features) * np.abs(features) ** power).astype(np.float32)


def multilevel(features: np.ndarray, parts: tuple[int, ...], power: float = POWER) -> np.ndarray:
    if sum(parts) != features.shape[1]:
        raise ValueError(f"features are {features.shape[1]}-d, the head expects parts {list(parts)}")
    out, start = [], 0
    for i, width in enumerate(parts):
        part = l2_normalize(power_transform(features[:, start : start + width], power))
        out.append(part if i == 0 else TAP_WEIGHT * part)
        start += width
    return np.concatenate(out, axis=1).astype(np.float32)
