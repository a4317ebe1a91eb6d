"""Run one core function in a background QThread, with progress, cancel and a result (Orange style).

The job is a plain function ``fn(progress=..., cancel=...)`` built from plain data; the worker
calls it in its thread and reports only through signals, so the dialog stays responsive and
never touches torch. Cancel sets the core's ``CancelToken``; the function stops at its next check.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from fewshot_studio.core.util.words import Words, message_of
from fewshot_studio.gui.plain_words import engine_text

Job = Callable[..., Any]


def describe_error(exc: BaseException) -> str:
    """The message a user reads: our own errors, and any error the engine raised with its own
    words (a ``ValueError`` saying the output folder is the photo folder), already speak plainly;
    others get their type."""
    text = engine_text(exc).strip()
    own = type(exc).__module__.startswith("fewshot_studio") or isinstance(message_of(exc), Words)
    return text if own and text else f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _Worker(QObject):
    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    @Slot(object, object)
    def run(self, fn: Job, token) -> None:
        from fewshot_studio.core.util.progress import Cancelled

        def report(p) -> None:
            self.progress.emit(p.stage, int(p.done), int(p.total))

        try:
            result = fn(progress=report, cancel=token)
        except Cancelled:
            self.cancelled.emit()
            return
        except Exception as exc:  # noqa: BLE001 - shown in the dialog; the app keeps running
            self.failed.emit(describe_error(exc))
            return
        self.finished.emit(result)


class JobRunner(QObject):
    """Owns a worker thread; one job at a time. ``rate()`` and ``eta()`` feed the progress text."""

    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    busyChanged = Signal(bool)
    _start = Signal(object, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("dialog-job")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._start.connect(self._worker.run)
        self._worker.progress.connect(self._on_progress)
        for sig, slot in ((self._worker.finished, self.finished), (self._worker.failed, self.failed),
                          (self._worker.cancelled, self.cancelled)):
            sig.connect(self._ended)
            sig.connect(slot)
        self._thread.start()
        self._token = None
        self._t0 = 0.0
        self._first_done: int | None = None
        self._last: tuple[int, int] = (0, 0)

    @property
    def busy(self) -> bool:
        return self._token is not None

    def start(self, fn: Job) -> None:
        from fewshot_studio.core.util.progress import CancelToken

        if self.busy:
            raise RuntimeError("a job is already running")
        self._token = CancelToken()
        self._t0, self._first_done, self._last = time.monotonic(), None, (0, 0)
        self.busyChanged.emit(True)
        self._start.emit(fn, self._token)

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()

    def shutdown(self, wait_ms: int = 30_000) -> None:
        self.cancel()
        self._thread.quit()
        self._thread.wait(wait_ms)

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        if self._first_done is None:  # work done by an earlier run is not part of this run's rate
            self._first_done, self._t0 = done, time.monotonic()
        self._last = (done, total)
        self.progress.emit(stage, done, total)

    def _ended(self, *_: object) -> None:
        self._token = None
        self.busyChanged.emit(False)

    def rate(self) -> float:
        """Items per second in this run so far (0 until something was done)."""
        done = self._last[0] - (self._first_done or 0)
        elapsed = time.monotonic() - self._t0
        return done / elapsed if done > 0 and elapsed > 0 else 0.0

    def eta(self) -> float | None:
        r = self.rate()
        return (self._last[1] - self._last[0]) / r if r > 0 else None


def format_eta(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds < 60:
        return QCoreApplication.translate("JobRunner", 'about {0} s left').format(max(1, round(seconds)))
    if seconds < 3600:
        return QCoreApplication.translate("JobRunner", 'about {0} min left').format(round(seconds / 60))
    return QCoreApplication.translate("JobRunner", 'about {0} h left').format(f'{seconds / 3600:.1f}')
