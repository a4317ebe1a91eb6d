"""Every edit the user can make, as one QUndoCommand over the core project.

An undo step is a list of small plain-Python edits (add, remove, move, add class, rename, delete
class) applied in order and undone in reverse; "merge" is move + delete, "new class from a drop"
is add class + add images. Keeping the pieces plain Python (not nested QUndoCommands) keeps
their state out of Qt's object ownership. Edits only call the project's primitive edits; the
project announces them and the views follow, so undo and redo need no view code. Edits keep the
``Bucket`` objects themselves, so undoing "delete class" brings back the same bucket (same
identity, images and place).
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QUndoCommand

from fewshot_studio.core.project import Bucket, Project, normalize_path


_COUNTED = {  # (one, many) for the words an undo step counts, in the user's language
    "image": (QT_TRANSLATE_NOOP("commands", "1 image"), QT_TRANSLATE_NOOP("commands", "{0} images")),
    "missing image": (QT_TRANSLATE_NOOP("commands", "1 missing image"), QT_TRANSLATE_NOOP("commands", "{0} missing images")),
}


def _n(count: int, word: str) -> str:
    one, many = _COUNTED[word]
    return QCoreApplication.translate("commands", one if count == 1 else many).format(count)


class AddImagesEdit:
    def __init__(self, project: Project, bucket: Bucket, paths: list[str]):
        self.project, self.bucket, self.paths = project, bucket, [normalize_path(p) for p in paths]

    def redo(self) -> None:
        self.project.insert_images(self.bucket, self.paths)

    def undo(self) -> None:
        self.project.remove_images(self.bucket, self.paths)


class RemoveImagesEdit:
    """Takes images out of the project (the files on disk are never touched)."""

    def __init__(self, project: Project, bucket: Bucket, paths: list[str]):
        self.project, self.bucket, self.paths = project, bucket, list(paths)
        self.removed: list[tuple[int, str]] = []

    def redo(self) -> None:
        self.removed = self.project.remove_images(self.bucket, self.paths)

    def undo(self) -> None:
        self.project.restore_images(self.bucket, self.removed)


class MoveImagesEdit:
    """Images (from any buckets) go to the end of ``target``; undo puts each back in place."""

    def __init__(self, project: Project, paths: list[str], target: Bucket):
        where = project.path_index()
        paths = [normalize_path(p) for p in paths]
        self.paths = [p for p in paths if where.get(p) is not None and where[p] is not target]
        self.project, self.target = project, target
        self._from: dict[int, tuple[Bucket, list[str]]] = {}
        for p in self.paths:
            self._from.setdefault(where[p].uid, (where[p], []))[1].append(p)
        self.sources: list[tuple[Bucket, list[tuple[int, str]]]] = []

    def redo(self) -> None:
        self.sources = [(b, self.project.remove_images(b, ps)) for b, ps in self._from.values()]
        self.project.insert_images(self.target, [p for _, removed in self.sources for _, p in removed])

    def undo(self) -> None:
        self.project.remove_images(self.target, [p for _, removed in self.sources for _, p in removed])
        for bucket, removed in self.sources:
            self.project.restore_images(bucket, removed)


class AddClassEdit:
    def __init__(self, project: Project, name: str):
        self.project, self.bucket, self.index = project, Bucket(name), None

    def redo(self) -> None:
        self.project.add_class(self.bucket.name, self.index, bucket=self.bucket)
        self.index = self.project.classes.index(self.bucket)

    def undo(self) -> None:
        self.project.remove_class(self.bucket)


class RenameClassEdit:
    def __init__(self, project: Project, bucket: Bucket, name: str):
        self.project, self.bucket, self.new, self.old = project, bucket, name, bucket.name

    def redo(self) -> None:
        self.project.rename_class(self.bucket, self.new)

    def undo(self) -> None:
        self.project.rename_class(self.bucket, self.old)


class DeleteClassEdit:
    """Removes the class and its images from the project (never from disk)."""

    def __init__(self, project: Project, bucket: Bucket):
        self.project, self.bucket, self.index = project, bucket, 0

    def redo(self) -> None:
        self.index = self.project.remove_class(self.bucket)

    def undo(self) -> None:
        self.project.add_class(self.bucket.name, self.index, bucket=self.bucket)


class RelocateEdit:
    """Missing photos found elsewhere: each old path is replaced by its new one, in place."""

    def __init__(self, project: Project, bucket: Bucket, moved: dict[str, str]):
        self.project, self.bucket = project, bucket
        self.moved = {old: normalize_path(new) for old, new in moved.items() if old in bucket.paths}
        self.removed: list[tuple[int, str]] = []

    def redo(self) -> None:
        self.removed = self.project.remove_images(self.bucket, list(self.moved))
        self.project.restore_images(self.bucket, [(i, self.moved[p]) for i, p in self.removed])

    def undo(self) -> None:
        self.project.remove_images(self.bucket, list(self.moved.values()))
        self.project.restore_images(self.bucket, self.removed)


class EditCommand(QUndoCommand):
    """One undo step made of plain edits."""

    def __init__(self, text: str, *edits):
        super().__init__(text)
        self.edits = list(edits)

    def redo(self) -> None:
        for edit in self.edits:
            edit.redo()

    def undo(self) -> None:
        for edit in reversed(self.edits):
            edit.undo()


# -- the user's edits ------------------------------------------------------------------------------
def add_images(project: Project, bucket: Bucket, paths: list[str]) -> EditCommand:
    return EditCommand(QCoreApplication.translate("commands", 'Add {0} to “{1}”').format(_n(len(paths), 'image'), bucket.name), AddImagesEdit(project, bucket, paths))


def remove_images(project: Project, bucket: Bucket, paths: list[str]) -> EditCommand:
    return EditCommand(QCoreApplication.translate("commands", 'Remove {0} from “{1}”').format(_n(len(paths), 'image'), bucket.name), RemoveImagesEdit(project, bucket, paths))


def move_images(project: Project, paths: list[str], target: Bucket) -> EditCommand:
    move = MoveImagesEdit(project, paths, target)
    return EditCommand(QCoreApplication.translate("commands", 'Move {0} to “{1}”').format(_n(len(move.paths), 'image'), target.name), move)


def rename_class(project: Project, bucket: Bucket, name: str) -> EditCommand:
    return EditCommand(QCoreApplication.translate("commands", 'Rename “{0}” to “{1}”').format(bucket.name, name), RenameClassEdit(project, bucket, name))


def delete_class(project: Project, bucket: Bucket) -> EditCommand:
    return EditCommand(QCoreApplication.translate("commands", 'Delete class “{0}”').format(bucket.name), DeleteClassEdit(project, bucket))


def merge_classes(project: Project, source: Bucket, target: Bucket) -> EditCommand:
    """All images of ``source`` join ``target``, then ``source`` goes (one undo step)."""
    return EditCommand(QCoreApplication.translate("commands", 'Merge “{0}” into “{1}”').format(source.name, target.name),
                       MoveImagesEdit(project, list(source.paths), target), DeleteClassEdit(project, source))


def new_class(project: Project, name: str, new_paths: list[str] = (), moved_paths: list[str] = ()) -> EditCommand:
    """A class, optionally filled with new images and/or images moved from other buckets."""
    add = AddClassEdit(project, name)
    edits: list = [add]
    if new_paths:
        edits.append(AddImagesEdit(project, add.bucket, list(new_paths)))
    if moved_paths:
        edits.append(MoveImagesEdit(project, list(moved_paths), add.bucket))
    command = EditCommand(QCoreApplication.translate("commands", 'New class “{0}”').format(name), *edits)
    command.bucket = add.bucket
    return command


def remove_from_all(project: Project, paths: list[str], text: str) -> EditCommand:
    gone = set(paths)
    edits = [RemoveImagesEdit(project, b, [p for p in b.paths if p in gone]) for b in project.buckets]
    return EditCommand(text, *[e for e in edits if e.paths])


def relocate(project: Project, moved: dict[str, str]) -> EditCommand:
    edits = [RelocateEdit(project, b, moved) for b in project.buckets]
    return EditCommand(QCoreApplication.translate("commands", 'Locate {0}').format(_n(len(moved), 'missing image')), *[e for e in edits if e.moved])
