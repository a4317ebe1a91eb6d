"""The engine's warnings in plain words, plus the images training had to skip.

The engine already phrases its warnings for people ("“Bag” has only 2 images; add at least 3 …");
this view lists them with a short line on why each matters, and lists unreadable images so the
user can remove or replace them.
"""
from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from fewshot_studio.gui.results.live_results import LiveResults


class WarningsView(QWidget):
    def __init__(self, live: LiveResults, parent: QWidget | None = None):
        super().__init__(parent)
        self.live = live
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        live.changed.connect(self.rebuild)
        self.rebuild()

    def count(self) -> int:
        snap = self.live.snapshot
        return 0 if snap is None else len(snap.warnings) + (1 if snap.skipped else 0)

    def rebuild(self) -> None:
        self.list.clear()
        snap = self.live.snapshot
        self.list.setVisible(bool(snap and (snap.warnings or snap.skipped)))
        if snap is None:
            self.intro.setText(self.tr("Warnings about your images appear here after training."))
            return
        if not snap.warnings and not snap.skipped:
            self.intro.setText(self.tr("Nothing to worry about: no tiny classes, no big imbalance, no duplicates found."))
            return
        self.intro.setText(self.tr("Things that can make the model or its accuracy misleading:"))
        for message in snap.warnings:
            QListWidgetItem("⚠ " + message, self.list)
        if snap.skipped:
            names = ", ".join(os.path.basename(p) for p, _ in snap.skipped[:5])
            more = self.tr(" and {0} more").format(len(snap.skipped) - 5) if len(snap.skipped) > 5 else ""
            text = self.tr("{0} image(s) could not be read and were left out: {1}{2}.").format(len(snap.skipped), names, more)
            item = QListWidgetItem("⚠ " + text, self.list)
            item.setToolTip("\n".join(f"{p}: {why}" for p, why in snap.skipped))
