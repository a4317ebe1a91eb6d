"""The headline: cross-validated accuracy with its likely range, how many photos it rests on, per class.

Numbers come straight from the engine's ``EvaluationReport`` (via the snapshot) — the panel never
recomputes them, so what the window says is what ``fewshot-studio train`` says.
"""
from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from fewshot_studio.core.classifier.evaluation import FEW_FOR_ACCURACY
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
        self.table.setHorizontalHeaderLabels([self.tr("Class"), self.tr('Right'), self.tr('Checked on')])
        tips = ["", self.tr("How often the model was right on this class's photos that it did not learn from"),
                self.tr("How many of this class's photos were checked, each by a model that did not learn from it")]
        for col, tip in enumerate(tips):
            self.table.horizontalHeaderItem(col).setToolTip(tip)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # a long class name is elided on one line (full name in the tooltip)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            self.table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.max_rows = 8  # classes listed before the table scrolls; fewer on a short screen
        layout.addWidget(self.accuracy_label)
        layout.addWidget(self.basis_label)
        layout.addWidget(self.table)
        self.show_snapshot(None)

    def show_snapshot(self, snap: ResultSnapshot | None, unknown_threshold: float | None = None) -> None:
        if snap is None:
            self.accuracy_label.setText(self.tr('No model yet'))
            self.accuracy_label.setStyleSheet("font-size: 28pt; font-weight: 700; color: #5f6670;")
            self.basis_label.setText(self.tr('Once two classes have photos, the model learns (or press Learn now) and shows here how well it does on photos it did not learn from.'))
            self.table.setRowCount(0)
            self._fit_rows(0)
            return
        self.accuracy_label.setText(self.tr("{0} correct").format(percent(snap.accuracy)) if snap.n_heldout else "–")
        self.accuracy_label.setStyleSheet(f"font-size: 28pt; font-weight: 700; color: {accuracy_color(snap.accuracy).name()};")
        if snap.n_heldout:
            basis = self.accuracy_text(snap) + " " + self.tr(
                "Each of your photos was checked by a model that did not learn from it.")
        else:
            basis = self.tr('Not checked yet: add at least two photos to each class.')
        if snap.not_evaluated:
            basis += " " + self.tr("Not checked: {0} (one photo only).").format(", ".join(snap.not_evaluated))
        t = snap.unknown_threshold if unknown_threshold is None else unknown_threshold
        unknown = snap.unknown_count(t)
        if snap.test:
            basis += " " + (self.tr("{0} of {1} test photos look like none of your classes (“None of these”).").format(
                unknown, len(snap.test)) if unknown else self.tr("Every test photo looks like one of your classes."))
        self.basis_label.setText(basis)
        self.table.setRowCount(len(snap.class_names))
        for row, name in enumerate(snap.class_names):
            stats = snap.per_class.get(name, {})
            acc, n = stats.get("accuracy", float("nan")), int(stats.get("n", 0))
            cells = [name, percent(acc), self.tr("{0} of {1}").format(int(stats.get("correct", 0)), n) if n else "–"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setToolTip(name)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 1:
                    item.setForeground(accuracy_color(acc))
                self.table.setItem(row, col, item)
        self._fit_rows(len(snap.class_names))

    def accuracy_text(self, snap: ResultSnapshot) -> str:
        """The engine's sentence ("17 of 20 right — 85 % (likely 64–95 %)", ``accuracy_sentence``),
        made here from its numbers so that it can be translated."""
        n, correct = snap.n_heldout, snap.n_correct
        lo, hi = snap.accuracy_ci95
        text = self.tr("{0} of {1} right — {2} % (likely {3}–{4} %)").format(
            correct, n, round(100 * correct / n), round(100 * lo), round(100 * hi))
        if n < FEW_FOR_ACCURACY:
            text += (self.tr(". Only {0} photos to check on: add more to each class for a figure that means much") if n != 1 else
                     self.tr(". Only 1 photo to check on: add more to each class for a figure that means much")).format(n)
        return text + "."

    def set_max_rows(self, most: int) -> None:
        if most != self.max_rows:
            self.max_rows = most
            self._fit_rows(self.table.rowCount())

    def _fit_rows(self, rows: int) -> None:
        """Show every class without a scrollbar (up to ``max_rows``; more scroll)."""
        most = self.max_rows
        self.table.resizeRowsToContents()
        row_h = self.table.rowHeight(0) if rows else 24
        height = self.table.horizontalHeader().height() + min(rows, most) * row_h + 2 * self.table.frameWidth() + 2
        self.table.setFixedHeight(height)
