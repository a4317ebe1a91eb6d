"""Non-blocking notices: a strip of dismissable messages above the workspace.

Skipped files, duplicates, missing images and failures are worth telling, never worth a modal
dialog that stops the user mid-drag; each notice says what happened in one sentence and keeps
the full list behind "Show details".
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

STYLES = {
    "info": ("#e8f0fe", "#1a4fa0"),
    "warning": ("#fff4e0", "#8a5300"),
    "error": ("#fde7e7", "#a11a1a"),
}
MAX_NOTICES = 4


class Notice(QFrame):
    closed = Signal()

    def __init__(self, text: str, details: list[str] | None = None, level: str = "info",
                 actions: list[tuple[str, Callable[[], None]]] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notice")
        self.level, self.text = level, text
        bg, fg = STYLES.get(level, STYLES["info"])
        self.setStyleSheet(f"#notice {{ background: {bg}; border: 1px solid {fg}40; border-radius: 6px; }}"
                           f" #notice QLabel {{ color: {fg}; }}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 6, 6, 6)
        row = QHBoxLayout()
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.label, 1)
        self.details = None
        if details:
            self.details = QPlainTextEdit("\n".join(details))
            self.details.setReadOnly(True)
            self.details.setMaximumHeight(120)
            self.details.hide()
            toggle = QPushButton(self.tr('Show details'))
            toggle.setFlat(True)
            toggle.clicked.connect(lambda: self._toggle(toggle))
            row.addWidget(toggle)
        for label, callback in actions or []:
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, cb=callback: cb())
            button.clicked.connect(self.dismiss)
            row.addWidget(button)
        close = QPushButton("✕")
        close.setFlat(True)
        close.setToolTip(self.tr('Dismiss'))
        close.setFixedWidth(28)
        close.clicked.connect(self.dismiss)
        row.addWidget(close)
        outer.addLayout(row)
        if self.details is not None:
            outer.addWidget(self.details)

    def _toggle(self, button: QPushButton) -> None:
        show = not self.details.isVisible()
        self.details.setVisible(show)
        button.setText(self.tr('Hide details') if show else self.tr('Show details'))

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()
        self.deleteLater()


class NoticeArea(QWidget):
    """A vertical stack of notices; the oldest goes when there are too many."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 0)
        self._layout.setSpacing(4)
        self.notices: list[Notice] = []
        self.hide()

    def show_notice(self, text: str, details: list[str] | None = None, level: str = "info",
                    actions: list[tuple[str, Callable[[], None]]] | None = None, key: str | None = None) -> Notice:
        """Add a notice; one with the same ``key`` replaces the previous one (no pile-up)."""
        if key is not None:
            for old in [n for n in self.notices if getattr(n, "key", None) == key]:
                old.dismiss()
        while len(self.notices) >= MAX_NOTICES:
            self.notices[0].dismiss()
        notice = Notice(text, details, level, actions, self)
        notice.key = key
        notice.closed.connect(lambda n=notice: self._forget(n))
        self.notices.append(notice)
        self._layout.addWidget(notice)
        self.show()
        return notice

    def dismiss(self, key: str) -> None:
        for notice in [n for n in self.notices if getattr(n, "key", None) == key]:
            notice.dismiss()

    def _forget(self, notice: Notice) -> None:
        if notice in self.notices:
            self.notices.remove(notice)
        if not self.notices:
            self.hide()


if __name__ == "__main__":  # preview: python -m fewshot_studio.gui.notices
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    area = NoticeArea()
    area.show_notice("2 files were skipped: they are not images.", ["notes.txt: not an image", "x.jpg: empty"], "warning")
    area.show_notice("3 images are already in the project.", level="info")
    area.resize(700, 200)
    area.show()
    app.exec()
