"""The headline: cross-validated accuracy with its likely range, how many photos it rests on, per class.

Numbers come straight from the engine's ``EvaluationReport`` (via the snapshot) — the panel never
recomputes them, so what the window says is what ``fewshot-studio train`` says.
"""
from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from fewshot_studio.gui.results.result_rows import ResultSnapshot, percent


def accuracy_color(x: float) -> QColor:
    if x is None or math.isnan(x):
        return QColor("#5f6670")
    return QColor("#1f6f3a") if x >= 0.9 else QColor("#8a5300") if x >= 0.7 else QColor("#a11a1a")


class SummaryView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.accuracy_label = QLabel()
        self.accuracy_label.setObjectName("accuracy")
        self.basis_label = QLabel()
        self.basis_label.setWordWrap(True)
        self.basis_label.setStyleSheet("color: #3c4350;")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Class", "Correct", "Right of checked"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            self.table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.accuracy_label)
        layout.addWidget(self.basis_label)
        layout.addWidget(self.table)
        self.show_snapshot(None)

    def show_snapshot(self, snap: ResultSnapshot | None, unknown_threshold: float | None = None) -> None:
        if snap is None:
            self.accuracy_label.setText("No model yet")
            self.accuracy_label.setStyleSheet("font-size: 28pt; font-weight: 700; color: #5f6670;")
            self.basis_label.setText("Once two classes have images, the model learns (or press Train now) and "
                                     "shows here how well it does on images it did not learn from.")
            self.table.setRowCount(0)
            self._fit_rows(0)
            return
        self.accuracy_label.setText(f"{percent(snap.accuracy)} correct" if snap.n_heldout else "–")
        self.accuracy_label.setStyleSheet(f"font-size: 28pt; font-weight: 700; color: {accuracy_color(snap.accuracy).name()};")
        if snap.n_heldout:
            # Every labelled photo is checked once by a model that did not learn from it.
            basis = (f"{snap.accuracy_sentence}. Each of your photos was checked by a model that did not "
                     "learn from it.")
        else:
            basis = "Not measured yet: add at least two images to each class."
        if snap.not_evaluated:
            basis += f" Not measured: {', '.join(snap.not_evaluated)} (one image only)."
        t = snap.unknown_threshold if unknown_threshold is None else unknown_threshold
        unknown = snap.unknown_count(t)
        if snap.test:
            basis += (f" {unknown} of {len(snap.test)} test photo{'s' if len(snap.test) != 1 else ''} "
                      f"look{'s' if len(snap.test) == 1 and unknown == 1 else ''} like none of your classes "
                      "(“None of these”).") if unknown else " Every test photo looks like one of your classes."
        self.basis_label.setText(basis)
        self.table.setRowCount(len(snap.class_names))
        for row, name in enumerate(snap.class_names):
            stats = snap.per_class.get(name, {})
            acc, n = stats.get("accuracy", float("nan")), int(stats.get("n", 0))
            cells = [name, percent(acc), f"{int(stats.get('correct', 0))} of {n}" if n else "–"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 1:
                    item.setForeground(accuracy_color(acc))
                self.table.setItem(row, col, item)
        self._fit_rows(len(snap.class_names))

    def _fit_rows(self, rows: int, most: int = 8) -> None:
        """Show every class without a scrollbar (up to ``most``; more scroll)."""
        self.table.resizeRowsToContents()
        row_h = self.table.rowHeight(0) if rows else 24
        height = self.table.horizontalHeader().height() + min(rows, most) * row_h + 2 * self.table.frameWidth() + 2
        self.table.setFixedHeight(height)
