"""Help ▸ Getting started: three steps with pictures, inside the app, open at any time.

A newcomer should not need a web page or a manual to make a first classifier; the pictures are
crops of the real window (``resources/help``), so what the page shows is what the user sees.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

STEPS = [
    ("step1-classes.png", QT_TRANSLATE_NOOP("GettingStarted", "1. Make a class for each kind of photo"),
     QT_TRANSLATE_NOOP("GettingStarted", "Click “+ New class”, or drop a folder on it: the folder's name becomes the class name. Add photos with “Add photos…”, “Add folder…”, by dragging them in, or with Ctrl+V.")),
    ("step2-photos.png", QT_TRANSLATE_NOOP("GettingStarted", "2. Give each class a few examples"),
     QT_TRANSLATE_NOOP("GettingStarted", "Five to twenty photos per class are enough to start. The model learns by itself after each change; photos it gets wrong are marked in red.")),
    ("step3-results.png", QT_TRANSLATE_NOOP("GettingStarted", "3. See how often it is right, then use it"),
     QT_TRANSLATE_NOOP("GettingStarted", "The big number is checked on photos it did not learn from. “Try a photo” shows what it thinks of a new photo; File ▸ Label a folder sorts thousands of photos (and can be undone).")),
]


class GettingStarted(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from fewshot_studio.resources import resource_path

        self.setWindowTitle(self.tr('Getting started'))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr('Teach the computer to sort your pictures in three steps.'))
        intro.setStyleSheet("font-size: 13pt; font-weight: 600; color: #1d2330;")
        layout.addWidget(intro)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(14)
        self.pictures: list[QLabel] = []
        for row, (image, title, text) in enumerate(STEPS):
            picture = QLabel()
            pix = QPixmap(str(resource_path("help", image)))
            picture.setPixmap(pix)
            picture.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            picture.setStyleSheet("border: 1px solid #d5d9e0;")
            self.pictures.append(picture)
            words = QLabel(f"<b>{self.tr(title)}</b><br>{self.tr(text)}")
            words.setWordWrap(True)
            words.setMinimumWidth(300)
            words.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(picture, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(words, row, 1)
        layout.addLayout(grid)
        more = QLabel(self.tr('Open the demo (File ▸ Open demo) to see a finished project. This page is always in Help ▸ Getting started.'))
        more.setWordWrap(True)
        more.setStyleSheet("color: #5f6670;")
        layout.addWidget(more)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


if __name__ == "__main__":  # preview: python -m fewshot_studio.gui.dialogs.getting_started
    app = QApplication.instance() or QApplication(sys.argv[:1])
    GettingStarted().exec()
