"""Thumbnails decoded off the GUI thread, cached, and handed to views as pixmaps.

Qt's mandelbrot rule: worker threads build ``QImage``s (through the app's one image loader, so
EXIF rotation and odd modes look the same as in training); only the GUI thread turns them into
``QPixmap``s. Views ask lazily (``pixmap(path)`` from ``data()``), so only visible items are ever
decoded; newer requests run first, so scrolling a 2,000-image bucket fills what is on screen.
Finished thumbnails are announced in batches so a view repaints once per batch, not per image.
"""
from __future__ import annotations

from collections import OrderedDict
from itertools import count

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from fewshot_studio.gui.plain_words import engine_text

THUMB_SIZE = 88
CACHE_LIMIT = 2500  # pixmaps kept (about 30 KiB each at 88 px: at most ~75 MiB)


def decode_thumbnail(path: str, size: int = THUMB_SIZE) -> QImage:
    """Runs in a worker thread: the image scaled to fit ``size`` × ``size`` (raises ImageLoadError)."""
    from PIL import Image

    from fewshot_studio.core.imaging.images import load_image

    img = load_image(path)
    # Tiny images (28 px Fashion-MNIST) are enlarged with sharp pixels; photos shrink smoothly.
    scale = size / max(img.size)
    resample = Image.NEAREST if scale >= 2 else Image.BILINEAR
    w, h = max(1, round(img.width * scale)), max(1, round(img.height * scale))
    img = img.resize((w, h), resample)
    data = img.tobytes()
    return QImage(data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()  # copy owns the bytes


class _Relay(QObject):
    done = Signal(str, QImage, str)  # path, image (null on failure), error reason


class _DecodeJob(QRunnable):
    def __init__(self, path: str, relay: _Relay, size: int):
        super().__init__()
        self.path, self.relay, self.size = path, relay, size

    def run(self) -> None:
        try:
            image, reason = decode_thumbnail(self.path, self.size), ""
        except Exception as exc:  # noqa: BLE001 - any failure becomes a "broken" tile
            image, reason = QImage(), engine_text(getattr(exc, "reason", exc))
        try:
            self.relay.done.emit(self.path, image, reason)
        except RuntimeError:  # the window closed while this image was decoding
            pass


def placeholder(size: int = THUMB_SIZE, broken: bool = False) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(QColor("#eceff3") if not broken else QColor("#fbe3e3"))
    if broken:
        p = QPainter(pix)
        p.setPen(QColor("#b3261e"))
        p.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, "can't\nopen")
        p.end()
    return pix


class ThumbnailLoader(QObject):
    """One per window; every view shares it (and its cache)."""

    thumbnailsReady = Signal(object)  # set[str] of paths whose pixmap is now available

    def __init__(self, parent: QObject | None = None, size: int = THUMB_SIZE, threads: int = 2):
        super().__init__(parent)
        self.size = size
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._relay = _Relay()
        self._relay.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._cache: OrderedDict[str, QPixmap] = OrderedDict()
        self._errors: dict[str, str] = {}
        self._pending: set[str] = set()
        self._ready: set[str] = set()
        self._priority = count()
        self._flush = QTimer(self, singleShot=True, interval=30)
        self._flush.timeout.connect(self._announce)
        self._loading = placeholder(size)
        self._broken = placeholder(size, broken=True)

    def pixmap(self, path: str) -> QPixmap:
        """The thumbnail if decoded, else a placeholder (and the decode is queued)."""
        pix = self._cache.get(path)
        if pix is not None:
            self._cache.move_to_end(path)
            return pix
        if path in self._errors:
            return self._broken
        self.request(path)
        return self._loading

    def error(self, path: str) -> str | None:
        return self._errors.get(path)

    def has(self, path: str) -> bool:
        return path in self._cache or path in self._errors

    def request(self, path: str) -> None:
        if path in self._pending or path in self._cache:
            return
        self._pending.add(path)
        # Later requests (what the user scrolled to last) get a higher priority.
        self._pool.start(_DecodeJob(path, self._relay, self.size), min(next(self._priority), 2**30))

    def forget(self, path: str) -> None:
        self._cache.pop(path, None)
        self._errors.pop(path, None)

    def _on_done(self, path: str, image: QImage, reason: str) -> None:
        self._pending.discard(path)
        if image.isNull():
            self._errors[path] = reason or "cannot be opened"
        else:
            self._cache[path] = QPixmap.fromImage(image)
            while len(self._cache) > CACHE_LIMIT:
                self._cache.popitem(last=False)
        self._ready.add(path)
        if not self._flush.isActive():
            self._flush.start()

    def _announce(self) -> None:
        ready, self._ready = self._ready, set()
        if ready:
            self.thumbnailsReady.emit(ready)

    def wait_idle(self, msecs: int = 10_000) -> bool:
        """For tests and shutdown: wait for queued decodes to finish."""
        return self._pool.waitForDone(msecs)
