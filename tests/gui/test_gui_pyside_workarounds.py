"""The app survives long sessions: PySide6 calls must not drain None/True/False (see the module)."""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from fewshot_studio.gui import pyside_workarounds


class _Emitter(QObject):
    fired = Signal(int)


def test_many_void_calls_and_emits_do_not_crash(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    for i in range(20_000):  # without the workaround, PySide6 6.12 on Python 3.11 aborts near 5,000
        label.setText("x")
        emitter.fired.emit(i)
    assert sys.getrefcount(None) > 1000 and sys.getrefcount(True) > 1000


def test_workaround_applies_only_where_needed():
    if sys.version_info >= (3, 12):
        assert not pyside_workarounds.applied
    else:
        assert pyside_workarounds.applied == pyside_workarounds.binding_drops_singleton_refs() or pyside_workarounds.applied
