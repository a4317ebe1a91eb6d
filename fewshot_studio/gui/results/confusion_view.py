"""The confusion matrix: rows are the true class, columns what the model said; click a cell.

Clicking a cell asks the panel to list exactly those held-out images ("Bag predicted as Dress"),
which is how a user finds the pictures behind a number.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget


_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.BackgroundRole,
          Qt.ItemDataRole.ToolTipRole)


class ConfusionModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.names: list[str] = []
        self.matrix = np.zeros((0, 0), dtype=int)
        self._cells: dict = {}

    def set_matrix(self, names: list[str], matrix: np.ndarray) -> None:
        self.beginResetModel()
        self.names, self.matrix = list(names), np.asarray(matrix, dtype=int)
        self._cells = {}  # (row, col) -> {role: value}, filled lazily: data() runs per cell per role
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.names)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.names)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self.names) and 0 <= c < len(self.names)):
            return None
        cell = self._cells.get((r, c))
        if cell is None:
            cell = self._cells[(r, c)] = {int(k): self._compute(r, c, k) for k in _ROLES}
        return cell.get(int(role))

    def _compute(self, r: int, c: int, role):
        value = int(self.matrix[r, c])
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            total = max(1, int(self.matrix[r].sum()))
            share = value / total
            if value == 0:
                return QColor("#ffffff")
            base = (31, 111, 58) if r == c else (179, 38, 30)
            alpha = int(40 + 180 * share)
            return QColor(*base, alpha)
        if role == Qt.ItemDataRole.ToolTipRole:
            what = "correct" if r == c else f"predicted as “{self.names[c]}”"
            return f"{value} “{self.names[r]}” image{'s' if value != 1 else ''} {what} — click to see them"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.names):
            return self.names[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "true class (the bucket)" if orientation == Qt.Orientation.Vertical else "what the model said"
        return None


class ConfusionView(QTableView):
    cellChosen = Signal(str, str)  # true class, predicted class

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.confusion = ConfusionModel(self)
        self.setModel(self.confusion)
        self.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setCornerButtonEnabled(False)
        self.setToolTip("Rows: the class you gave. Columns: what the model said. Click a cell to see its images.")
        self.clicked.connect(self._chosen)

    def _chosen(self, index: QModelIndex) -> None:
        names = self.confusion.names
        if index.isValid():
            self.cellChosen.emit(names[index.row()], names[index.column()])
