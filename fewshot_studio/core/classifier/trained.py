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
from fewshot_studio.core.methods.familiarity import DEFAULT_UNKNOWN_THRESHOLD, Familiarity
from fewshot_studio.core.util.progress import CancelToken, ProgressCallback, no_progress


@dataclass
class Predictions:
    """What the classifier says of N photos: which class, how sure, and whether it is any of them.

    Two different doubts: ``unsure`` is torn between taught classes (low ``confidence``);
    ``unknown`` ("None of these") looks like none of them (low ``known_score``). A classifier
    file from before the familiarity score has ``known_score`` NaN and never says ``unknown``.
    """

    probs: np.ndarray  # (N, C) calibrated probabilities
    threshold: float
    known_score: np.ndarray | None = None  # (N,) familiarity in [0, 1]; None: not measured (NaN)
    unknown_threshold: float = 0.0

    def __post_init__(self) -> None:
        if self.known_score is None:
            self.known_score = np.full(len(self.probs), np.nan, dtype=np.float32)

    @property
    def top(self) -> np.ndarray:
        """Index of the most likely class of each photo (N,)."""
        return self.probs.argmax(axis=1)

    @property
    def confidence(self) -> np.ndarray:
        """Probability of the most likely class (N,)."""
        return self.probs.max(axis=1)

    @property
    def unsure(self) -> np.ndarray:
        """True where the classifier is torn between classes (confidence below ``threshold``);
        a NaN confidence is never sure."""
        return ~(self.confidence >= self.threshold)

    @property
    def unknown(self) -> np.ndarray:
        """True where the photo looks like none of the classes ("None of these")."""
        return np.nan_to_num(self.known_score, nan=1.0) < self.unknown_threshold

    @property
    def status(self) -> list[str]:
        """Per photo ``unknown``, ``unsure`` or ``labelled`` — the one decision every output uses."""
        unknown, unsure = self.unknown, self.unsure
        return ["unknown" if n else "unsure" if u else "labelled" for n, u in zip(unknown, unsure)]

    def top_k(self, k: int = 3) -> np.ndarray:
        """Indices of the ``k`` most likely classes of each photo, best first (N, k)."""
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
    # How familiar photos look (None: a classifier file from before the score existed)
    familiarity: Familiarity | None = None
    unknown_threshold: float = DEFAULT_UNKNOWN_THRESHOLD
    _backbone: Any = field(default=None, repr=False, compare=False)

    def predict_features(self, features: np.ndarray) -> Predictions:
        features = np.asarray(features, dtype=np.float32)
        logits = self.method.logits(features)
        known = self.familiarity.score(features) if self.familiarity is not None else None
        return Predictions(softmax(logits, self.temperature), self.threshold, known, self.unknown_threshold)

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
