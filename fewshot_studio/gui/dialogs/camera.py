"""Webcam capture: hold the button to take a burst of photos into a class (as in Teachable
Machine), or take one photo to try.

Qt Multimedia is optional (it ships in pyside6-addons, not in pyside6-essentials): when it cannot
be loaded, or there is no camera, the dialog says so plainly and nothing else changes. The camera
sits behind ``FrameSource`` (frames in as ``QImage``), the boundary a test replaces with a fake
source. Frames are only kept in memory while the button is held; writing them as JPEGs runs on a
pool thread, and the files then go through the same checked import as a drop.
"""
from __future__ import annotations

import time
import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

BURST_MS = 200  # one photo every 0.2 s while the button is held
MAX_BURST = 60


class FrameSource(QObject):
    """Where frames come from: ``frameReady(QImage)`` after ``start()``, until ``stop()``."""

    frameReady = Signal(QImage)

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


def camera_problem() -> str | None:
    """Why there is no webcam here, in a sentence for the user; None when there is one."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError as exc:
        return QCoreApplication.translate(
            "CameraDialog", "The webcam needs Qt Multimedia, which could not be loaded on this computer (install "
            "pyside6-addons, or the system's multimedia libraries: {0}).").format(exc)
    if not QMediaDevices.videoInputs():
        return QCoreApplication.translate("CameraDialog", "No camera was found. Connect a webcam and open this again.")
    return None


class QtCameraSource(FrameSource):
    """The default camera through Qt Multimedia (imported only when a camera is used)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoSink

        self.camera = QCamera(self)
        self.session = QMediaCaptureSession(self)
        self.sink = QVideoSink(self)
        self.session.setCamera(self.camera)
        self.session.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(lambda frame: self.frameReady.emit(frame.toImage()))

    def start(self) -> None:
        self.camera.start()

    def stop(self) -> None:
        self.camera.stop()


class _Saver(QRunnable):
    """Writes the burst to disk off the GUI thread, then reports the files through ``relay``."""

    def __init__(self, images: list[QImage], folder: Path, relay: "_Relay"):
        super().__init__()
        self.images, self.folder, self.relay = images, folder, relay

    def run(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        files = []
        for i, image in enumerate(self.images):
            path = self.folder / f"webcam-{stamp}-{uuid.uuid4().hex[:4]}-{i:03d}.jpg"
            if image.save(str(path), "JPG", 92):
                files.append(str(path))
        self.relay.saved.emit(files)


class _Relay(QObject):
    saved = Signal(list)


class CameraDialog(QDialog):
    """``captured(list[str])`` with the saved photos. ``single``: one click takes one photo."""

    captured = Signal(list)

    def __init__(self, target: str = "", single: bool = False, source: FrameSource | None = None,
                 folder: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        from fewshot_studio.core.util.locations import data_dir

        self.setWindowTitle(self.tr("Webcam"))
        self.single, self.folder = single, folder or data_dir() / "webcam"
        self.latest: QImage | None = None
        self.burst: list[QImage] = []
        self.frames_seen = 0
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(480, 360)
        self.preview.setStyleSheet("background: #1d2330; color: #ffffff; border-radius: 6px;")
        self.status = QLabel()
        self.status.setWordWrap(True)
        label = self.tr("Take a photo") if single else self.tr("Hold to take photos")
        self.shoot = QPushButton(label)
        self.shoot.setStyleSheet("font-size: 12pt; padding: 8px 18px; font-weight: 600;")
        if single:
            self.shoot.clicked.connect(self._take_one)
        else:
            self.shoot.setToolTip(self.tr("Keep the button pressed: a photo every 0.2 s goes into “{0}”").format(target))
            self.shoot.pressed.connect(self._start_burst)
            self.shoot.released.connect(self._end_burst)
        self.timer = QTimer(self, interval=BURST_MS)
        self.timer.timeout.connect(self._keep_frame)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.shoot)
        layout.addWidget(buttons)
        self._relay = _Relay(self)
        self._relay.saved.connect(self._saved, Qt.ConnectionType.QueuedConnection)
        self._pool = QThreadPool(self)
        self.source = source
        problem = None if source is not None else camera_problem()
        if problem is None and self.source is None:
            self.source = QtCameraSource(self)
        if problem is not None:
            self.preview.setText(self.tr("No webcam"))
            self.status.setText(problem)
            self.shoot.setEnabled(False)
            return
        self.status.setText(self.tr("Starting the camera…"))
        self.shoot.setEnabled(False)
        self.source.frameReady.connect(self._frame)
        self.source.start()

    def _frame(self, image: QImage) -> None:
        if image.isNull():
            return
        self.latest = image
        self.frames_seen += 1
        if self.frames_seen == 1:
            self.shoot.setEnabled(True)
            self.status.setText(self.tr("Point the camera at an example, then take photos."))
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio))

    def _start_burst(self) -> None:
        self.burst = []
        self._keep_frame()
        self.timer.start()

    def _keep_frame(self) -> None:
        if self.latest is not None and len(self.burst) < MAX_BURST:
            self.burst.append(self.latest.copy())
            self.status.setText((self.tr("{0} photos taken…") if len(self.burst) != 1 else self.tr("1 photo taken…")).format(len(self.burst)))

    def _end_burst(self) -> None:
        self.timer.stop()
        if self.burst:
            self._save(self.burst)
        self.burst = []

    def _take_one(self) -> None:
        if self.latest is not None:
            self._save([self.latest.copy()])

    def _save(self, images: list[QImage]) -> None:
        self.status.setText((self.tr("Saving {0} photos…") if len(images) != 1 else self.tr("Saving 1 photo…")).format(len(images)))
        self._pool.start(_Saver(images, self.folder, self._relay))

    def _saved(self, files: list[str]) -> None:
        self.status.setText((self.tr("{0} photos saved.") if len(files) != 1 else self.tr("1 photo saved.")).format(len(files)))
        if files:
            self.captured.emit(files)

    def done(self, result: int) -> None:
        self.timer.stop()
        if self.source is not None:
            self.source.stop()
        self._pool.waitForDone(10_000)
        super().done(result)
