"""The "Fine-tune for best accuracy" choice, with an honest estimate of what it costs here.

The estimate is built from this computer's measured speed: one timed backbone pass (taken by the
worker at start-up) times the work fine-tuning does for this many images. Once a fine-tuned run
has finished, its real duration corrects the model, and the label says so.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

# Fine-tuning cost in backbone forward passes (the unit the worker times on this computer): a
# fixed part (two trial schedules with held-out checks, network copies) plus a part per labelled
# image (early activations of both views, the training steps over the last blocks, a fresh
# embedding). Fitted to runs on the Fashion-MNIST demo images on a shared 2-core CPU
# (8 labelled: 137 s, 24: 221 s, 48 + 12 test: 207 s, at 0.1–0.25 s per pass): rough, so once a
# fine-tuned run has finished here, its real duration corrects every later estimate.
FIXED_PASSES = 330
PASSES_PER_LABELLED_IMAGE = 31


def model_passes(n_labelled: int, n_test: int) -> float:
    return FIXED_PASSES + PASSES_PER_LABELLED_IMAGE * n_labelled + n_test


def estimate_seconds(n_labelled: int, n_test: int, sec_per_image: float | None, correction: float = 1.0) -> float | None:
    if sec_per_image is None:
        return None
    return sec_per_image * model_passes(n_labelled, n_test) * correction


def describe_duration(seconds: float) -> str:
    if seconds < 60:
        return QCoreApplication.translate("FinetuneOption", "about {0} seconds").format(f"{max(5, round(seconds / 5) * 5):.0f}")
    minutes = seconds / 60
    if minutes < 90:
        return QCoreApplication.translate("FinetuneOption", "about {0} minutes").format(round(minutes)) if round(minutes) != 1 else QCoreApplication.translate("FinetuneOption", "about 1 minute")
    return QCoreApplication.translate("FinetuneOption", "about {0} hours").format(f"{minutes / 60:.1f}")


class FinetuneOption(QWidget):
    toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.checkbox = QCheckBox(self.tr('Fine-tune for best accuracy'))
        self.checkbox.setToolTip(self.tr('Also adjusts the last layers of the image network to your pictures. Usually a few points more accurate, but much slower than the default.'))
        self.checkbox.toggled.connect(self.toggled)
        self.estimate_label = QLabel()
        self.estimate_label.setStyleSheet("color: #5f6670;")
        layout.addWidget(self.checkbox)
        layout.addWidget(self.estimate_label)
        self.sec_per_image: float | None = None
        self.correction: float | None = None  # real / estimated, from a finished fine-tuned run
        self._counts = (0, 0)
        self.update_estimate()

    def set_counts(self, n_labelled: int, n_test: int) -> None:
        self._counts = (n_labelled, n_test)
        self.update_estimate()

    def set_speed(self, sec_per_image: float) -> None:
        self.sec_per_image = sec_per_image
        self.update_estimate()

    def record_run(self, seconds: float, n_labelled: int, n_test: int) -> None:
        """A fine-tuned training finished in ``seconds``: correct the next estimates with it."""
        if n_labelled <= 0 or seconds <= 0:
            return
        if self.sec_per_image is None:
            self.sec_per_image = seconds / model_passes(n_labelled, n_test)
        self.correction = seconds / estimate_seconds(n_labelled, n_test, self.sec_per_image)
        self.update_estimate()

    def estimate(self) -> float | None:
        return estimate_seconds(*self._counts, self.sec_per_image, self.correction or 1.0)

    def update_estimate(self) -> None:
        """A short label (the toolbar must not overflow) and the full sentence in its tooltip."""
        seconds = self.estimate()
        if self._counts[0] == 0:
            short, full = self.tr("(slower)"), self.tr("Slower; how much depends on the number of photos.")
        elif seconds is None:
            short, full = self.tr("(slower)"), self.tr("Slower; a time estimate appears after the first training.")
        else:
            how = self.tr("from a real run") if self.correction is not None else self.tr("rough estimate")
            short = self.tr("(slower: {0})").format(describe_duration(seconds))
            full = self.tr("Slower: {0} per training on this computer ({1}).").format(describe_duration(seconds), how)
        self.estimate_label.setText(short)
        self.estimate_label.setToolTip(full)
