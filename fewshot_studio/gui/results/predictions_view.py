"""Held-out and test predictions as a list: thumbnail, class, confidence bar, right or wrong.

Green means right and red wrong (held-out images, whose true class is known); orange "unsure"
means below the threshold the user set; purple "None of these" means the photo looks like none of
the classes. A filter narrows the list to one confusion-matrix cell, the mistakes, the unsure
ones, the "None of these" ones or the test images.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractListModel, QCoreApplication, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate

from fewshot_studio.gui.buckets.thumbnails import ThumbnailLoader
from fewshot_studio.gui.results.live_results import LiveResults
from fewshot_studio.gui.results.result_rows import PredictionRow

RowRole = Qt.ItemDataRole.UserRole + 10
ROW_HEIGHT = 58
FILTERS = {  # marked here, translated where shown (results_panel)
    "all": QT_TRANSLATE_NOOP("PredictionsView", "All predictions"),
    "heldout": QT_TRANSLATE_NOOP("PredictionsView", "Photos it did not learn from (class known)"),
    "test": QT_TRANSLATE_NOOP("PredictionsView", "Test photos"),
    "mistakes": QT_TRANSLATE_NOOP("PredictionsView", "Mistakes"),
    "unsure": QT_TRANSLATE_NOOP("PredictionsView", "Unsure"),
    "unknown": QT_TRANSLATE_NOOP("PredictionsView", "None of these"),
}
_SELECTED = QStyle.StateFlag.State_Selected.value
RIGHT, WRONG, UNSURE, NEUTRAL = QColor("#1f6f3a"), QColor("#b3261e"), QColor("#b26a00"), QColor("#3a5fa0")
UNKNOWN = QColor("#5b3f8c")


def row_color(row: PredictionRow, threshold: float, unknown_threshold: float = 0.0) -> QColor:
    if row.unknown(unknown_threshold):
        return UNKNOWN
    if row.unsure(threshold):
        return UNSURE
    if row.correct is None:
        return NEUTRAL
    return RIGHT if row.correct else WRONG


def row_text(row: PredictionRow, threshold: float, unknown_threshold: float = 0.0) -> str:
    conf = f"{row.confidence * 100:.0f} %"
    if row.unknown(unknown_threshold):
        return QCoreApplication.translate("PredictionsView", "None of these — looks like no class (closest: {0})").format(row.pred)
    sure = QCoreApplication.translate("PredictionsView", " — unsure") if row.unsure(threshold) else ""
    if row.true is None:
        return f"{row.pred} ({conf}){sure}"
    verdict = (QCoreApplication.translate("PredictionsView", "right") if row.correct else
               QCoreApplication.translate("PredictionsView", "wrong, it is “{0}”").format(row.true))
    return f"{row.pred} ({conf}): {verdict}{sure}"


class PredictionsModel(QAbstractListModel):
    def __init__(self, live: LiveResults, thumbs: ThumbnailLoader, parent=None):
        super().__init__(parent)
        self.live, self.thumbs = live, thumbs
        self.mode, self.cell = "all", None
        self.rows: list[PredictionRow] = []
        live.detailsChanged.connect(self.refilter)
        live.thresholdChanged.connect(self._repaint)
        live.unknownThresholdChanged.connect(self._repaint)
        thumbs.thumbnailsReady.connect(self._repaint)

    def set_filter(self, mode: str, cell: tuple[str, str] | None = None) -> None:
        self.mode, self.cell = mode, cell
        self.refilter()

    def refilter(self) -> None:
        snap, t = self.live.snapshot, self.live.threshold
        self.beginResetModel()
        if snap is None:
            self.rows = []
        elif self.mode == "cell" and self.cell:
            self.rows = snap.cell(*self.cell)
        elif self.mode == "heldout":
            self.rows = list(snap.heldout)
        elif self.mode == "test":
            self.rows = list(snap.test)
        elif self.mode == "mistakes":
            self.rows = snap.mistakes
        elif self.mode == "unsure":
            self.rows = [r for r in snap.rows if r.unsure(t) and not r.unknown(self.live.unknown_threshold)]
        elif self.mode == "unknown":
            self.rows = [r for r in snap.rows if r.unknown(self.live.unknown_threshold)]
        else:
            self.rows = snap.rows
        self.endResetModel()

    def _repaint(self, *_) -> None:
        if self.mode in ("unsure", "unknown"):
            self.refilter()
        elif self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row_text(row, self.live.threshold, self.live.unknown_threshold)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbs.pixmap(row.path)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.known_score == row.known_score:  # measured (not NaN)
                return QCoreApplication.translate("PredictionsView", "{0}\nLooks like the taught classes: {1} %").format(
                    row.path, f"{row.known_score * 100:.0f}")
            return row.path
        if role == Qt.ItemDataRole.ForegroundRole:
            return row_color(row, self.live.threshold, self.live.unknown_threshold)
        if role == RowRole:
            return row
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:  # noqa: N802
        from fewshot_studio.gui.buckets.drag_data import INTERNAL_MIME

        return [INTERNAL_MIME, "text/uri-list"]

    def mimeData(self, indexes):  # noqa: N802 - drag a prediction onto a bucket to (re)label it
        from fewshot_studio.gui.buckets.drag_data import make_mime

        return make_mime([self.rows[i.row()].path for i in indexes if i.isValid()], None)


class PredictionDelegate(QStyledItemDelegate):
    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        return QSize(320, ROW_HEIGHT)

    def paint(self, painter: QPainter, option, index) -> None:
        row: PredictionRow | None = index.data(RowRole)
        if row is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        r = option.rect
        if option.state.value & _SELECTED:
            painter.fillRect(r, option.palette.highlight().color().lighter(175))
        color = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.fillRect(QRect(r.x(), r.y() + 3, 4, r.height() - 6), color)
        pix = index.data(Qt.ItemDataRole.DecorationRole)
        side = r.height() - 8
        if pix is not None:
            painter.drawPixmap(QRect(r.x() + 10, r.y() + 4, side, side), pix)
        left = r.x() + 18 + side
        bar_w = min(140, max(60, r.width() // 4))
        text_rect = QRect(left, r.y() + 6, r.right() - left - bar_w - 16, 20)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(color)
        metrics = painter.fontMetrics()
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, metrics.elidedText(index.data(), Qt.TextElideMode.ElideRight, text_rect.width()))
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(QColor("#5f6670"))
        where = (QCoreApplication.translate("PredictionsView", "test photo") if row.true is None else
                 QCoreApplication.translate("PredictionsView", "checked, labelled “{0}”").format(row.true))
        sub = QRect(left, r.y() + 28, text_rect.width(), 18)
        painter.drawText(sub, Qt.AlignmentFlag.AlignVCenter, painter.fontMetrics().elidedText(f"{os.path.basename(row.path)} · {where}", Qt.TextElideMode.ElideMiddle, sub.width()))
        bar = QRect(r.right() - bar_w - 8, r.y() + r.height() // 2 - 7, bar_w, 14)
        painter.fillRect(bar, QColor("#e6e9ee"))
        painter.fillRect(QRect(bar.x(), bar.y(), int(bar.width() * row.confidence), bar.height()), color)
        painter.setPen(QColor("#ffffff") if row.confidence > 0.55 else QColor("#222222"))
        painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, f"{row.confidence * 100:.0f} %")
        painter.restore()


class PredictionsView(QListView):
    def __init__(self, model: PredictionsModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(PredictionDelegate(self))
        self.setUniformItemSizes(True)
        self.setDragEnabled(True)
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setToolTip(QCoreApplication.translate("PredictionsView", "Drag a photo onto a class to label it"))
