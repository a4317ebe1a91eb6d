"""Short lists with one-click fixes: the mistakes, and the test images to label next.

Mistakes: labelled photos the model got wrong when checked; when the model is right and the label
is wrong, "Move to …" fixes the label in one (undoable) click; when the label is right, "My label is
right" keeps it and stops listing the photo. Label next: the test photos that look like none of the
classes (maybe a class the project lacks) and those the model is least sure about (smallest gap
between its two best guesses) — labelling those teaches it the most — with its two best guesses,
"None of these" and "New class…" as answers.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QScrollArea, QToolButton, QVBoxLayout, QWidget

from fewshot_studio.gui.buckets.thumbnails import ThumbnailLoader
from fewshot_studio.gui.project.project_editor import KEPT_LABELS, NONE_OF_THESE, ProjectEditor
from fewshot_studio.gui.results.live_results import LiveResults
from fewshot_studio.gui.results.result_rows import PredictionRow

MAX_MISTAKES = 100
LABEL_NEXT = 8
ROWS_PER_TURN = 8  # rows built per event-loop turn, so a long list never freezes the window


class ThumbLabel(QLabel):
    """A thumbnail that fills in when the loader has decoded it."""

    def __init__(self, path: str, thumbs: ThumbnailLoader, side: int = 56):
        super().__init__()
        self.path, self.thumbs, self.side = path, thumbs, side
        self.setFixedSize(side, side)
        self.setToolTip(path)
        self._show()
        if not thumbs.has(path):
            thumbs.thumbnailsReady.connect(self._ready)

    def _ready(self, paths: set[str]) -> None:
        if self.path in paths:
            self._show()
            self.thumbs.thumbnailsReady.disconnect(self._ready)

    def _show(self) -> None:
        pix = self.thumbs.pixmap(self.path)
        self.setPixmap(pix.scaled(self.side, self.side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))


class _RowList(QScrollArea):
    def __init__(self, live: LiveResults, editor: ProjectEditor, thumbs: ThumbnailLoader, empty_text: str, parent=None):
        super().__init__(parent)
        self.live, self.editor, self.thumbs = live, editor, thumbs
        self.setWidgetResizable(True)
        self.empty_text = empty_text
        self.rows: list[QWidget] = []
        self._queue: list[tuple] = []
        # Not 0 ms: the first rows come after the window has painted the new result.
        self._builder = QTimer(self, singleShot=True, interval=15)
        self._builder.timeout.connect(self._build_some)
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._inner)
        live.changed.connect(self.rebuild)

    def clear(self) -> None:
        self._queue = []
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # gone now, not only when the deferred delete runs
                item.widget().deleteLater()
        self.rows = []

    def queue_row(self, row: PredictionRow, make) -> None:
        """Build the row later (``make()`` returns its text and buttons), a few per turn."""
        self._queue.append((row, make))
        self._builder.start()

    def _build_some(self) -> None:
        batch, self._queue = self._queue[:ROWS_PER_TURN], self._queue[ROWS_PER_TURN:]
        for row, make in batch:
            self.add_row(row, *make())
        if self._queue:
            self._builder.start()
        elif getattr(self, "_footer", None):
            self.note(self._footer)

    def pending(self) -> int:
        return len(self._queue)

    def add_row(self, row: PredictionRow, text: str, buttons: list[QWidget]) -> QWidget:
        w = QWidget()
        w.row = row
        line = QHBoxLayout(w)
        line.setContentsMargins(2, 2, 2, 2)
        line.addWidget(ThumbLabel(row.path, self.thumbs))
        label = QLabel(text)
        label.setWordWrap(True)
        line.addWidget(label, 1)
        for b in buttons:
            line.addWidget(b)
        self._layout.addWidget(w)
        self.rows.append(w)
        return w

    def note(self, text: str) -> None:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet("color: #5f6670;")
        self._layout.addWidget(label)

    def rebuild(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    _footer: str | None = None


class MistakesList(_RowList):
    def __init__(self, live, editor, thumbs, parent=None):
        super().__init__(live, editor, thumbs, QCoreApplication.translate("ActionLists", "No mistakes on the photos it did not learn from."), parent)

    def rebuild(self) -> None:
        self.clear()
        snap = self.live.snapshot
        kept = self.editor.acknowledged(KEPT_LABELS)
        mistakes = [r for r in snap.mistakes if r.path not in kept] if snap else []
        if not mistakes:
            self.note(self.empty_text if snap else QCoreApplication.translate("ActionLists", "Train first to see mistakes."))
            return
        self.note(QCoreApplication.translate("ActionLists", "Photos it did not learn from that the model got wrong. If the picture "
                                             "really is what the model says, the label was wrong: move it. If your "
                                             "label is right, say so and it is not listed again."))
        self._footer = f"… and {len(mistakes) - MAX_MISTAKES} more (see the Predictions tab)." if len(mistakes) > MAX_MISTAKES else None
        for row in mistakes[:MAX_MISTAKES]:
            self.queue_row(row, lambda r=row: self._make(r))

    def _make(self, row: PredictionRow):
        move = QPushButton(QCoreApplication.translate("ActionLists", "Move to “{0}”").format(row.pred))
        move.setToolTip(QCoreApplication.translate("ActionLists", "This picture is a {0}: move it from “{1}” to “{0}”").format(row.pred, row.true))
        move.clicked.connect(lambda _=False, r=row, b=move: self._move(r, b))
        keep = QPushButton(QCoreApplication.translate("ActionLists", "My label is right"))
        keep.setToolTip(QCoreApplication.translate("ActionLists", "This picture really is a {0}: keep it in “{0}” and stop listing it here").format(
            row.true))
        keep.clicked.connect(lambda _=False, r=row: self._keep(r))
        text = f"<b>{os.path.basename(row.path)}</b><br>" + QCoreApplication.translate("ActionLists", "labelled “{0}”, model says “{1}” ({2} %)").format(
            row.true, row.pred, f"{row.confidence * 100:.0f}")
        return text, [move, keep]

    def _move(self, row: PredictionRow, button: QPushButton) -> None:
        target = self.editor.project.class_named(row.pred)
        if target is not None:
            self.editor.move([row.path], target)
            button.setEnabled(False)
            button.setText(QCoreApplication.translate("ActionLists", "Moved"))

    def _keep(self, row: PredictionRow) -> None:
        self.editor.acknowledge(KEPT_LABELS, row.path)
        for w in self.rows:
            if w.row is row:
                w.hide()


class LabelNextList(_RowList):
    def __init__(self, live, editor, thumbs, parent=None):
        super().__init__(live, editor, thumbs, QCoreApplication.translate("ActionLists", "Add unlabelled photos to the test pool, and the model will point out the ones worth "
                                                       "labelling."), parent)
        live.unknownThresholdChanged.connect(self.rebuild)

    def rebuild(self) -> None:
        self.clear()
        snap = self.live.snapshot
        answered = self.editor.acknowledged(NONE_OF_THESE)
        picks = []
        if snap:
            pool = [r for r in snap.label_next(len(snap.test), self.live.unknown_threshold) if r.path not in answered]
            picks = pool[:LABEL_NEXT]
        if not picks:
            self.note(self.empty_text)
            return
        self.note(QCoreApplication.translate("ActionLists", "The model is least sure about these test photos, or they look like none of "
                                             "your classes. Labelling them teaches it the most: click the right class, "
                                             "“None of these”, or make a new class."))
        self._footer = None
        for row in picks:
            self.queue_row(row, lambda r=row: self._make(r, snap))

    def _make(self, row: PredictionRow, snap):
        order = sorted(range(len(row.probs)), key=lambda c: -row.probs[c])[:2]
        unfamiliar = row.unknown(self.live.unknown_threshold)
        buttons = []
        for c in order:
            name = snap.class_names[c]
            b = QPushButton(name)
            b.setToolTip(QCoreApplication.translate("ActionLists", "It is a {0}: move it into “{0}”").format(name))
            b.clicked.connect(lambda _=False, r=row, n=name: self._label(r, n))
            buttons.append(b)
        none = QPushButton(QCoreApplication.translate("ActionLists", "None of these"))
        none.setToolTip(QCoreApplication.translate("ActionLists", "It is none of these classes: leave it in the test pool and stop listing it here"))
        none.clicked.connect(lambda _=False, r=row: self._none(r))
        buttons.append(none)
        other = QToolButton(text=QCoreApplication.translate("ActionLists", "Other…"))
        menu = QMenu(other)
        for name in snap.class_names:
            menu.addAction(name, lambda r=row, n=name: self._label(r, n))
        menu.addSeparator()
        menu.addAction(QCoreApplication.translate("ActionLists", "New class…"), lambda r=row: self._new_class(r))
        other.setMenu(menu)
        other.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        buttons.append(other)
        guesses = QCoreApplication.translate("ActionLists", " or ").join(f"“{snap.class_names[c]}” ({row.probs[c] * 100:.0f} %)" for c in order)
        if unfamiliar:
            return (f"<b>{os.path.basename(row.path)}</b><br>" + QCoreApplication.translate("ActionLists", "Looks like none of your classes (closest: {0}). "
                                                                              "A new class?").format(guesses)), buttons
        return f"<b>{os.path.basename(row.path)}</b><br>{guesses}?", buttons

    def _done(self, row: PredictionRow) -> None:
        for w in self.rows:
            if w.row is row:
                w.setEnabled(False)

    def _none(self, row: PredictionRow) -> None:
        self.editor.acknowledge(NONE_OF_THESE, row.path)
        self._done(row)

    def _new_class(self, row: PredictionRow) -> None:
        self.editor.new_class(moved=[row.path])  # the window then offers to name it
        self._done(row)

    def _label(self, row: PredictionRow, name: str) -> None:
        target = self.editor.project.class_named(name)
        if target is not None:
            self.editor.move([row.path], target)
            self._done(row)
