"""Reference cycles made in a worker thread are collected on the Qt main thread (see the module)."""
from __future__ import annotations

import gc
import threading

from fewshot_studio.gui.work.main_thread_gc import MainThreadGC


class _Cycle:
    """Refers to itself, so only the cycle collector frees it; records the thread that did."""

    def __init__(self, seen: list[str]) -> None:
        self.me, self.seen = self, seen

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def _make_garbage_in_a_worker(seen: list[str], kept: list) -> None:
    def work() -> None:
        _Cycle(seen)
        kept.extend([] for _ in range(20 * gc.get_threshold()[0]))  # far past the collection threshold

    worker = threading.Thread(target=work, name="worker")
    worker.start()
    worker.join()


def test_without_it_a_worker_thread_collects_the_cycle():
    """The hazard is real: CPython collects in whichever thread crosses the threshold."""
    assert gc.isenabled()
    seen: list[str] = []
    _make_garbage_in_a_worker(seen, kept=[])
    assert seen == ["worker"]


def test_with_it_the_main_thread_collects_the_cycle(qtbot):
    collector = MainThreadGC(interval_ms=10)
    seen: list[str] = []
    kept: list = []
    _make_garbage_in_a_worker(seen, kept)
    assert seen == []  # nothing was collected in the worker
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == ["MainThread"]
    collector.stop()


def test_stop_hands_collection_back_only_if_it_was_on():
    gc.disable()
    try:
        MainThreadGC().stop()
        assert not gc.isenabled()
    finally:
        gc.enable()
    MainThreadGC().stop()
    assert gc.isenabled()


def test_the_app_installs_it(qtbot, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from fewshot_studio.gui.app import run_app
    from fewshot_studio.gui.main_window import MainWindow

    monkeypatch.setattr(QApplication, "exec", lambda self: 0)  # return instead of running the event loop
    assert run_app() == 0
    installed = QApplication.instance().findChildren(MainThreadGC)
    try:
        assert installed and not gc.isenabled()
    finally:
        for collector in installed:
            collector.stop()
            collector.deleteLater()
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow):
                w.shutdown()
                w.close()
