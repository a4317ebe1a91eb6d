"""The "unsure" threshold slider, which says what a move would change before it is applied.

While the handle is dragged the label counts the predictions that would switch between sure
and unsure; releasing it applies the new threshold everywhere (panel and thumbnails). No retrain
is needed: it only changes which confidences count as "unsure".
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from fewshot_studio.gui.results.live_results import LiveResults


class ThresholdControl(QWidget):
    def __init__(self, live: LiveResults, parent: QWidget | None = None):
        super().__init__(parent)
        self.live = live
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Unsure below")))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(5)
        self.slider.setToolTip(self.tr("Predictions with a confidence below this are marked “unsure”"))
        row.addWidget(self.slider, 1)
        self.value_label = QLabel()
        self.value_label.setMinimumWidth(44)
        row.addWidget(self.value_label)
        layout.addLayout(row)
        self.effect_label = QLabel()
        self.effect_label.setWordWrap(True)
        self.effect_label.setStyleSheet("color: #3c4350;")
        layout.addWidget(self.effect_label)
        self.slider.valueChanged.connect(self._changed)
        self.slider.sliderReleased.connect(self.apply)
        live.changed.connect(self._sync)
        live.thresholdChanged.connect(self._sync)
        self._sync()

    def _sync(self, *_) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(self.live.threshold * 100))
        self.slider.blockSignals(False)
        self._preview(self.slider.value())

    def _changed(self, value: int) -> None:
        self._preview(value)
        if not self.slider.isSliderDown():  # arrow keys or a click on the groove: apply at once
            self.apply()

    def preview_text(self, value: float) -> str:
        snap = self.live.snapshot
        if snap is None or not snap.rows:
            return self.tr("Train first: then this shows how many predictions a change affects.")
        now = snap.unsure_count(self.live.threshold)
        total = len(snap.rows)
        if abs(value - self.live.threshold) < 1e-9:
            return self.tr("{0} of {1} predictions are unsure.").format(now, total)
        changed = snap.changed_by(value, self.live.threshold)
        after = snap.unsure_count(value)
        return self.tr("At {0} %, {1} predictions would change ({2} → {3} unsure of {4}). Release to apply.").format(
            f"{value * 100:.0f}", changed, now, after, total)

    def _preview(self, percent_value: int) -> None:
        value = percent_value / 100
        self.value_label.setText(f"{percent_value} %")
        self.effect_label.setText(self.preview_text(value))

    def apply(self) -> None:
        self.live.set_threshold(self.slider.value() / 100)
        self._preview(self.slider.value())
