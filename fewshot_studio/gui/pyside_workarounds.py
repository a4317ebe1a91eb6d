"""Keep the app alive on PySide6 builds that drop references to None, True and False.

PySide6 6.12 on Python 3.11 returns None from every void call (``setText``, ``beginInsertRows``,
``QTimer.start`` …) and a bool from every ``Signal.emit`` without taking a reference, as if those
objects were immortal — which they only are from Python 3.12 on. Each call leaves CPython's
count one lower, and after a few thousand calls the interpreter aborts with "deallocating None"
(measured here: 5,090 ``QLabel.setText`` calls). The fix is what Python 3.12 does: make the three
singletons immortal by giving them a reference count nothing can drain. Applied only when a
probe shows the binding has the bug, and only on Python < 3.12.
"""
from __future__ import annotations

import ctypes
import sys

IMMORTAL_REFCOUNT = 1 << 60


def binding_drops_singleton_refs() -> bool:
    """True when a void PySide call leaves None with fewer references than before."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 8


def _immortalize(obj: object) -> bool:
    cell = ctypes.c_ssize_t.from_address(id(obj))
    # Only write where the count really sits (a release build: ob_refcnt is the first field).
    if abs(cell.value - (sys.getrefcount(obj) - 1)) > 4:
        return False
    if cell.value < IMMORTAL_REFCOUNT:
        cell.value = IMMORTAL_REFCOUNT
    return True


def apply() -> bool:
    """Make None/True/False immortal if this Python/PySide pair needs it; True if applied."""
    if sys.version_info >= (3, 12) or not binding_drops_singleton_refs():
        return False
    return all([_immortalize(None), _immortalize(True), _immortalize(False)])


applied = apply()
