"""The latest result the window shows, shared by the panel and the bucket tiles.

One object holds the current ``ResultSnapshot`` and the user's two thresholds ("unsure": torn
between classes; "None of these": like none of them); every view listens to it, so a new fit or a
slider move updates the panel and the thumbnails together.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from fewshot_studio.gui.results.result_rows import PredictionRow, ResultSnapshot


class LiveResults(QObject):
    changed = Signal()  # a new snapshot (or none): the headline numbers
    # One event-loop turn later, for the views with many items (prediction list, thumbnail
    # badges): a new result is painted in two short turns instead of one long one.
    detailsChanged = Signal()
    thresholdChanged = Signal(float)
    unknownThresholdChanged = Signal(float)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.snapshot: ResultSnapshot | None = None
        self.result = None  # the engine's TrainingResult, for export
        self.threshold = 0.5
        self._user_threshold: float | None = None
        self.unknown_threshold = 0.05
        self._user_unknown_threshold: float | None = None
        self._by_path: dict[str, PredictionRow] = {}
        self._details = QTimer(self, singleShot=True, interval=0)
        self._details.timeout.connect(self.detailsChanged)

    def set_result(self, snapshot: ResultSnapshot | None, result=None) -> None:
        self.snapshot, self.result = snapshot, result
        self._by_path = snapshot.prediction_for() if snapshot else {}
        if snapshot is not None and self._user_threshold is None:
            self.threshold = snapshot.threshold
        if snapshot is not None and self._user_unknown_threshold is None:
            self.unknown_threshold = snapshot.unknown_threshold
        self.changed.emit()
        self._details.start()

    def set_threshold(self, value: float, user: bool = True) -> None:
        value = float(min(1.0, max(0.0, value)))
        if user:
            self._user_threshold = value
        if value != self.threshold:
            self.threshold = value
            self.thresholdChanged.emit(value)

    @property
    def user_threshold(self) -> float | None:
        return self._user_threshold

    def set_unknown_threshold(self, value: float, user: bool = True) -> None:
        value = float(min(1.0, max(0.0, value)))
        if user:
            self._user_unknown_threshold = value
        if value != self.unknown_threshold:
            self.unknown_threshold = value
            self.unknownThresholdChanged.emit(value)

    @property
    def user_unknown_threshold(self) -> float | None:
        return self._user_unknown_threshold

    def reset_unknown_threshold(self, value: float | None) -> None:
        """A project was opened: use its saved "None of these" threshold, or the model's own."""
        self._user_unknown_threshold = value
        default = self.snapshot.unknown_threshold if self.snapshot else 0.05
        self.set_unknown_threshold(value if value is not None else default, user=False)

    def reset_threshold(self, value: float | None) -> None:
        """A project was opened: use its saved threshold, or the model's own."""
        self._user_threshold = value
        self.set_threshold(value if value is not None else (self.snapshot.threshold if self.snapshot else 0.5), user=False)

    def row(self, path: str) -> PredictionRow | None:
        return self._by_path.get(path)

    def badge(self, path: str, is_test_pool: bool) -> tuple[str, float, str] | None:
        """What a thumbnail shows: the prediction for test images, the mistake for labelled ones."""
        row = self._by_path.get(path)
        if row is None:
            return None
        if is_test_pool:
            return row.pred, row.confidence, row.status(self.threshold, self.unknown_threshold)
        if row.correct is False:
            return row.pred, row.confidence, "wrong"
        return None
