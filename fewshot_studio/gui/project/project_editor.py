"""The one place edits are made: widgets call these methods, each becomes one undo step.

Files from outside go through a background check first (``ImageImporter``); what survives is
added in a single command, and whatever was skipped or looked duplicated is reported in one
non-blocking notice. Internal moves are applied at once. Every edit bumps ``generation`` and
emits ``edited`` so the trainer knows the model is stale.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from fewshot_studio.core.project import Bucket, Project, clean_class_name
from fewshot_studio.gui.buckets.drag_data import internal_paths, local_files
from fewshot_studio.gui.buckets.image_import import ImageImporter, ImportReport
from fewshot_studio.gui.plain_words import engine_text
from fewshot_studio.gui.project import commands

NEW_CLASS = "new-class"
KEPT_LABELS = "kept_labels"  # mistakes the user says are labelled right: not listed again
NONE_OF_THESE = "none_of_these"  # test photos the user says are none of the classes


class ProjectEditor(QObject):
    edited = Signal()
    importFinished = Signal(object)  # ImportReport, after it was applied
    classCreated = Signal(object)  # Bucket made by a drop/button: the window may start renaming it
    message = Signal(str, list, str, str)  # text, details, level, key: for the notice area
    settingsEdited = Signal()  # a project setting changed that needs saving but no retraining

    def __init__(self, project: Project, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._edited)
        self.importer = ImageImporter(self)
        self.importer.finished.connect(self._apply_import)
        self.generation = 0

    def _edited(self, *_) -> None:
        self.generation += 1
        self.edited.emit()

    def _push(self, command) -> None:
        self.undo_stack.push(command)

    # -- drops --------------------------------------------------------------------------------
    def drop(self, mime, target: Bucket | str) -> None:
        """A drop on a bucket (or on "+ New class" when ``target`` is ``NEW_CLASS``)."""
        inside = internal_paths(mime)
        if inside is not None:
            _source, paths = inside
            if target == NEW_CLASS:
                self.new_class(moved=paths)
            else:
                self.move(paths, target)
            return
        files = local_files(mime)
        if files:
            self.add_files(files, target)

    def add_files(self, raw: list[str], target: Bucket | str) -> int:
        """Check ``raw`` (files/folders) in the background, then add what is usable."""
        existing = {p: b.name for b in self.project.buckets for p in b.paths}
        key = target if isinstance(target, str) else target.uid
        return self.importer.start(list(raw), key, existing)

    def _apply_import(self, report: ImportReport) -> None:
        key = report.request.target
        if key == NEW_CLASS:
            self._new_classes_from(report)
        else:
            bucket = self.project.bucket_by_uid(key)
            if bucket is None:  # the class was deleted while its files were being checked
                self.message.emit(self.tr('The class was deleted before its images were added.'), [], "warning", "import")
            elif report.good:
                self._push(commands.add_images(self.project, bucket, report.good))
        self._report(report)
        self.importFinished.emit(report)

    def _new_classes_from(self, report: ImportReport) -> None:
        groups = {name: paths for name, paths in report.groups.items() if paths}
        if not groups:
            return
        loose = groups.pop("", [])
        self.undo_stack.beginMacro(self.tr('New class from dropped images'))
        made = []
        for folder, paths in groups.items():
            target = self.project.class_named(folder)
            if target is not None:  # a folder named like an existing class fills that class
                self._push(commands.add_images(self.project, target, paths))
            else:
                cmd = commands.new_class(self.project, self.project.unique_class_name(folder), new_paths=paths)
                self._push(cmd)
                made.append(cmd.bucket)
        if loose:
            cmd = commands.new_class(self.project, self.project.unique_class_name(), new_paths=loose)
            self._push(cmd)
            made.append(cmd.bucket)
        self.undo_stack.endMacro()
        if loose:
            self.classCreated.emit(made[-1])

    def _report(self, report: ImportReport) -> None:
        parts, details = [], []
        if report.bad:
            parts.append((self.tr('{0} files were skipped (not usable images)') if len(report.bad) != 1 else self.tr('1 file was skipped (not usable images)')).format(len(report.bad)))
            details += [f"{os.path.basename(p)}: {engine_text(why)}  ({p})" for p, why in report.bad]
        if report.already:
            parts.append(self.tr('{0} already in the project').format(len(report.already)))
            details += [f"{os.path.basename(p)}: already in “{where}”" for p, where in report.already]
        if report.copies:
            parts.append((self.tr('{0} look identical to images already in the project') if len(report.copies) != 1 else self.tr('1 looks identical to an image already in the project')).format(len(report.copies)))
            details += [f"{os.path.basename(p)}: same picture as {os.path.basename(q)}  ({q})" for p, q in report.copies]
        if parts:
            added = (self.tr('Added {0} images. ') if len(report.good) != 1 else self.tr('Added 1 image. ')).format(len(report.good))
            self.message.emit(added + "; ".join(parts).capitalize() + ".", details, "warning" if report.bad else "info", "import")

    # -- edits --------------------------------------------------------------------------------
    # -- answers the user gave about single photos (saved with the project, no retraining) ----
    def acknowledged(self, key: str) -> set[str]:
        """Photos the user answered for: ``KEPT_LABELS`` ("my label is right") or
        ``NONE_OF_THESE`` (a test photo that is none of the classes)."""
        return set(self.project.settings.get(key) or ())

    def acknowledge(self, key: str, path: str) -> None:
        paths = self.project.settings.setdefault(key, [])
        if path not in paths:
            paths.append(path)
            self.settingsEdited.emit()

    def move(self, paths: list[str], target: Bucket) -> None:
        cmd = commands.move_images(self.project, paths, target)
        if cmd.edits[0].paths:
            self._push(cmd)

    def remove(self, bucket: Bucket, paths: list[str]) -> None:
        if paths:
            self._push(commands.remove_images(self.project, bucket, paths))

    def new_class(self, name: str | None = None, moved: list[str] = ()) -> Bucket:
        name = self.project.unique_class_name(name or self.tr('New class'))
        cmd = commands.new_class(self.project, name, moved_paths=list(moved))
        self._push(cmd)
        self.classCreated.emit(cmd.bucket)
        return cmd.bucket

    def rename(self, bucket: Bucket, name: str) -> bool:
        """False (and a notice) when the name is empty or taken."""
        name = clean_class_name(name)
        if name == bucket.name:
            return True
        other = self.project.class_named(name)
        if not name or (other is not None and other is not bucket):
            why = self.tr('A class needs a name.') if not name else self.tr('There is already a class called “{0}”.').format(name)
            self.message.emit(why, [], "warning", "rename")
            return False
        self._push(commands.rename_class(self.project, bucket, name))
        return True

    def delete_class(self, bucket: Bucket) -> None:
        self._push(commands.delete_class(self.project, bucket))

    def merge(self, source: Bucket, target: Bucket) -> None:
        if source is not target:
            self._push(commands.merge_classes(self.project, source, target))

    def relocate(self, moved: dict[str, str]) -> None:
        """Missing photos found in a new place: the project points to it (one undo step)."""
        cmd = commands.relocate(self.project, moved)
        if cmd.edits:
            self._push(cmd)

    def remove_missing(self, missing: list[str]) -> None:
        """Take images that are no longer on disk out of the project, in one undo step."""
        cmd = commands.remove_from_all(self.project, missing, self.tr('Remove {0} missing images').format(len(missing)))
        if cmd.edits:
            self._push(cmd)
