"""Paints a thumbnail tile: the picture, a selection frame, and the live prediction if any.

Test-pool tiles show what the model currently thinks (class and confidence, orange when unsure)
right on the picture; a labelled image the model got wrong on held-out shows "≠ what it
looked like" in red, so the user sees results where the images are, not only in the panel.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from fewshot_studio.gui.thumbnails import THUMB_SIZE

PredictionRole = Qt.ItemDataRole.UserRole + 2  # (class name, confidence, "sure"|"unsure"|"wrong") or None
TILE = THUMB_SIZE + 10

SURE = QColor("#1f6f3a")
UNSURE = QColor("#b26a00")
WRONG = QColor("#b3261e")
COLORS = {"sure": SURE, "unsure": UNSURE, "wrong": WRONG}


class ThumbnailDelegate(QStyledItemDelegate):
    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        return QSize(TILE, TILE)

    def paint(self, painter: QPainter, option, index) -> None:
        painter.save()
        r = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(r.adjusted(1, 1, -1, -1), option.palette.highlight().color().lighter(170))
        pix = index.data(Qt.ItemDataRole.DecorationRole)
        if pix is not None and not pix.isNull():
            x = r.x() + (r.width() - pix.width()) // 2
            y = r.y() + (r.height() - pix.height()) // 2
            painter.drawPixmap(x, y, pix)
        prediction = index.data(PredictionRole)
        if prediction:
            self._badge(painter, r, *prediction)
        if selected:
            painter.setPen(QPen(option.palette.highlight().color(), 3))
            painter.drawRect(r.adjusted(2, 2, -2, -2))
        painter.restore()

    @staticmethod
    def _badge(painter: QPainter, r: QRect, name: str, confidence: float, kind: str) -> None:
        prefix = {"unsure": "? ", "wrong": "≠ "}.get(kind, "")
        text = f"{prefix}{name} {confidence * 100:.0f}%"
        font = QFont(painter.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8))
        painter.setFont(font)
        band = QRect(r.x() + 5, r.bottom() - 22, r.width() - 10, 18)
        color = COLORS.get(kind, SURE)
        painter.fillRect(band, QColor(color.red(), color.green(), color.blue(), 215))
        painter.setPen(Qt.GlobalColor.white)
        metrics = painter.fontMetrics()
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, metrics.elidedText(text, Qt.TextElideMode.ElideRight, band.width() - 4))
