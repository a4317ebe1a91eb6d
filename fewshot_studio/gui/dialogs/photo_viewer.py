"""A photo shown large with the model's bars per class: double-click or Space on a thumbnail.

The bars come from the latest result when the photo has one (test photos, photos it did not
learn from); otherwise the current model is asked in a background thread (``JobRunner``), so a
look at a photo never freezes the window. ``PredictionBars`` is shared with "Try a photo", where a
photo of something never taught is the normal case: above the bars a verdict says "None of these"
(purple, as on the tiles) when the photo looks like none of the classes, whatever the bars say.
"""
from __future__ import annotations

import math
import os
import sys

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from fewshot_studio.gui.buckets.thumbnail_delegate import SURE, UNKNOWN, UNSURE
from fewshot_studio.gui.results.result_rows import PredictionRow
from fewshot_studio.gui.work.job_runner import JobRunner

LARGE = 560  # px: the longest side of the photo as shown
SMALL = 280  # px: smaller photos (a 28 px garment, a 105 px character) are enlarged to this
BAR_STYLE = ("QProgressBar {{ border: 1px solid #c5ccd6; border-radius: 3px; background: #ffffff; text-align: center;"
             " min-height: 18px; }} QProgressBar::chunk {{ background: {color}; }}")


def load_large(path: str, size: int = LARGE) -> QPixmap:
    """The photo at most ``size`` px on its longest side, EXIF rotation applied (a null pixmap if
    it cannot be read). One photo, decoded at a reduced size by Qt: quick enough for the GUI thread."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    full = reader.size()
    if full.isValid() and max(full.width(), full.height()) > size:
        reader.setScaledSize(full.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return QPixmap()
    small = min(SMALL, size)
    if max(image.width(), image.height()) < small:  # too small to see: enlarge, pixels kept sharp
        image = image.scaled(small, small, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation)
    return QPixmap.fromImage(image)


def predict_one(classifier, path: str, *, progress, cancel) -> tuple[tuple[float, ...], float] | None:
    """Worker side: the calibrated probabilities for one photo and how familiar it looks (NaN for
    a classifier file without the familiarity score); None when it cannot be read."""
    predictions, emb = classifier.predict_paths([path], progress=progress, cancel=cancel)
    if not len(emb.index):
        return None
    return tuple(float(p) for p in predictions.probs[0]), float(predictions.known_score[0])


def verdict(status: str, top: str) -> tuple[str, QColor]:
    """The one-line answer above the bars for a ``PredictionRow.status``, in the tiles' colours."""
    if status == "unknown":
        return QCoreApplication.translate("PredictionBars", "None of these: it looks like none of your classes"), UNKNOWN
    if status == "unsure":
        return QCoreApplication.translate("PredictionBars", "Not sure: perhaps “{0}”").format(top), UNSURE
    return QCoreApplication.translate("PredictionBars", "It is “{0}”").format(top), SURE


class PredictionBars(QWidget):
    """One bar per class, most likely first; the top one is green, or orange when unsure."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.grid.addWidget(self.message, 0, 0, 1, 2)
        self.rows: list[tuple[str, float]] = []
        self.verdict = ""

    def show_message(self, text: str) -> None:
        self._clear()
        self.message.setText(text)
        self.message.show()

    def _clear(self) -> None:
        for i in reversed(range(self.grid.count())):
            item = self.grid.itemAt(i)
            if item.widget() is not self.message:
                self.grid.takeAt(i).widget().deleteLater()
        self.rows = []
        self.verdict = ""

    def set_probs(self, class_names: list[str], row: PredictionRow, threshold: float = 0.5,
                  unknown_threshold: float = 0.0) -> None:
        """Bars for ``row``'s probabilities, under the verdict the engine's rule gives it."""
        self._clear()
        self.rows = sorted(zip(class_names, (float(p) for p in row.probs)), key=lambda r: -r[1])
        status = row.status(threshold, unknown_threshold)
        self.verdict, colour = verdict(status, self.rows[0][0])
        self.message.setText(f"<b style='color:{colour.name()}'>{self.verdict}</b>")
        self.message.setToolTip(self.tr("How familiar it looks: {0} % (“None of these” below {1} %)").format(
            f"{row.known_score * 100:.0f}", f"{unknown_threshold * 100:.0f}") if not math.isnan(row.known_score) else "")
        self.message.show()
        for i, (name, p) in enumerate(self.rows, 1):
            label = QLabel(name)
            label.setToolTip(name)
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(round(p * 1000))
            bar.setFormat(f"{p * 100:.0f} %")
            color = {"sure": SURE.name(), "unsure": UNSURE.name()}.get(status, "#8fa8cf") if i == 1 else "#8fa8cf"
            bar.setStyleSheet(BAR_STYLE.format(color=color))
            self.grid.addWidget(label, i, 0)
            self.grid.addWidget(bar, i, 1)
        self.grid.setColumnStretch(1, 1)


class PhotoViewer(QDialog):
    """``path`` large; ``row`` a PredictionRow from the live result, or None to ask ``classifier``."""

    def __init__(self, path: str | None, class_names: list[str] | None = None, row=None, classifier=None,
                 threshold: float = 0.5, where: str = "", parent: QWidget | None = None, unknown_threshold: float | None = None):
        super().__init__(parent)
        self.classifier, self.class_names, self.threshold = classifier, class_names, threshold
        # The window's "None of these" setting; the classifier's own when shown on its own.
        self.unknown_threshold = (unknown_threshold if unknown_threshold is not None else
                                  float(getattr(classifier, "unknown_threshold", 0.0) or 0.0))
        self.path: str | None = None
        self.runner: JobRunner | None = None
        self._wanted: str | None = None
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(320, 240)
        self.caption = QLabel()
        self.caption.setStyleSheet("color: #3c4350;")
        self.bars = PredictionBars()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.caption)
        layout.addWidget(QLabel(self.tr('What the model thinks:')))
        layout.addWidget(self.bars)
        layout.addWidget(self.buttons)
        if path is not None:
            self.show_photo(path, row, where)

    def show_photo(self, path: str, row=None, where: str = "") -> None:
        """Show ``path`` and its bars: from ``row`` if given, else asked of the model."""
        self.path = path
        self.setWindowTitle(os.path.basename(path))
        pix = load_large(path)
        if pix.isNull():
            self.picture.setPixmap(QPixmap())
            self.picture.setText(self.tr('This photo cannot be shown (moved, deleted or not an image).'))
        else:
            self.picture.setPixmap(pix)
        self.caption.setText(f"{os.path.basename(path)}{f'  ·  in “{where}”' if where else ''}")
        self.caption.setToolTip(path)
        if row is not None and self.class_names:
            self.bars.set_probs(self.class_names, row, self.threshold, self.unknown_threshold)
        elif self.classifier is not None and not pix.isNull():
            self.ask(self.classifier, path)
        elif pix.isNull():
            self.bars.show_message("")
        else:
            self.bars.show_message(self.tr('No model yet: once two classes have photos, it learns and shows its guess here.'))

    def ask(self, classifier, path: str) -> None:
        """Ask the model about ``path`` in the background; the bars fill in when it answers."""
        if self.runner is None:
            self.runner = JobRunner(self)
            self.runner.finished.connect(lambda answer: self._answered(classifier.class_names, answer))
            self.runner.failed.connect(lambda message: self.bars.show_message(self.tr("The model could not look at it: {0}").format(message)))
        self._wanted = path
        self.bars.show_message(self.tr('Asking the model…'))
        if self.runner.busy:  # one photo takes a moment: when its answer comes, this one is asked next
            return
        self.runner.start(lambda progress, cancel: (path, predict_one(classifier, path, progress=progress, cancel=cancel)))

    def _ask_wanted(self) -> None:
        if not self.runner.busy and self._wanted is not None:
            self.ask(self.classifier, self._wanted)

    def _answered(self, class_names: list[str], answer) -> None:
        path, said = answer
        if path != self._wanted:
            self._ask_wanted()
            return
        if said is None:
            self.bars.show_message(self.tr('The model could not read this photo.'))
        else:
            probs, known_score = said
            top = max(range(len(probs)), key=probs.__getitem__)
            row = PredictionRow(path, class_names[top], probs[top], probs, known_score=known_score)
            self.bars.set_probs(list(class_names), row, self.threshold, self.unknown_threshold)

    def done(self, result: int) -> None:  # closing stops the worker thread first
        if self.runner is not None:
            self.runner.shutdown()
        super().done(result)


if __name__ == "__main__":  # preview: python -m fewshot_studio.gui.dialogs.photo_viewer PHOTO
    app = QApplication.instance() or QApplication(sys.argv[:1])
    row = PredictionRow(sys.argv[1], "Shirt", 0.61, (0.61, 0.27, 0.08, 0.04))
    PhotoViewer(sys.argv[1], ["Shirt", "T-shirt", "Pullover", "Dress"], row, where="Test images").exec()
