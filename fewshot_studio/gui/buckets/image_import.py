"""Checking dropped files before they join the project, off the GUI thread.

A drop can hold thousands of files, folders, documents and broken downloads. A thread-pool job
expands folders, checks that each file opens as an image (header only: a full decode of 1,000
photos would take a minute; damaged pixels are caught later by thumbnails and training), and
hashes contents to flag copies of images already in the project. The window then adds the good
files in one undoable step and lists the rest in one non-blocking notice.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import count

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from fewshot_studio.core.project import normalize_path
from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP  # the engine's reasons: translated with its own

_hashes: dict[tuple[str, int, int], str] = {}  # (path, mtime, size) -> content hash, shared by jobs


@dataclass
class ImportRequest:
    raw: list[str]  # what was dropped or picked: files and folders
    target: object  # what the window wants done (a bucket uid, "new-class", ...), passed through
    existing: dict[str, str]  # path already in the project -> its bucket name
    request_id: int = 0


@dataclass
class ImportReport:
    request: ImportRequest
    good: list[str] = field(default_factory=list)
    groups: dict[str, list[str]] = field(default_factory=dict)  # dropped folder name -> its good images
    bad: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    already: list[tuple[str, str]] = field(default_factory=list)  # (path, bucket name)
    copies: list[tuple[str, str]] = field(default_factory=list)  # (new path, identical project image)

    def problems(self) -> int:
        return len(self.bad) + len(self.already) + len(self.copies)


def _content_hash(path: str) -> str | None:
    from fewshot_studio.core.features.embedding_cache import content_hash

    try:
        st = os.stat(path)
        key = (path, st.st_mtime_ns, st.st_size)
        if key not in _hashes:
            _hashes[key] = content_hash(path)
        return _hashes[key]
    except OSError:
        return None


def _check(path: str) -> str | None:
    """Why ``path`` cannot be used, or None if it opens as an image."""
    from PIL import Image, UnidentifiedImageError

    from fewshot_studio.core.imaging.images import MAX_IMAGE_BYTES, ImageLoadError, load_image, unreadable_reason
    from fewshot_studio.core.util.regular_files import open_regular

    try:  # a pipe or device is refused here, before anything would block reading it
        with open_regular(path, MAX_IMAGE_BYTES) as fh:
            size = os.fstat(fh.fileno()).st_size
    except OSError as exc:
        return unreadable_reason(exc)
    if size == 0:
        return QT_TRANSLATE_NOOP("engine", "the file is empty (0 bytes)")
    if os.path.splitext(path)[1].lower() in (".heic", ".heif"):
        try:
            load_image(path)  # the one loader knows whether HEIF support is installed
            return None
        except ImageLoadError as exc:
            return exc.reason
    try:
        with open_regular(path, MAX_IMAGE_BYTES) as fh, Image.open(fh) as img:
            img.size  # noqa: B018 - the header parsed
        return None
    except UnidentifiedImageError:
        return QT_TRANSLATE_NOOP("engine", "not an image, or an image format that is not supported")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        return QT_TRANSLATE_NOOP("engine", "cannot be opened ({0})").format(exc)


def run_import(req: ImportRequest) -> ImportReport:
    """The whole check, as a plain function (the job below runs it on a pool thread)."""
    from fewshot_studio.core.imaging.images import ImageLoadError, iter_images

    report = ImportReport(req)
    candidates: list[tuple[str, str | None]] = []  # (path, dropped folder name or None)
    for raw in req.raw:
        raw = normalize_path(raw)
        if os.path.isdir(raw):
            try:
                name = os.path.basename(raw.rstrip(os.sep)) or raw
                candidates += [(normalize_path(p), name) for p in iter_images(raw)]
            except ImageLoadError as exc:
                report.bad.append((raw, exc.reason))
        else:
            candidates.append((raw, None))
    seen: set[str] = set()
    unique = []
    for path, group in candidates:
        if path in seen:
            continue
        seen.add(path)
        if path in req.existing:
            report.already.append((path, req.existing[path]))
        else:
            unique.append((path, group))
    with ThreadPoolExecutor(max_workers=4) as pool:
        reasons = list(pool.map(_check, [p for p, _ in unique]))
        ok = [(p, g) for (p, g), why in zip(unique, reasons) if why is None]
        report.bad += [(p, why) for (p, _), why in zip(unique, reasons) if why is not None]
        new_hashes = list(pool.map(_content_hash, [p for p, _ in ok]))
        known = {h: p for p, h in zip(req.existing, pool.map(_content_hash, list(req.existing))) if h}
    for (path, group), h in zip(ok, new_hashes):
        if h is not None and h in known:
            report.copies.append((path, known[h]))
        elif h is not None:
            known[h] = path
        report.good.append(path)
        report.groups.setdefault(group or "", []).append(path)
    return report


class _Relay(QObject):
    done = Signal(object)


class _ImportJob(QRunnable):
    def __init__(self, req: ImportRequest, relay: _Relay):
        super().__init__()
        self.req, self.relay = req, relay

    def run(self) -> None:
        try:
            report = run_import(self.req)
        except Exception as exc:  # noqa: BLE001 - reported as one bad entry, never a crash
            report = ImportReport(self.req, bad=[(", ".join(self.req.raw), QT_TRANSLATE_NOOP("engine", "cannot be read ({0})").format(exc))])
        try:
            self.relay.done.emit(report)
        except RuntimeError:  # the window closed meanwhile
            pass


class ImageImporter(QObject):
    """Starts checks on a pool thread; ``finished(ImportReport)`` arrives in the GUI thread."""

    finished = Signal(object)
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one drop at a time, in order
        self._relay = _Relay()
        self._relay.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._ids = count(1)
        self._pending = 0

    def start(self, raw: list[str], target: object, existing: dict[str, str]) -> int:
        req = ImportRequest(list(raw), target, dict(existing), next(self._ids))
        self._pending += 1
        self.busyChanged.emit(True)
        self._pool.start(_ImportJob(req, self._relay))
        return req.request_id

    def _on_done(self, report: ImportReport) -> None:
        self._pending -= 1
        if not self._pending:
            self.busyChanged.emit(False)
        self.finished.emit(report)

    def wait_idle(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)
