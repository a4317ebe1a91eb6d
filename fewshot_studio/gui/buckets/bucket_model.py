"""A Qt list model over one bucket of the core project: a thin adapter, napari style.

The core ``Project`` owns the list and announces each edit; this model mirrors the bucket's paths
and turns those announcements into ``rowsInserted``/``rowsRemoved``. It never edits the project
itself: drops and deletes go through the undo stack, which edits the project, which tells us.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt, Signal

from fewshot_studio.core.project import Bucket, ImagesInserted, ImagesRemoved, Project, ProjectReset
from fewshot_studio.gui.buckets.drag_data import INTERNAL_MIME, make_mime
from fewshot_studio.gui.buckets.thumbnail_delegate import PredictionRole
from fewshot_studio.gui.buckets.thumbnails import ThumbnailLoader
from fewshot_studio.gui.results.live_results import LiveResults

PathRole = Qt.ItemDataRole.UserRole + 1


def contiguous_runs(indices: list[int]) -> list[tuple[int, int]]:
    """Ascending indices → (first, last) runs, last run first (safe order for removal)."""
    runs: list[tuple[int, int]] = []
    for i in sorted(indices):
        if runs and i == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs[::-1]


class BucketModel(QAbstractListModel):
    # The live predictions changed: every tile may show a new badge. Views repaint what they show
    # (cheap) instead of the model announcing dataChanged over thousands of rows (not cheap).
    badgesChanged = Signal()

    def __init__(self, project: Project, bucket: Bucket, thumbs: ThumbnailLoader,
                 live: LiveResults | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.project, self.bucket, self.thumbs, self.live = project, bucket, thumbs, live
        self._paths = list(bucket.paths)
        self._rows: dict[str, int] | None = None
        project.subscribe(self._on_project_event)
        thumbs.thumbnailsReady.connect(self._on_thumbnails)
        if live is not None:
            live.detailsChanged.connect(self._on_predictions)
            live.thresholdChanged.connect(self._on_predictions)
            live.unknownThresholdChanged.connect(self._on_predictions)

    def detach(self) -> None:
        """Stop listening (the bucket's widget is going away)."""
        self.project.unsubscribe(self._on_project_event)
        pairs = [(self.thumbs.thumbnailsReady, self._on_thumbnails)]
        if self.live is not None:
            pairs += [(self.live.detailsChanged, self._on_predictions), (self.live.thresholdChanged, self._on_predictions),
                      (self.live.unknownThresholdChanged, self._on_predictions)]
        for signal, slot in pairs:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass

    # -- read ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._paths)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._paths):
            return None
        path = self._paths[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return os.path.basename(path)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbs.pixmap(path)
        if role == Qt.ItemDataRole.ToolTipRole:
            error = self.thumbs.error(path)
            return f"{path}\n⚠ {error}" if error else path
        if role == PathRole:
            return path
        if role == PredictionRole and self.live is not None:
            return self.live.badge(path, self.bucket.is_test_pool)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def path_at(self, row: int) -> str:
        return self._paths[row]

    def paths(self) -> list[str]:
        return list(self._paths)

    def row_of(self, path: str) -> int:
        if self._rows is None:
            self._rows = {p: i for i, p in enumerate(self._paths)}
        return self._rows.get(path, -1)

    # -- drag ---------------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [INTERNAL_MIME, "text/uri-list"]

    def mimeData(self, indexes):  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return make_mime([self._paths[r] for r in rows], self.bucket.uid)

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        # Copy only: a thumbnail dragged out to a file manager must never move the user's file.
        # Inside the app the drop handler makes it a move between buckets.
        return Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    # -- follow the project -------------------------------------------------------------------
    def _on_project_event(self, event: object) -> None:
        if isinstance(event, ProjectReset):
            self.beginResetModel()
            self._paths, self._rows = list(self.bucket.paths), None
            self.endResetModel()
            return
        if getattr(event, "bucket", None) is not self.bucket:
            return
        if isinstance(event, ImagesInserted):
            self.beginInsertRows(QModelIndex(), event.index, event.index + len(event.paths) - 1)
            self._paths[event.index:event.index] = event.paths
            self._rows = None
            self.endInsertRows()
        elif isinstance(event, ImagesRemoved):
            for first, last in contiguous_runs(list(event.indices)):
                self.beginRemoveRows(QModelIndex(), first, last)
                del self._paths[first:last + 1]
                self._rows = None
                self.endRemoveRows()

    def _on_thumbnails(self, paths: set[str]) -> None:
        rows = [r for r in (self.row_of(p) for p in paths) if r >= 0]
        if rows:
            self.dataChanged.emit(self.index(min(rows)), self.index(max(rows)), [Qt.ItemDataRole.DecorationRole])

    def _on_predictions(self, *_) -> None:
        if self._paths:
            self.badgesChanged.emit()
