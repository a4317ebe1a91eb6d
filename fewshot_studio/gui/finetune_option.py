"""The "Fine-tune for best accuracy" choice, with an honest estimate of what it costs here.

The estimate is built from this computer's measured speed: one timed backbone pass (taken by the
worker after the first training) times the work fine-tuning does per image. Once a fine-tuned
run has finished, its real duration replaces the model, and the label says "measured".
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

# Fine-tuning, in backbone forward passes per labelled image: early activations of both views,
# two schedule trials and the final run over the last blocks (forward + backward), then a fresh
# embedding. Measured on the demo project on a 2-core CPU: 207 s for 48 labelled + 12 test images
# at 0.115 s per forward pass → about 36 passes per labelled image.
FORWARD_PASSES_PER_LABELLED_IMAGE = 36


def estimate_seconds(n_labelled: int, n_test: int, sec_per_image: float | None,
                     measured_sec_per_labelled: float | None = None) -> float | None:
    if measured_sec_per_labelled is not None:
        return measured_sec_per_labelled * n_labelled + (sec_per_image or 0.0) * n_test
    if sec_per_image is None:
        return None
    return sec_per_image * (FORWARD_PASSES_PER_LABELLED_IMAGE * n_labelled + n_test)


def describe_duration(seconds: float) -> str:
    if seconds < 60:
        return f"about {max(5, round(seconds / 5) * 5):.0f} seconds"
    minutes = seconds / 60
    if minutes < 90:
        return f"about {round(minutes)} minute{'s' if round(minutes) != 1 else ''}"
    return f"about {minutes / 60:.1f} hours"


class FinetuneOption(QWidget):
    toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.checkbox = QCheckBox("Fine-tune for best accuracy")
        self.checkbox.setToolTip("Also adjusts the last layers of the image network to your pictures. "
                                 "Usually a few points more accurate, but much slower than the default.")
        self.checkbox.toggled.connect(self.toggled)
        self.estimate_label = QLabel()
        self.estimate_label.setStyleSheet("color: #5f6670;")
        layout.addWidget(self.checkbox)
        layout.addWidget(self.estimate_label)
        self.sec_per_image: float | None = None
        self.measured_sec_per_labelled: float | None = None
        self._counts = (0, 0)
        self.update_estimate()

    def set_counts(self, n_labelled: int, n_test: int) -> None:
        self._counts = (n_labelled, n_test)
        self.update_estimate()

    def set_speed(self, sec_per_image: float) -> None:
        self.sec_per_image = sec_per_image
        self.update_estimate()

    def record_run(self, seconds: float, n_labelled: int, n_test: int) -> None:
        """A fine-tuned training finished in ``seconds``: use it for the next estimates."""
        if n_labelled > 0:
            rest = (self.sec_per_image or 0.0) * n_test
            self.measured_sec_per_labelled = max(0.0, seconds - rest) / n_labelled
            self.update_estimate()

    def estimate(self) -> float | None:
        return estimate_seconds(*self._counts, self.sec_per_image, self.measured_sec_per_labelled)

    def update_estimate(self) -> None:
        seconds = self.estimate()
        if self._counts[0] == 0:
            self.estimate_label.setText("(slower; how much depends on the number of images)")
        elif seconds is None:
            self.estimate_label.setText("(slower; time estimate after the first training)")
        else:
            how = "measured" if self.measured_sec_per_labelled is not None else "estimated"
            self.estimate_label.setText(f"(slower: {describe_duration(seconds)} per training on this computer, {how})")
