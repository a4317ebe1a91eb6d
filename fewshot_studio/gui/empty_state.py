"""What a first launch shows: one sentence on what to do, the demo, and recent projects.

Dropping images or a folder right here also works (it makes the first class), so the sentence
is literally true from the first second.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fewshot_studio.gui.buckets.drag_data import accepts


def demo_description() -> str:
    """What the demo holds, counted from the shipped project (a fixed sentence went stale once)."""
    from fewshot_studio.core.project import load_project
    from fewshot_studio.gui.project.session_files import DEMO_FILE, demo_source

    try:
        classes = load_project(demo_source() / DEMO_FILE).project.classes
    except Exception:  # noqa: BLE001 - a tooltip never stops the window from opening
        return QCoreApplication.translate("EmptyState", "A small ready-made project of clothing photos")
    sizes = {len(b.paths) for b in classes}
    if len(sizes) == 1:
        return QCoreApplication.translate("EmptyState", "A small ready-made project: {0} kinds of clothing, {1} examples each").format(len(classes), sizes.pop())
    return QCoreApplication.translate("EmptyState", "A small ready-made project: {0} kinds of clothing").format(len(classes))


class EmptyState(QWidget):
    openDemo = Signal()
    newClass = Signal()
    openProject = Signal()
    openRecent = Signal(str)
    dropped = Signal(object)  # QMimeData

    def __init__(self, recent: list[Path] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        title = QLabel(self.tr('Teach the computer to sort your pictures'))
        title.setStyleSheet("font-size: 20pt; font-weight: 700; color: #1d2330;")
        sentence = QLabel(self.tr('Make a class for each kind of picture and drop a few example images into each — the model learns as you go and shows how often it is right.'))
        sentence.setWordWrap(True)
        font = sentence.font()
        font.setPointSize(12)
        sentence.setFont(font)  # a font (not a style sheet) so heightForWidth below measures it
        sentence.setStyleSheet("color: #3c4350;")
        # Wrapped labels in a centred layout get one line's height; size it for its text.
        sentence.setFixedSize(640, sentence.heightForWidth(640) + 4)
        for w in (title, sentence):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            outer.addWidget(w, 0, Qt.AlignmentFlag.AlignHCenter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.demo_button = QPushButton(self.tr('Open demo'))
        self.demo_button.setDefault(True)
        self.demo_button.setStyleSheet("font-size: 12pt; padding: 8px 18px; font-weight: 600;")
        self.demo_button.setToolTip(demo_description())
        self.demo_button.clicked.connect(self.openDemo)
        new = QPushButton(self.tr('+ New class'))
        new.setStyleSheet("font-size: 12pt; padding: 8px 18px;")
        new.clicked.connect(self.newClass)
        open_ = QPushButton(self.tr('Open project…'))
        open_.setStyleSheet("font-size: 12pt; padding: 8px 18px;")
        open_.clicked.connect(self.openProject)
        for b in (self.demo_button, new, open_):
            buttons.addWidget(b)
        buttons.addStretch(1)
        outer.addSpacing(16)
        outer.addLayout(buttons)
        self.recent_box = QVBoxLayout()
        outer.addSpacing(16)
        outer.addLayout(self.recent_box)
        outer.addStretch(3)
        self.set_recent(recent or [])

    def set_recent(self, recent: list[Path]) -> None:
        while self.recent_box.count():
            item = self.recent_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        if not recent:
            return
        head = QLabel(self.tr('Recent projects'))
        head.setStyleSheet("color: #5f6670; font-weight: 600;")
        self.recent_box.addWidget(head, 0, Qt.AlignmentFlag.AlignHCenter)
        for path in recent[:5]:
            link = QPushButton(f"{path.stem}  —  {path.parent}")
            link.setFlat(True)
            link.setStyleSheet("color: #1a4fa0; text-align: center;")
            link.clicked.connect(lambda _=False, p=str(path): self.openRecent.emit(p))
            self.recent_box.addWidget(link, 0, Qt.AlignmentFlag.AlignHCenter)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if accepts(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        event.acceptProposedAction()
        self.dropped.emit(event.mimeData())


if __name__ == "__main__":  # preview: python -m fewshot_studio.gui.empty_state
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    w = EmptyState([Path("/home/me/Pictures/birds.fsproject")])
    w.resize(1000, 640)
    w.show()
    app.exec()
