"""Helpers for the window tests: real file drops as a file manager makes them."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication


def file_mime(paths) -> QMimeData:
    """What a file manager puts on the clipboard of a drag: file:// URLs."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drop_on(widget, mime: QMimeData) -> bool:
    """Deliver drag-enter, drag-move and drop to ``widget`` as Qt would; True if accepted."""
    target = widget.viewport() if hasattr(widget, "viewport") else widget
    pos = target.rect().center()
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPointF(pos), actions, mime, buttons, mods)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(target, QDragMoveEvent(QPointF(pos), actions, mime, buttons, mods))
    drop = QDropEvent(QPointF(pos), actions, mime, buttons, mods)
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def drop_files(qtbot, window, widget, paths) -> object:
    """Drop files from "outside" and wait until the background check has applied them."""
    with qtbot.waitSignal(window.editor.importFinished, timeout=20_000) as blocker:
        assert drop_on(widget, file_mime(paths))
    return blocker.args[0]
