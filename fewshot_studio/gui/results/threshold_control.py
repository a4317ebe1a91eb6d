"""The two doubt sliders, each saying what a move would change before it is applied.

"Unsure below" marks predictions torn between classes (low confidence); "None of these below"
marks photos that look like none of the classes (low familiarity). While a handle is dragged the
label counts the predictions that would switch; releasing it applies the new threshold everywhere
(panel and thumbnails). No retrain is needed: only which scores count changes.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from fewshot_studio.gui.results.live_results import LiveResults


class _SliderControl(QWidget):
    """A 0–100 % slider over one of ``LiveResults``' thresholds, with a preview of its effect."""

    def __init__(self, live: LiveResults, parent: QWidget | None = None):
        super().__init__(parent)
        self.live = live
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.caption_label = QLabel(self.caption_text())
        row.addWidget(self.caption_label)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(5)
        self.slider.setToolTip(self.tooltip_text())
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

    # Each control's own texts come from its own methods: self.tr() takes its context from the
    # class of the object, so a string marked in this base class would never be found translated.
    def caption_text(self) -> str:
        raise NotImplementedError

    def tooltip_text(self) -> str:
        raise NotImplementedError

    def current(self) -> float:
        raise NotImplementedError

    def set_value(self, value: float) -> None:
        raise NotImplementedError

    def preview_text(self, value: float) -> str:
        raise NotImplementedError

    def _sync(self, *_) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(self.current() * 100))
        self.slider.blockSignals(False)
        self._preview(self.slider.value())

    def _changed(self, value: int) -> None:
        self._preview(value)
        if not self.slider.isSliderDown():  # arrow keys or a click on the groove: apply at once
            self.apply()

    def _preview(self, percent_value: int) -> None:
        value = percent_value / 100
        self.value_label.setText(f"{percent_value} %")
        self.effect_label.setText(self.preview_text(value))

    def apply(self) -> None:
        self.set_value(self.slider.value() / 100)
        self._preview(self.slider.value())


class ThresholdControl(_SliderControl):
    def __init__(self, live: LiveResults, parent: QWidget | None = None):
        super().__init__(live, parent)
        live.thresholdChanged.connect(self._sync)
        self._sync()

    def caption_text(self) -> str:
        return self.tr("Unsure below")

    def tooltip_text(self) -> str:
        return self.tr("Predictions with a confidence below this are marked “unsure”")

    def current(self) -> float:
        return self.live.threshold

    def set_value(self, value: float) -> None:
        self.live.set_threshold(value)

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


class UnknownControl(_SliderControl):
    def __init__(self, live: LiveResults, parent: QWidget | None = None):
        super().__init__(live, parent)
        live.unknownThresholdChanged.connect(self._sync)
        self._sync()

    def caption_text(self) -> str:
        return self.tr("None of these below")

    def tooltip_text(self) -> str:
        return self.tr("Test photos that look less like your classes than this are marked “None of these” instead "
                       "of getting a class. At 5 %, about 1 in 20 photos of your own classes would be.")

    def current(self) -> float:
        return self.live.unknown_threshold

    def set_value(self, value: float) -> None:
        self.live.set_unknown_threshold(value)

    def preview_text(self, value: float) -> str:
        snap = self.live.snapshot
        if snap is None:
            return self.tr("Train first: then this shows how many test photos look like none of your classes.")
        if not snap.test:
            return self.tr("Add photos to the test pool: then this shows how many look like none of your classes.")
        now = snap.unknown_count(self.live.unknown_threshold)
        total = len(snap.test)
        if abs(value - self.live.unknown_threshold) < 1e-9:
            return self.tr("{0} of {1} test photos look like none of your classes.").format(now, total)
        changed = snap.changed_by_unknown(value, self.live.unknown_threshold)
        after = snap.unknown_count(value)
        return (self.tr("At {0} %, {1} test photos would change ({2} → {3} “None of these” of {4}). Release to apply.")
                if changed != 1 else self.tr("At {0} %, 1 test photo would change ({2} → {3} “None of these” of {4}). "
                                             "Release to apply.")).format(f"{value * 100:.0f}", changed, now, after, total)
