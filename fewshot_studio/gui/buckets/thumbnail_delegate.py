"""Paints a thumbnail tile: the picture, a selection frame, and the live prediction if any.

Test-pool tiles show what the model currently thinks (class and confidence, orange when unsure,
purple "None of these" when the photo looks like none of the classes) right on the picture; a labelled image the model got wrong on held-out shows "≠ what it
looked like" in red, so the user sees results where the images are, not only in the panel.
Painting runs for every visible tile on every repaint, so it avoids Python-side enum arithmetic
(slow in Python 3.11) and draws each distinct badge once into a cached pixmap.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from fewshot_studio.gui.buckets.thumbnails import THUMB_SIZE

PredictionRole = Qt.ItemDataRole.UserRole + 2  # (class name, confidence, "sure"|"unsure"|"unknown"|"wrong") or None
TILE = THUMB_SIZE + 10
BADGE_H = 18

SURE = QColor("#1f6f3a")
UNSURE = QColor("#b26a00")
WRONG = QColor("#b3261e")
UNKNOWN = QColor("#5b3f8c")
COLORS = {kind: QColor(c.red(), c.green(), c.blue(), 215)
          for kind, c in (("sure", SURE), ("unsure", UNSURE), ("wrong", WRONG), ("unknown", UNKNOWN))}
PREFIX = {"unsure": "? ", "wrong": "≠ "}
_SELECTED = QStyle.StateFlag.State_Selected.value
_DECORATION = Qt.ItemDataRole.DecorationRole
_CENTER = Qt.AlignmentFlag.AlignCenter


def badge_text(font: QFont, label: str, share: str, width: int) -> str:
    """``label`` cut to fit ``width`` pixels together with ``share`` ("Sandal 97%" -> "San… 97%")."""
    metrics = QFontMetrics(font)
    return metrics.elidedText(label, Qt.TextElideMode.ElideRight, max(0, width - metrics.horizontalAdvance(share))) + share


class ThumbnailDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._badges: dict[tuple[str, str, int], QPixmap] = {}

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        return QSize(TILE, TILE)

    def paint(self, painter: QPainter, option, index) -> None:
        r = option.rect
        selected = bool(option.state.value & _SELECTED)
        if selected:
            highlight = option.palette.highlight().color()
            painter.fillRect(r.adjusted(1, 1, -1, -1), highlight.lighter(170))
        pix = index.data(_DECORATION)
        if pix is not None and not pix.isNull():
            painter.drawPixmap(r.x() + (r.width() - pix.width()) // 2, r.y() + (r.height() - pix.height()) // 2, pix)
        prediction = index.data(PredictionRole)
        if prediction:
            badge = self._badge(painter.font(), *prediction, r.width() - 10)
            painter.drawPixmap(r.x() + 5, r.bottom() - BADGE_H - 4, badge)
        if selected:
            painter.setPen(QPen(highlight, 3))
            painter.drawRect(r.adjusted(2, 2, -2, -2))

    def _badge(self, base_font: QFont, name: str, confidence: float, kind: str, width: int) -> QPixmap:
        """The class name is elided to make room; the percentage is always shown whole."""
        if kind == "unknown":
            label, share = QCoreApplication.translate("ThumbnailDelegate", "None of these"), ""
        else:
            label, share = f"{PREFIX.get(kind, '')}{name}", f" {confidence * 100:.0f}%"
        key = (label + share, kind, width)
        pix = self._badges.get(key)
        if pix is None:
            if len(self._badges) > 2000:
                self._badges.clear()
            pix = QPixmap(width, BADGE_H)
            pix.fill(COLORS.get(kind, COLORS["sure"]))
            p = QPainter(pix)
            font = QFont(base_font)
            font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8))
            p.setFont(font)
            p.setPen(Qt.GlobalColor.white)
            p.drawText(QRect(0, 0, width, BADGE_H), _CENTER, badge_text(font, label, share, width - 4))
            p.end()
            self._badges[key] = pix
        return pix
