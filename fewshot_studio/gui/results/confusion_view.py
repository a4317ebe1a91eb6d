"""The confusion matrix: rows are the true class, columns what the model said; click a cell.

Clicking a cell asks the panel to list exactly those held-out images ("Bag predicted as Dress"),
which is how a user finds the pictures behind a number.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget


ROW_HEADER_MAX_WIDTH = 110
ROTATE_ABOVE = 6  # classes
COLUMN_HEADER_MAX = 110  # px
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
        if not 0 <= section < len(self.names):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.names[section]
        if role == Qt.ItemDataRole.ToolTipRole:  # the full name, whatever the header had room for
            what = "the class you gave" if orientation == Qt.Orientation.Vertical else "what the model said"
            return f"{self.names[section]} ({what})"
        return None


class RotatedHeader(QHeaderView):
    """Column names written upwards once there are more than ``ROTATE_ABOVE`` classes: 12 names
    side by side would each be cut to two letters; upright they keep up to ``COLUMN_HEADER_MAX`` px."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)

    def rotated(self) -> bool:
        return self.model() is not None and self.model().columnCount() > ROTATE_ABOVE

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        if self.rotated():
            names = [str(self.model().headerData(i, Qt.Orientation.Horizontal)) for i in range(self.count())]
            widest = max((self.fontMetrics().horizontalAdvance(n) for n in names), default=0)
            hint.setHeight(min(COLUMN_HEADER_MAX, widest + 12))
        return hint

    def paintSection(self, painter: QPainter, rect: QRect, index: int) -> None:  # noqa: N802
        if not self.rotated():
            super().paintSection(painter, rect, index)
            return
        painter.save()
        painter.fillRect(rect, self.palette().button())
        painter.setPen(self.palette().mid().color())
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.setPen(self.palette().buttonText().color())
        name = str(self.model().headerData(index, Qt.Orientation.Horizontal))
        shown = self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, rect.height() - 8)
        painter.translate(rect.center().x() + self.fontMetrics().ascent() / 2 - 1, rect.bottom() - 4)
        painter.rotate(-90)
        painter.drawText(0, 0, shown)
        painter.restore()


class ConfusionView(QTableView):
    cellChosen = Signal(str, str)  # true class, predicted class

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.confusion = ConfusionModel(self)
        self.setHorizontalHeader(RotatedHeader(self))
        self.setModel(self.confusion)
        self.confusion.modelReset.connect(self.horizontalHeader().updateGeometry)
        self.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        # Many classes: column names turn upright (RotatedHeader), names too long are elided (the
        # tooltip has the full name) and row names get a bounded width, so the cells stay visible.
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            header.setTextElideMode(Qt.TextElideMode.ElideRight)
            header.setMinimumSectionSize(18)
        self.verticalHeader().setMaximumWidth(ROW_HEADER_MAX_WIDTH)
        self.setCornerButtonEnabled(False)
        self.setToolTip("Rows: the class you gave. Columns: what the model said. Click a cell to see its images.")
        self.clicked.connect(self._chosen)

    def _chosen(self, index: QModelIndex) -> None:
        names = self.confusion.names
        if index.isValid():
            self.cellChosen.emit(names[index.row()], names[index.column()])
