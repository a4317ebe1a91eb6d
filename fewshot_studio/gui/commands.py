"""Every edit the user can make, as a QUndoCommand over the core project.

Commands only call the project's primitive edits; the project announces them and the views
follow, so undo and redo need no view code. Commands keep the ``Bucket`` objects themselves, so
undoing "delete class" brings back the same bucket (same identity, same images, same place).
"""
from __future__ import annotations

import os

from PySide6.QtGui import QUndoCommand

from fewshot_studio.core.project import Bucket, Project, normalize_path


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class AddImages(QUndoCommand):
    def __init__(self, project: Project, bucket: Bucket, paths: list[str], parent: QUndoCommand | None = None):
        self.paths = [normalize_path(p) for p in paths]
        super().__init__(f"Add {_n(len(self.paths), 'image')} to “{bucket.name}”", parent)
        self.project, self.bucket = project, bucket

    def redo(self) -> None:
        self.project.insert_images(self.bucket, self.paths)

    def undo(self) -> None:
        self.project.remove_images(self.bucket, self.paths)


class RemoveImages(QUndoCommand):
    """Takes images out of the project (the files on disk are never touched)."""

    def __init__(self, project: Project, bucket: Bucket, paths: list[str], parent: QUndoCommand | None = None):
        super().__init__(f"Remove {_n(len(paths), 'image')} from “{bucket.name}”", parent)
        self.project, self.bucket, self.paths = project, bucket, list(paths)
        self.removed: list[tuple[int, str]] = []

    def redo(self) -> None:
        self.removed = self.project.remove_images(self.bucket, self.paths)

    def undo(self) -> None:
        self.project.restore_images(self.bucket, self.removed)


class MoveImages(QUndoCommand):
    """Images (from any buckets) go to the end of ``target``; undo puts each back in place."""

    def __init__(self, project: Project, paths: list[str], target: Bucket, parent: QUndoCommand | None = None):
        paths = [normalize_path(p) for p in paths]
        where = project.path_index()
        self.paths = [p for p in paths if where.get(p) is not None and where[p] is not target]
        super().__init__(f"Move {_n(len(self.paths), 'image')} to “{target.name}”", parent)
        self.project, self.target = project, target
        self.sources: list[tuple[Bucket, list[tuple[int, str]]]] = []
        self._from = {}
        for p in self.paths:
            self._from.setdefault(where[p].uid, (where[p], []))[1].append(p)

    def redo(self) -> None:
        self.sources = [(b, self.project.remove_images(b, ps)) for b, ps in self._from.values()]
        self.project.insert_images(self.target, [p for _, removed in self.sources for _, p in removed])

    def undo(self) -> None:
        self.project.remove_images(self.target, [p for _, removed in self.sources for _, p in removed])
        for bucket, removed in self.sources:
            self.project.restore_images(bucket, removed)


class AddClass(QUndoCommand):
    def __init__(self, project: Project, name: str, parent: QUndoCommand | None = None):
        super().__init__(f"New class “{name}”", parent)
        self.project = project
        self.bucket = Bucket(name)
        self.index: int | None = None

    def redo(self) -> None:
        self.project.add_class(self.bucket.name, self.index, bucket=self.bucket)
        self.index = self.project.classes.index(self.bucket)

    def undo(self) -> None:
        self.project.remove_class(self.bucket)


class RenameClass(QUndoCommand):
    def __init__(self, project: Project, bucket: Bucket, name: str, parent: QUndoCommand | None = None):
        super().__init__(f"Rename “{bucket.name}” to “{name}”", parent)
        self.project, self.bucket, self.new, self.old = project, bucket, name, bucket.name

    def redo(self) -> None:
        self.project.rename_class(self.bucket, self.new)

    def undo(self) -> None:
        self.project.rename_class(self.bucket, self.old)


class DeleteClass(QUndoCommand):
    """Removes the class and its images from the project (never from disk)."""

    def __init__(self, project: Project, bucket: Bucket, parent: QUndoCommand | None = None):
        super().__init__(f"Delete class “{bucket.name}”", parent)
        self.project, self.bucket = project, bucket
        self.index = 0

    def redo(self) -> None:
        self.index = self.project.remove_class(self.bucket)

    def undo(self) -> None:
        self.project.add_class(self.bucket.name, self.index, bucket=self.bucket)


class MergeClasses(QUndoCommand):
    """All images of ``source`` join ``target``, then ``source`` goes (one undo step)."""

    def __init__(self, project: Project, source: Bucket, target: Bucket):
        super().__init__(f"Merge “{source.name}” into “{target.name}”")
        MoveImages(project, list(source.paths), target, parent=self)
        DeleteClass(project, source, parent=self)


class NewClassWithImages(QUndoCommand):
    """A class made by a drop on "+ New class": images added from outside or moved from buckets."""

    def __init__(self, project: Project, name: str, new_paths: list[str] = (), moved_paths: list[str] = ()):
        super().__init__(f"New class “{name}”")
        self.add = AddClass(project, name, parent=self)
        self.bucket = self.add.bucket
        if new_paths:
            AddImages(project, self.bucket, list(new_paths), parent=self)
        if moved_paths:
            MoveImages(project, list(moved_paths), self.bucket, parent=self)


def folder_class_name(path: str) -> str:
    return os.path.basename(os.path.normpath(path)) or "New class"
