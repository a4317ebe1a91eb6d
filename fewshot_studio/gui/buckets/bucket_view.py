"""The thumbnail grid of one bucket: multi-select, drag out, drop in, Delete to remove,
double-click or Space to see a photo large, right-click for its menu.

Drops are not applied here: the view hands the drop's data to the project editor, which turns
it into an undoable command (or a background import for files from outside). Nothing is ever
removed by the drag machinery itself, so a move is always exactly one command.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter
from PySide6.QtWidgets import QAbstractItemView, QListView

from fewshot_studio.gui.buckets.bucket_model import BucketModel
from fewshot_studio.gui.buckets.drag_data import accepts
from fewshot_studio.gui.buckets.thumbnail_delegate import TILE, ThumbnailDelegate


class BucketView(QListView):
    dropped = Signal(object)  # the QMimeData of an accepted drop
    deletePressed = Signal(list)  # paths of the selected images
    renamePressed = Signal()
    openRequested = Signal(str)  # double-click or Space on a photo
    menuRequested = Signal(list, object)  # selected paths, global position of the right-click
    focused = Signal()  # this grid became the one Edit ▸ Paste and Edit ▸ Delete act on
    dragHovered = Signal(object)  # a drag moved over the grid, at this global position (autoscroll)

    def __init__(self, model: BucketModel, rows: int = 2, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)  # the view never asks every row for its size
        self.setGridSize(QSize(TILE + 2, TILE + 2))
        self.setIconSize(QSize(TILE, TILE))
        self.setItemDelegate(ThumbnailDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        # Static movement switches drops off on the viewport (where drops land); switch them back on.
        self.viewport().setAcceptDrops(True)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)  # see BucketModel.supportedDragActions
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rows = 0
        self.set_rows(rows)
        self.empty_hint = "Drop images or a folder here"
        model.badgesChanged.connect(self.viewport().update)
        self.doubleClicked.connect(lambda index: self.openRequested.emit(model.path_at(index.row())))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def _menu(self, pos) -> None:
        index = self.indexAt(pos)
        if not index.isValid():
            return
        if not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)  # right-click on an unselected photo acts on that photo
        self.focused.emit()
        self.menuRequested.emit(self.selected_paths(), self.viewport().mapToGlobal(pos))

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.focused.emit()

    def set_rows(self, rows: int) -> None:
        """How many rows of tiles show before the grid scrolls (fewer on a short screen)."""
        if rows != self.rows:
            self.rows = rows
            self.setFixedHeight(rows * (TILE + 2) + 2 * self.frameWidth() + 6)

    @property
    def bucket_model(self) -> BucketModel:
        return self.model()

    def selected_paths(self) -> list[str]:
        rows = sorted(i.row() for i in self.selectionModel().selectedIndexes())
        return [self.bucket_model.path_at(r) for r in rows]

    # -- drops --------------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragHovered.emit(self.viewport().mapToGlobal(event.position().toPoint()))
        if accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        if not accepts(event.mimeData()):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)  # the source never deletes anything itself
        event.accept()
        self.dropped.emit(event.mimeData())

    # -- keys ---------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            paths = self.selected_paths()
            if paths:
                self.deletePressed.emit(paths)
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.selectAll()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Space and self.currentIndex().isValid():
            self.openRequested.emit(self.bucket_model.path_at(self.currentIndex().row()))
            event.accept()
            return
        if event.key() == Qt.Key.Key_F2:
            self.renamePressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(QColor("#8a8f98"))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.empty_hint)
            painter.end()
