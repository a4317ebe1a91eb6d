"""One interface for every adaptation method (easyfsl style): fit on support features, then score.

Methods see L2-comparable backbone features, never images, except fine-tuning which also gets a
``FitContext`` with the backbone and the support images. Each method can be saved as plain
arrays + JSON (``state``/``config``) so classifier files never need pickle.
"""
from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from fewshot_studio.core.methods.features import POWER, multilevel, power_transform


@dataclass
class FitContext:
    """Extra material some methods use: the backbone (fine-tuning) and unlabelled features
    (transductive refinement: the test pool and held-out images the app predicts)."""

    backbone: Any = None
    support_paths: list[str] | None = None
    unlabelled: np.ndarray | None = None
    seed: int = 0
    parts: tuple[int, ...] | None = None  # the embedding's layout (Backbone.parts); None: one plain vector


class FewShotMethod(ABC):
    name: ClassVar[str]
    # Calibration temperature measured on the benchmarks (RESULTS.md, "Calibration"); used
    # when a project has too few held-out images to fit its own, and as the fit's prior.
    default_temperature: float = 1.0
    # Fitting imports torch (seconds, once per process): the app's warm-up leaves such methods
    # alone so that a CPU-only first result never pays for it.
    needs_torch: ClassVar[bool] = False
    parts: tuple[int, ...] | None = None

    def take_parts(self, context: "FitContext | None") -> None:
        self.parts = tuple(int(p) for p in context.parts) if context is not None and context.parts else None

    def parts_config(self) -> dict[str, Any]:
        return {"parts": list(self.parts)} if self.parts else {}

    def restore_parts(self, config: dict[str, Any]) -> None:
        self.parts = tuple(int(p) for p in config["parts"]) if config.get("parts") else None

    def prepared(self, features: np.ndarray, width: int | None = None, power: float | None = None) -> np.ndarray:
        """The features as this head reads them: the parts normalised one by one, or (fitted
        without parts) the first ``width`` columns, raised to ``power`` if given."""
        if self.parts:
            return multilevel(features, self.parts, POWER if power is None else power)
        x = features if width is None else features[:, :width]
        return x if power is None else power_transform(x, power)

    @abstractmethod
    def fit(self, features: np.ndarray, labels: np.ndarray, n_classes: int, context: FitContext | None = None) -> "FewShotMethod":
        """Learn from support ``features`` (N, D) float32 with integer ``labels`` in [0, n_classes)."""

    @abstractmethod
    def logits(self, features: np.ndarray) -> np.ndarray:
        """Uncalibrated class scores (N, C); probabilities are softmax(logits / temperature)."""

    def state(self) -> dict[str, np.ndarray]:
        """Arrays that, with ``config``, rebuild the fitted method (saved as safetensors)."""
        raise NotImplementedError(f"{self.name} cannot be saved to a classifier file")

    def config(self) -> dict[str, Any]:
        return {}

    @classmethod
    def from_state(cls, config: dict[str, Any], state: dict[str, np.ndarray]) -> "FewShotMethod":
        raise NotImplementedError(f"{cls.name} cannot be loaded from a classifier file")


def without_parts(config: dict[str, Any]) -> dict[str, Any]:
    """A saved config as constructor arguments (the layout is restored separately)."""
    return {k: v for k, v in config.items() if k != "parts"}


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = logits / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


_THREADS_LOCK = threading.Lock()


@contextmanager
def single_threaded_torch() -> Iterator[None]:
    """Heads train on matrices of a few dozen rows: torch's thread pool only adds overhead there,
    and on a busy machine its spinning threads make a 30 ms fit take seconds (measured)."""
    import torch

    with _THREADS_LOCK:  # the setting is process-wide: two fits at once must not interleave it
        old = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            yield
        finally:
            torch.set_num_threads(old)
