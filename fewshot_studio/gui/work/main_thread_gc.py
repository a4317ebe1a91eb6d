"""Python's cycle collector runs on the Qt main thread only.

CPython collects reference cycles in whichever thread happens to cross the allocation threshold.
With learning and labelling in worker threads, that is often a worker, and a cycle that holds a
Qt object (a closed dialog whose lambdas refer back to it) is then destroyed from the wrong
thread: the test suite caught a segmentation fault "Garbage-collecting" inside the labelling
worker. The remedy calibre, pyqtgraph and NeXpy use: switch automatic collection off and let a
main-thread timer collect each generation when CPython would have (same thresholds).
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250


class MainThreadGC(QObject):
    """While it exists (and until ``stop``), collections happen only here, in its timer."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start(interval_ms)

    def collect_due(self) -> None:
        """Collect the generations whose counts passed their thresholds, as CPython would."""
        count0, count1, count2 = gc.get_count()
        if count0 > self.thresholds[0]:
            generation = 2 if count2 > self.thresholds[2] else 1 if count1 > self.thresholds[1] else 0
            gc.collect(generation)

    def stop(self) -> None:
        """Hand collection back to CPython (tests do this after each window test)."""
        self.timer.stop()
        if self.was_enabled:
            gc.enable()


def install(app: QObject) -> MainThreadGC:
    """Collect on the main thread for the life of ``app`` (the collector is its child)."""
    return MainThreadGC(app)
