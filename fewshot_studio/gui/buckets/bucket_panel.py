"""The left side: a scrolling column of class buckets, "+ New class" pinned below it (in view
however many classes there are), and the test pool below that. The column scrolls by itself
while a photo is dragged near its edges.

It follows the project's class events (added, removed, renamed, reset) to add or drop bucket
widgets, so undoing "delete class" brings the bucket back in the same place without any code
here knowing about undo.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from fewshot_studio.core.project import Bucket, ClassAdded, ClassRemoved, ClassRenamed, ProjectReset
from fewshot_studio.gui.buckets.bucket_model import BucketModel
from fewshot_studio.gui.buckets.bucket_widget import BucketWidget, NewClassZone
from fewshot_studio.gui.buckets.drag_autoscroll import DragAutoScroller
from fewshot_studio.gui.buckets.drag_data import accepts
from fewshot_studio.gui.buckets.thumbnails import ThumbnailLoader
from fewshot_studio.gui.project.project_editor import ProjectEditor
from fewshot_studio.gui.results.live_results import LiveResults


COMPACT_BELOW = 700  # px of column height under which buckets show one row of tiles


class _Column(QWidget):
    """The widget behind the buckets: a drag over the gaps between them also scrolls."""

    def __init__(self, scroller: DragAutoScroller):
        super().__init__()
        self.scroller = scroller
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if accepts(event.mimeData()):
            event.accept()  # only to hear the moves; a drop on a gap is refused below

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.scroller.hover(self.mapToGlobal(event.position().toPoint()))
        event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        self.scroller.stop()
        event.ignore()


class BucketPanel(QWidget):
    openPhoto = Signal(str, object)  # path, Bucket
    webcamRequested = Signal(object)  # Bucket
    showInFolder = Signal(str)

    def __init__(self, editor: ProjectEditor, thumbs: ThumbnailLoader, live: LiveResults | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.editor, self.project, self.thumbs, self.live = editor, editor.project, thumbs, live
        self.widgets: dict[int, BucketWidget] = {}

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.autoscroll = DragAutoScroller(self.scroll, self)
        inner = _Column(self.autoscroll)
        inner.setObjectName("classes")
        inner.setStyleSheet("#classes { background: #f3f5f8; }")
        self.column = QVBoxLayout(inner)
        self.column.setContentsMargins(8, 8, 8, 8)
        self.column.setSpacing(8)
        title = QLabel(self.tr('Classes — drop a few example images of each kind of picture'))
        title.setStyleSheet("color: #3c4350; font-weight: 600;")
        self.column.addWidget(title)
        self.column.addStretch(1)
        self.scroll.setWidget(inner)
        outer.addWidget(self.scroll, 1)
        self.new_class_zone = NewClassZone(editor)
        zone_holder = QWidget()
        zl = QVBoxLayout(zone_holder)
        zl.setContentsMargins(8, 4, 8, 0)
        zl.addWidget(self.new_class_zone)
        outer.addWidget(zone_holder)
        self.current: Bucket | None = None  # the bucket whose grid was last used: Paste and Delete act on it

        self.test_pool_widget: BucketWidget | None = None
        self._test_holder = QWidget()
        self._test_layout = QVBoxLayout(self._test_holder)
        self._test_layout.setContentsMargins(8, 4, 8, 8)
        outer.addWidget(self._test_holder)

        self.project.subscribe(self._on_event)
        editor.classCreated.connect(self._rename_new)
        self._rebuild()

    # -- building -----------------------------------------------------------------------------
    def _make(self, bucket: Bucket) -> BucketWidget:
        model = BucketModel(self.project, bucket, self.thumbs, self.live)
        widget = BucketWidget(self.editor, bucket, model)
        widget.view.set_rows(self.rows_for_height(self.height()))
        widget.view.dragHovered.connect(self.autoscroll.hover)
        widget.view.dropped.connect(lambda _mime: self.autoscroll.stop())
        widget.view.focused.connect(lambda b=bucket: self._set_current(b))
        widget.openPhoto.connect(self.openPhoto)
        widget.showInFolder.connect(self.showInFolder)
        widget.webcamRequested.connect(self.webcamRequested)
        model.setParent(widget)
        return widget

    def _insert(self, bucket: Bucket, index: int) -> None:
        widget = self._make(bucket)
        self.widgets[bucket.uid] = widget
        self.column.insertWidget(1 + index, widget)  # after the title, before the stretch

    def _set_current(self, bucket: Bucket) -> None:
        self.current = bucket

    def current_bucket(self) -> Bucket | None:
        """The bucket Paste goes to: the one last used, if it still exists, else the first class."""
        if self.current is not None and (self.current.is_test_pool or self.current in self.project.classes):
            return self.current
        return self.project.classes[0] if self.project.classes else None

    def selected_photos(self) -> tuple[Bucket | None, list[str]]:
        """The photos selected in the bucket last used (what Edit ▸ Delete removes)."""
        bucket = self.current_bucket()
        widget = self.widget_for(bucket) if bucket is not None else None
        return (bucket, widget.view.selected_paths()) if widget is not None else (None, [])

    def _drop(self, uid: int) -> None:
        widget = self.widgets.pop(uid, None)
        if widget is not None:
            widget.model.detach()
            widget.hide()
            widget.deleteLater()

    def _rebuild(self) -> None:
        for uid in list(self.widgets):
            self._drop(uid)
        for i, bucket in enumerate(self.project.classes):
            self._insert(bucket, i)
        if self.test_pool_widget is not None:
            self.test_pool_widget.model.detach()
            self.test_pool_widget.deleteLater()
        self.test_pool_widget = self._make(self.project.test_pool)
        self.test_pool_widget.setToolTip("Images you want the model's opinion on, without labelling them")
        self._test_layout.insertWidget(0, self.test_pool_widget)


    def _on_event(self, event: object) -> None:
        if isinstance(event, ProjectReset):
            self._rebuild()
        elif isinstance(event, ClassAdded):
            self._insert(event.bucket, event.index)
        elif isinstance(event, ClassRemoved):
            self._drop(event.bucket.uid)
        elif isinstance(event, ClassRenamed):
            widget = self.widgets.get(event.bucket.uid)
            if widget is not None:
                widget.refresh()

    def _rename_new(self, bucket: Bucket) -> None:
        widget = self.widgets.get(bucket.uid)
        if widget is not None:
            QTimer.singleShot(0, lambda: (self.scroll.ensureWidgetVisible(widget), widget.start_rename()))

    # -- a short screen -------------------------------------------------------------------------
    def rows_for_height(self, height: int) -> int:
        """Two rows of tiles per bucket, one when the column is short, so that at 1024×700 at
        least two classes and the test pool are in view at once."""
        return 2 if height >= COMPACT_BELOW else 1

    def _apply_rows(self) -> None:
        rows = self.rows_for_height(self.height())
        for widget in [*self.widgets.values(), self.test_pool_widget]:
            if widget is not None:
                widget.view.set_rows(rows)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._apply_rows()

    def widget_for(self, bucket: Bucket) -> BucketWidget | None:
        if bucket.is_test_pool:
            return self.test_pool_widget
        return self.widgets.get(bucket.uid)
