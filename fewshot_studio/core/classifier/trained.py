"""A trained classifier: backbone choice + fitted head + calibration, ready to predict.

This is the object the app shows, the file format saves and batch labelling runs, so all three
give the same probabilities for the same photo.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from fewshot_studio.core.features.embeddings import EmbedResult, embed_paths
from fewshot_studio.core.methods.base import FewShotMethod, softmax
from fewshot_studio.core.util.progress import CancelToken, ProgressCallback, no_progress


@dataclass
class Predictions:
    probs: np.ndarray  # (N, C) calibrated probabilities
    threshold: float

    @property
    def top(self) -> np.ndarray:
        return self.probs.argmax(axis=1)

    @property
    def confidence(self) -> np.ndarray:
        return self.probs.max(axis=1)

    @property
    def unsure(self) -> np.ndarray:
        return self.confidence < self.threshold

    def top_k(self, k: int = 3) -> np.ndarray:
        return np.argsort(-self.probs, axis=1)[:, :k]


@dataclass
class TrainedClassifier:
    class_names: list[str]
    method: FewShotMethod
    backbone_name: str
    backbone_id: str
    temperature: float
    threshold: float
    tta: bool = False
    metrics: dict[str, Any] = field(default_factory=dict)
    # state_dict of a fine-tuned FeatureNet, or None for the stock backbone weights
    backbone_state: dict[str, np.ndarray] | None = None
    _backbone: Any = field(default=None, repr=False, compare=False)

    def predict_features(self, features: np.ndarray) -> Predictions:
        logits = self.method.logits(np.asarray(features, dtype=np.float32))
        return Predictions(softmax(logits, self.temperature), self.threshold)

    def backbone(self, device: str | None = None):
        """The backbone these features must come from (stock, or fine-tuned and rebuilt here)."""
        if self._backbone is None:
            from fewshot_studio.core.features.loading import load_backbone

            if self.backbone_state is None:
                self._backbone = load_backbone(self.backbone_name, device)
            else:
                from fewshot_studio.core.tuning.finetune import backbone_from_state

                self._backbone = backbone_from_state(self.backbone_name, self.backbone_state, device)
        return self._backbone

    def predict_paths(
        self,
        paths: Sequence[str],
        *,
        progress: ProgressCallback = no_progress,
        cancel: CancelToken | None = None,
        device: str | None = None,
    ) -> tuple[Predictions, EmbedResult]:
        """Predictions for the readable images (``EmbedResult.index`` maps rows back to ``paths``)."""
        emb = embed_paths(paths, self.backbone(device), tta=self.tta, progress=progress, cancel=cancel)
        return self.predict_features(emb.features), emb
