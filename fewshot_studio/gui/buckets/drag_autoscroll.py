"""Scroll the class column while a photo is dragged near its top or bottom edge.

A scroll area does not scroll by itself during a drag, so with ten classes a photo could not be
dragged to a class further down. The grids (and the gaps between them) report where the drag
is; inside ``EDGE`` px of an edge a timer scrolls the column, faster the closer the pointer is,
and stops when the drag leaves the edge, is dropped, or has not moved for ``IDLE_MS``.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtWidgets import QScrollArea

EDGE = 48  # px from the top or bottom of the visible column
STEP = 24  # px per tick at the very edge
TICK_MS = 30
IDLE_MS = 1500


class DragAutoScroller(QObject):
    def __init__(self, area: QScrollArea, parent: QObject | None = None):
        super().__init__(parent or area)
        self.area = area
        self.direction = 0
        self.speed = 0
        self._last_hover = 0.0
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self._tick)

    def hover(self, global_pos: QPoint) -> None:
        """A drag is at ``global_pos``: start, keep or stop scrolling."""
        viewport = self.area.viewport()
        y = viewport.mapFromGlobal(global_pos).y()
        height = viewport.height()
        self._last_hover = time.monotonic()
        if y < EDGE:
            self.direction, depth = -1, EDGE - max(y, 0)
        elif y > height - EDGE:
            self.direction, depth = 1, min(y, height) - (height - EDGE)
        else:
            self.direction, depth = 0, 0
        self.speed = max(4, round(STEP * depth / EDGE))
        if self.direction and not self.timer.isActive():
            self.timer.start()
        elif not self.direction:
            self.timer.stop()

    def stop(self) -> None:
        self.direction = 0
        self.timer.stop()

    def _tick(self) -> None:
        bar = self.area.verticalScrollBar()
        at_end = bar.value() <= bar.minimum() if self.direction < 0 else bar.value() >= bar.maximum()
        if not self.direction or at_end or (time.monotonic() - self._last_hover) * 1000 > IDLE_MS:
            self.stop()
            return
        bar.setValue(bar.value() + self.direction * self.speed)
