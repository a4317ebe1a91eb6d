"""Webcam capture, with a fake video source at the boundary (real photos as frames): a held
button takes a burst into a class; one photo can be tried; no camera is said plainly."""
from __future__ import annotations

import os

from classifier_helpers import train_small, unseen_photos
from gui_helpers import drop_files
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage

from fewshot_studio.gui.dialogs.camera import CameraDialog, FrameSource, camera_problem


class FakeCamera(FrameSource):
    """Plays real photos as video frames, every 30 ms, as a webcam driver would."""

    def __init__(self, photos):
        super().__init__()
        self.frames = [QImage(str(p)) for p in photos]
        self.timer = QTimer(self, interval=30)
        self.timer.timeout.connect(self._next)
        self.n = 0
        self.running = False

    def _next(self) -> None:
        self.frameReady.emit(self.frames[self.n % len(self.frames)])
        self.n += 1

    def start(self) -> None:
        self.running = True
        self.timer.start()

    def stop(self) -> None:
        self.running = False
        self.timer.stop()


def test_holding_the_button_takes_a_burst_into_the_class(qtbot, window, pictures):
    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent])
    bag = window.project.class_named("bag")
    before = len(bag.paths)
    fake = FakeCamera(pictures["dress"][:3])
    window.open_webcam(bag, source=fake)
    dialog = window.camera
    qtbot.waitUntil(dialog.shoot.isEnabled, timeout=5_000)  # enabled once the first frame is in
    qtbot.mousePress(dialog.shoot, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialog.burst) >= 3, timeout=10_000)
    with qtbot.waitSignal(window.editor.importFinished, timeout=20_000):
        qtbot.mouseRelease(dialog.shoot, Qt.MouseButton.LeftButton)
    added = bag.paths[before:]
    assert len(added) >= 3 and all(os.path.isfile(p) and QImage(p).width() > 0 for p in added)
    dialog.reject()
    assert not fake.running  # closing stops the camera


def test_one_webcam_photo_can_be_tried_without_adding_it(qtbot, shared_data):
    from fewshot_studio.gui.dialogs.try_photo import TryPhotoDialog

    dialog = TryPhotoDialog(train_small(shared_data).classifier)
    qtbot.addWidget(dialog)
    dialog.use_webcam(source=FakeCamera(unseen_photos(shared_data, 1)))
    qtbot.waitUntil(dialog.camera.shoot.isEnabled, timeout=5_000)
    dialog.camera.shoot.click()
    qtbot.waitUntil(lambda: len(dialog.bars.rows) == 3, timeout=60_000)
    assert dialog.path.startswith(str(dialog.scratch)) and dialog.bars.rows[0][0] == "bluebell"
    dialog.reject()


def test_without_a_camera_the_control_says_so(qtbot):
    problem = camera_problem()
    dialog = CameraDialog("bag")
    qtbot.addWidget(dialog)
    if problem is None:  # a machine with a real camera: nothing to say
        assert dialog.status.text() != "" and dialog.source is not None
    else:
        assert dialog.status.text() == problem and not dialog.shoot.isEnabled()
        assert "Qt Multimedia" in problem or "No camera" in problem
    dialog.reject()
