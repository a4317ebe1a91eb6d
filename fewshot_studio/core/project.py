"""The user's project: class buckets (name -> image paths) and a pool of unlabelled test images.

This is plain Python so the app, the CLI and tests share one model (napari style): the Qt list
models are thin adapters that listen to the events emitted here, and every undoable edit in the
window is a composition of the few primitive edits below. On disk a project is one JSON file
whose image paths are relative to the file, so a project folder can be moved or shared whole;
it is written atomically, so a crash mid-save never leaves half a project.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

from fewshot_studio.core.util import json_text
from fewshot_studio.core.util.atomic import atomic_write_text
from fewshot_studio.core.util.regular_files import read_regular
from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP, message_of

PROJECT_SUFFIX = ".fsproject"
FORMAT_NAME = "fewshot-studio-project"
FORMAT_VERSION = 1
TEST_POOL_NAME = "Test images"
MAX_PROJECT_BYTES = 256 << 20  # a project of a million images is ~100 MB of JSON

_uids = count(1)


class ProjectError(Exception):
    """A project file that cannot be opened; the message (``Words``) is meant for the user."""


@dataclass(eq=False)
class Bucket:
    """A class (or the test pool): a name and an ordered list of absolute image paths.

    Buckets have identity (``uid``) so a renamed class is still the same bucket for the views
    and the undo stack.
    """

    name: str
    paths: list[str] = field(default_factory=list)
    is_test_pool: bool = False
    uid: int = field(default_factory=lambda: next(_uids))

    def __len__(self) -> int:
        return len(self.paths)


# Events, emitted after each primitive edit (listeners mirror the change).
@dataclass(frozen=True)
class ImagesInserted:
    bucket: Bucket
    index: int
    paths: tuple[str, ...]


@dataclass(frozen=True)
class ImagesRemoved:
    bucket: Bucket
    indices: tuple[int, ...]  # ascending, positions before the removal


@dataclass(frozen=True)
class ClassAdded:
    bucket: Bucket
    index: int


@dataclass(frozen=True)
class ClassRemoved:
    bucket: Bucket
    index: int


@dataclass(frozen=True)
class ClassRenamed:
    bucket: Bucket
    old_name: str


@dataclass(frozen=True)
class ProjectReset:
    """Everything changed (a project was loaded into this object)."""


def normalize_path(path: str | os.PathLike[str]) -> str:
    return os.path.normpath(os.path.abspath(os.fspath(path)))


def clean_class_name(name: str) -> str:
    return " ".join(str(name).split())


class Project:
    def __init__(self) -> None:
        self.classes: list[Bucket] = []
        self.test_pool = Bucket(TEST_POOL_NAME, is_test_pool=True)
        self.settings: dict[str, Any] = {}
        self.file: Path | None = None
        self._listeners: list[Callable[[object], None]] = []

    # -- events -------------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[object], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[object], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, event: object) -> None:
        for listener in list(self._listeners):
            listener(event)

    # -- queries ------------------------------------------------------------------------------
    @property
    def buckets(self) -> list[Bucket]:
        return [*self.classes, self.test_pool]

    def class_named(self, name: str) -> Bucket | None:
        key = clean_class_name(name).casefold()
        return next((b for b in self.classes if b.name.casefold() == key), None)

    def bucket_by_uid(self, uid: int) -> Bucket | None:
        return next((b for b in self.buckets if b.uid == uid), None)

    def bucket_of(self, path: str) -> Bucket | None:
        path = normalize_path(path)
        return next((b for b in self.buckets if path in b.paths), None)

    def path_index(self) -> dict[str, Bucket]:
        return {p: b for b in self.buckets for p in b.paths}

    def image_count(self) -> int:
        return sum(len(b) for b in self.classes)

    def unique_class_name(self, base: str = "New class") -> str:
        base = clean_class_name(base) or "New class"
        name, n = base, 2
        while self.class_named(name) is not None:
            name, n = f"{base} {n}", n + 1
        return name

    def examples(self) -> dict[str, list[str]]:
        """The labelled images as the training engine wants them (non-empty classes only)."""
        return {b.name: list(b.paths) for b in self.classes if b.paths}

    def is_empty(self) -> bool:
        return not self.classes and not self.test_pool.paths

    # -- primitive edits ----------------------------------------------------------------------
    def insert_images(self, bucket: Bucket, paths: Iterable[str], index: int | None = None) -> list[str]:
        paths = [normalize_path(p) for p in paths]
        if not paths:
            return []
        index = len(bucket.paths) if index is None else max(0, min(index, len(bucket.paths)))
        bucket.paths[index:index] = paths
        self._emit(ImagesInserted(bucket, index, tuple(paths)))
        return paths

    def remove_images(self, bucket: Bucket, paths: Iterable[str]) -> list[tuple[int, str]]:
        """Remove ``paths`` from ``bucket``; returns (old index, path) pairs for undo."""
        wanted = {normalize_path(p) for p in paths}
        removed = [(i, p) for i, p in enumerate(bucket.paths) if p in wanted]
        if removed:
            gone = {i for i, _ in removed}
            bucket.paths[:] = [p for i, p in enumerate(bucket.paths) if i not in gone]
            self._emit(ImagesRemoved(bucket, tuple(i for i, _ in removed)))
        return removed

    def restore_images(self, bucket: Bucket, removed: list[tuple[int, str]]) -> None:
        """Undo of ``remove_images``: put each path back at its old position."""
        for index, path in sorted(removed):
            self.insert_images(bucket, [path], index)

    def add_class(self, name: str, index: int | None = None, bucket: Bucket | None = None) -> Bucket:
        name = clean_class_name(name)
        if not name:
            raise ValueError(QT_TRANSLATE_NOOP("engine", "a class needs a name"))
        if self.class_named(name) is not None and (bucket is None or self.class_named(name) is not bucket):
            raise ValueError(QT_TRANSLATE_NOOP("engine", "there is already a class called “{0}”").format(name))
        bucket = Bucket(name) if bucket is None else bucket  # an empty Bucket is falsy
        bucket.name = name
        index = len(self.classes) if index is None else max(0, min(index, len(self.classes)))
        self.classes.insert(index, bucket)
        self._emit(ClassAdded(bucket, index))
        return bucket

    def remove_class(self, bucket: Bucket) -> int:
        index = self.classes.index(bucket)
        del self.classes[index]
        self._emit(ClassRemoved(bucket, index))
        return index

    def rename_class(self, bucket: Bucket, name: str) -> None:
        name = clean_class_name(name)
        if not name:
            raise ValueError(QT_TRANSLATE_NOOP("engine", "a class needs a name"))
        other = self.class_named(name)
        if other is not None and other is not bucket:
            raise ValueError(QT_TRANSLATE_NOOP("engine", "there is already a class called “{0}”").format(name))
        old, bucket.name = bucket.name, name
        self._emit(ClassRenamed(bucket, old))

    # -- files --------------------------------------------------------------------------------
    def to_json(self, base: Path | None) -> dict[str, Any]:
        """The file contents; paths relative to ``base`` where possible (absolute otherwise)."""

        def rel(p: str) -> str:
            if base is None:
                return Path(p).as_posix()
            try:
                return Path(os.path.relpath(p, base)).as_posix()
            except ValueError:  # another drive on Windows
                return Path(p).as_posix()

        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "classes": [{"name": b.name, "images": [rel(p) for p in b.paths]} for b in self.classes],
            "test_images": [rel(p) for p in self.test_pool.paths],
            "settings": self.settings,
        }

    def save(self, file: str | os.PathLike[str], *, relative: bool = True, remember: bool = True) -> Path:
        """Write atomically; ``remember=False`` (autosave) keeps ``self.file`` unchanged."""
        target = Path(file).absolute()
        data = self.to_json(target.parent if relative else None)
        atomic_write_text(target, json_text.dumps(data, indent=1) + "\n")
        if remember:
            self.file = target
        return target

    def replace_with(self, other: "Project") -> None:
        """Take over ``other``'s contents, keeping this object (and its listeners)."""
        self.classes, self.test_pool = other.classes, other.test_pool
        self.settings, self.file = other.settings, other.file
        self._emit(ProjectReset())


def locate_in(missing: Iterable[str], folder: str | os.PathLike[str]) -> dict[str, str]:
    """Where missing photos are in ``folder`` (the folder they moved to, or the one above it):
    the same path below the missing photos' common folder, else the same folder name and file
    name. A bare file name is not enough ("0001.jpg" is in every camera folder): only files that
    exist, in a folder of the same name, are returned (old path -> new path)."""
    missing = list(missing)
    if not missing:
        return {}
    root = Path(folder)
    common = os.path.commonpath([os.path.dirname(p) for p in missing])
    found = {}
    for old in missing:
        parent = Path(old).parent.name
        candidates = [root / os.path.relpath(old, common), root / parent / Path(old).name]
        if root.name == parent:
            candidates.append(root / Path(old).name)
        for candidate in candidates:
            if candidate.is_file():
                found[old] = normalize_path(candidate)
                break
    return found


@dataclass
class LoadedProject:
    project: Project
    missing: list[str]  # images named in the file that are not on disk (kept in the project)


def _text_list(value: Any, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise ProjectError(QT_TRANSLATE_NOOP("engine", "{0} is not a list of file names").format(what))
    return value


def check_project_data(data: Any, name: str) -> dict[str, Any]:
    """The parsed JSON of a project (or autosave) checked field by field, or ``ProjectError`` saying
    what is wrong: a hand-edited or damaged file must never get further than this."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ProjectError(QT_TRANSLATE_NOOP("engine", "{0} is not a Fewshot Studio project.").format(name))
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProjectError(QT_TRANSLATE_NOOP("engine", "{0} is damaged: its version {1} is not a whole number.").format(
            name, repr(version)))
    if version > FORMAT_VERSION:
        raise ProjectError(QT_TRANSLATE_NOOP("engine", "{0} was made by a newer Fewshot Studio; please update the app.").format(name))
    try:
        classes = data.get("classes", [])
        if not isinstance(classes, list):
            raise ProjectError(QT_TRANSLATE_NOOP("engine", "its classes are not a list"))
        for n, entry in enumerate(classes, 1):
            if not isinstance(entry, dict) or not isinstance(entry.get("name", ""), str):
                raise ProjectError(QT_TRANSLATE_NOOP("engine", "class {0} has no name").format(n))
            _text_list(entry.get("images", []), QT_TRANSLATE_NOOP("engine", "the images of class {0}").format(n))
        _text_list(data.get("test_images", []), QT_TRANSLATE_NOOP("engine", "the test images"))
        if not isinstance(data.get("settings") or {}, dict):
            raise ProjectError(QT_TRANSLATE_NOOP("engine", "its settings are not a table"))
    except ProjectError as exc:
        raise ProjectError(QT_TRANSLATE_NOOP("engine", "{0} is damaged: {1}.").format(name, message_of(exc))) from None
    return data


def read_project_json(path: Path) -> dict[str, Any]:
    """A project file's validated JSON; every way it can fail (a pipe, a huge or nested file,
    bad UTF-8, wrong types) is a ``ProjectError`` naming the file."""
    try:
        data = json.loads(read_regular(path, MAX_PROJECT_BYTES).decode("utf-8"))
    except FileNotFoundError:
        raise ProjectError(QT_TRANSLATE_NOOP("engine", "The project file {0} does not exist.").format(path)) from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else (
            QT_TRANSLATE_NOOP("engine", "nested too deeply") if isinstance(exc, RecursionError) else str(exc))
        raise ProjectError(QT_TRANSLATE_NOOP("engine", "{0} is not a readable Fewshot Studio project ({1}).").format(
            path.name, reason)) from None
    return check_project_data(data, path.name)


def load_project(file: str | os.PathLike[str]) -> LoadedProject:
    path = Path(file).absolute()
    data = read_project_json(path)
    base = path.parent

    def resolve(p: str) -> str:
        return normalize_path(base / Path(p))

    project = Project()
    seen: set[str] = set()

    def fresh(paths: Iterable[str]) -> list[str]:
        out = []
        for p in paths:
            p = resolve(p)
            if p not in seen:  # a hand-edited file may list an image twice
                seen.add(p)
                out.append(p)
        return out

    for entry in data.get("classes", []):
        name = clean_class_name(entry.get("name", "")) or project.unique_class_name()
        if project.class_named(name) is not None:
            name = project.unique_class_name(name)
        project.classes.append(Bucket(name, fresh(entry.get("images", []))))
    project.test_pool.paths = fresh(data.get("test_images", []))
    project.settings = dict(data.get("settings") or {})
    project.file = path
    missing = [p for b in project.buckets for p in b.paths if not os.path.isfile(p)]
    return LoadedProject(project, missing)
