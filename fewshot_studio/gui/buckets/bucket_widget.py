"""One bucket as the user sees it: name, photo count, actions, and the thumbnail grid.

Renaming happens in place (double-click the name or press F2); the class menu offers merge and
delete; a right-click on a photo offers Open large, Move to…, Remove from project and Show in
folder. Every edit goes to the ``ProjectEditor`` so it can be undone; what needs the window (the
large view, the file manager) is asked for through signals.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fewshot_studio.core.project import Bucket
from fewshot_studio.gui.buckets.bucket_model import BucketModel
from fewshot_studio.gui.buckets.bucket_view import BucketView
from fewshot_studio.gui.dialogs import last_folder
from fewshot_studio.gui.dialogs.last_folder import IMAGE_FILTER
from fewshot_studio.gui.project.project_editor import ProjectEditor



class _NameLabel(QLabel):
    """The class name, elided to the room the buttons leave (the full name in the tooltip): a long
    name must never push "Add photos…" out of the window, nor widen every other class with it."""

    def __init__(self, owner: "BucketWidget"):
        super().__init__()
        self.owner = owner

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.fontMetrics().horizontalAdvance("W…"), super().minimumSizeHint().height())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        room = self.contentsRect()
        painter.drawText(room, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room.width()))

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.owner.start_rename()


class BucketWidget(QFrame):
    openPhoto = Signal(str, object)  # path, Bucket: show it large
    webcamRequested = Signal(object)  # Bucket: take photos into it with the webcam
    showInFolder = Signal(str)  # path: open its folder in the file manager

    def __init__(self, editor: ProjectEditor, bucket: Bucket, model: BucketModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor, self.bucket, self.model = editor, bucket, model
        self.setObjectName("bucket")
        self.setStyleSheet("#bucket { border: 1px solid #d5d9e0; border-radius: 8px; background: #ffffff; }")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)

        header = QHBoxLayout()
        self.name_label = _NameLabel(self)
        self.name_label.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.name_edit = QLineEdit()
        self.name_edit.editingFinished.connect(self._finish_rename)
        self.name_stack = QStackedWidget()
        self.name_stack.addWidget(self.name_label)
        self.name_stack.addWidget(self.name_edit)
        self.name_stack.setFixedHeight(self.name_edit.sizeHint().height())
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #5f6670;")
        header.addWidget(self.name_stack, 1)
        header.addWidget(self.count_label)
        self.add_button = QToolButton(text=self.tr('Add photos…'))
        self.add_button.setToolTip(self.tr('Pick photos to add (or drag them here, or paste them with Ctrl+V)'))
        self.add_button.clicked.connect(self.pick_files)
        header.addWidget(self.add_button)
        self.folder_button = QToolButton(text=self.tr('Add folder…'))
        self.folder_button.setToolTip(self.tr('Add every photo in a folder (and its subfolders)'))
        self.folder_button.clicked.connect(self.pick_folder)
        header.addWidget(self.folder_button)
        if not bucket.is_test_pool:
            self.menu_button = QToolButton(text="⋯")
            self.menu_button.setToolTip(self.tr('Rename, merge or delete this class'))
            self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            self.menu = QMenu(self)
            self.menu.aboutToShow.connect(self._fill_menu)
            self.menu_button.setMenu(self.menu)
            header.addWidget(self.menu_button)
        layout.addLayout(header)

        self.view = BucketView(model, rows=2 if not bucket.is_test_pool else 2)
        if bucket.is_test_pool:
            self.view.empty_hint = self.tr('Drop images you want predictions for (no label needed)')
        self.view.dropped.connect(lambda mime: self.editor.drop(mime, self.bucket))
        self.view.deletePressed.connect(lambda paths: self.editor.remove(self.bucket, paths))
        self.view.renamePressed.connect(self.start_rename)
        self.view.openRequested.connect(lambda path: self.openPhoto.emit(path, self.bucket))
        self.view.menuRequested.connect(self.photo_menu)
        layout.addWidget(self.view)
        model.rowsInserted.connect(self.refresh)
        model.rowsRemoved.connect(self.refresh)
        model.modelReset.connect(self.refresh)
        self.refresh()

    def refresh(self, *_) -> None:
        # the test pool's name is the app's word, not the user's: it is shown in their language
        self.name_label.setText(self.tr("Test images") if self.bucket.is_test_pool else self.bucket.name)
        n = len(self.bucket.paths)
        self.count_label.setText(self.tr("{0} photos").format(n) if n != 1 else self.tr("1 photo"))

    # -- rename -------------------------------------------------------------------------------
    def start_rename(self) -> None:
        if self.bucket.is_test_pool:
            return
        self.name_edit.setText(self.bucket.name)
        self.name_stack.setCurrentWidget(self.name_edit)
        self.name_edit.selectAll()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _finish_rename(self) -> None:
        if self.name_stack.currentWidget() is not self.name_edit:
            return
        self.name_stack.setCurrentWidget(self.name_label)
        self.editor.rename(self.bucket, self.name_edit.text())
        self.refresh()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.name_stack.currentWidget() is self.name_edit:
            self.name_stack.setCurrentWidget(self.name_label)
            return
        super().keyPressEvent(event)

    # -- menu ---------------------------------------------------------------------------------
    def _fill_menu(self) -> None:
        self.menu.clear()
        self.menu.addAction(self.tr("Rename…") + "\tF2", self.start_rename)
        merge = self.menu.addMenu(self.tr("Merge into"))
        others = [b for b in self.editor.project.classes if b is not self.bucket]
        for other in others:
            merge.addAction(other.name, lambda o=other: self.editor.merge(self.bucket, o))
        merge.setEnabled(bool(others))
        self.menu.addAction(self.tr("Take photos with the webcam…"), lambda: self.webcamRequested.emit(self.bucket))
        self.menu.addSeparator()
        self.menu.addAction(self.tr("Delete class (keeps the files on disk)"), lambda: self.editor.delete_class(self.bucket))

    def build_photo_menu(self, paths: list[str]) -> QMenu:
        """The right-click menu for the selected photos (built fresh: the classes change)."""
        menu = QMenu(self)
        n = len(paths)
        menu.addAction(self.tr("Open large") + "\tSpace", lambda: self.openPhoto.emit(paths[0], self.bucket))
        move = menu.addMenu(self.tr("Move this photo to") if n == 1 else self.tr("Move these {0} photos to").format(n))
        targets = [b for b in self.editor.project.buckets if b is not self.bucket]
        for target in targets:
            move.addAction(target.name, lambda t=target: self.editor.move(list(paths), t))
        move.setEnabled(bool(targets))
        remove = self.tr("Remove this photo from the project") if n == 1 else self.tr("Remove these {0} photos from the project").format(n)
        menu.addAction(remove + "\tDel", lambda: self.editor.remove(self.bucket, list(paths)))
        menu.addSeparator()
        menu.addAction(self.tr("Show in folder"), lambda: self.showInFolder.emit(paths[0]))
        return menu

    def photo_menu(self, paths: list[str], global_pos) -> None:
        if paths:
            menu = self.build_photo_menu(paths)
            menu.aboutToHide.connect(menu.deleteLater)
            menu.popup(global_pos)

    def pick_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add photos to “{0}”").format(self.bucket.name),
                                                last_folder.start_folder("photos"), IMAGE_FILTER)
        if files:
            last_folder.remember("photos", files[0])
            self.editor.add_files(files, self.bucket)

    def pick_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of photos to “{0}”").format(self.bucket.name),
                                                  last_folder.start_folder("photos"))
        if folder:
            last_folder.remember("photos", folder)
            self.editor.add_files([folder], self.bucket)


class NewClassZone(QFrame):
    """A dashed drop target: drop images or a folder to make a class; click to make an empty one."""

    def __init__(self, editor: ProjectEditor, parent: QWidget | None = None):
        super().__init__(parent)
        from fewshot_studio.gui.project.project_editor import NEW_CLASS

        self.editor, self._target = editor, NEW_CLASS
        self.setObjectName("newclass")
        self._style(False)
        self.setAcceptDrops(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr('+ New class'))
        title.setStyleSheet("font-weight: 600; font-size: 11pt; color: #1a4fa0; border: none;")
        hint = QLabel(self.tr("Drop images or a folder here (a folder's name becomes the class name), or click"))
        hint.setStyleSheet("color: #5f6670; border: none;")
        hint.setWordWrap(True)
        for w in (title, hint):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(w)
        self.setMinimumHeight(64)

    def _style(self, hot: bool) -> None:
        color, bg = ("#1a4fa0", "#e8f0fe") if hot else ("#9aa5b5", "#f7f9fc")
        self.setStyleSheet(f"#newclass {{ border: 2px dashed {color}; border-radius: 8px; background: {bg}; }}")

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.editor.new_class()

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        from fewshot_studio.gui.buckets.drag_data import accepts

        if accepts(event.mimeData()):
            self._style(True)
            event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802
        self._style(False)

    def dropEvent(self, event) -> None:  # noqa: N802
        self._style(False)
        event.acceptProposedAction()
        self.editor.drop(event.mimeData(), self._target)
