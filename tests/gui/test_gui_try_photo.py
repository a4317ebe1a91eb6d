"""Try a photo: drop, paste or open one photo and see the bars at once, without adding it; and the
Getting started page."""
from __future__ import annotations

import pytest
from classifier_helpers import train_small, unseen_photos
from gui_helpers import drop_on, file_mime
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from fewshot_studio.gui.dialogs.try_photo import TryPhotoDialog


@pytest.fixture(scope="module")
def classifier(shared_data):
    return train_small(shared_data).classifier


@pytest.fixture
def try_dialog(qtbot, classifier):
    dialog = TryPhotoDialog(classifier)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    dialog.reject()


def test_a_dropped_photo_gets_its_bars_at_once(qtbot, try_dialog, shared_data):
    photo = unseen_photos(shared_data, 1)[0]  # a bluebell the model never saw
    assert drop_on(try_dialog, file_mime([photo]))
    qtbot.waitUntil(lambda: len(try_dialog.bars.rows) == 3, timeout=60_000)
    assert try_dialog.bars.rows[0][0] == "bluebell" and not try_dialog.picture.pixmap().isNull()


def test_a_photo_of_something_never_taught_says_none_of_these(qtbot, try_dialog, shared_data):
    """The normal case for Try a photo: a garment shown to a flower model. The verdict above the
    bars says "None of these" (the bars still rank the flowers), and a 28 px photo is enlarged."""
    garment = sorted((shared_data / "fashion_mnist_100" / "bag").glob("*.png"))[0]
    try_dialog.try_file(str(garment))
    qtbot.waitUntil(lambda: len(try_dialog.bars.rows) == 3, timeout=60_000)
    assert try_dialog.bars.verdict.startswith("None of these"), try_dialog.bars.verdict
    assert "familiar" in try_dialog.bars.message.toolTip()
    assert min(try_dialog.picture.pixmap().width(), try_dialog.picture.pixmap().height()) >= 280
    flower = unseen_photos(shared_data, 1, start=3)[0]  # a bluebell it never saw, but knows the kind of
    try_dialog.try_file(str(flower))
    qtbot.waitUntil(lambda: bool(try_dialog.bars.verdict) and "None" not in try_dialog.bars.verdict, timeout=60_000)
    assert "bluebell" in try_dialog.bars.verdict


def test_pasted_image_data_is_tried_and_its_scratch_file_removed(qtbot, classifier, shared_data):
    photo = unseen_photos(shared_data, 1, start=21)[0]
    dialog = TryPhotoDialog(classifier)
    qtbot.addWidget(dialog)
    QApplication.clipboard().setImage(QImage(str(photo)))
    dialog.paste()
    qtbot.waitUntil(lambda: len(dialog.bars.rows) == 3, timeout=60_000)
    assert dialog.path.startswith(str(dialog.scratch))
    dialog.reject()
    assert not dialog.scratch.exists()


def test_open_a_photo_from_the_window_without_adding_it(qtbot, window, classifier, shared_data, monkeypatch):
    photo = str(unseen_photos(shared_data, 1, start=22)[0])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (photo, ""))
    window.try_action.trigger()
    dialog = window.try_dialog
    assert "No model yet" in dialog.bars.message.text()  # the window has not learned anything
    dialog.classifier = classifier  # as if it had: the same dialog, the model it would be given
    dialog.open_button.click()
    qtbot.waitUntil(lambda: len(dialog.bars.rows) == 3, timeout=60_000)
    assert window.project.image_count() == 0 and not window.editor.undo_stack.canUndo()
    dialog.reject()


def test_getting_started_shows_three_steps_with_pictures(qtbot, window):
    window.help_action.trigger()
    page = window.help_dialog
    qtbot.waitExposed(page)
    assert len(page.pictures) == 3 and all(not p.pixmap().isNull() for p in page.pictures)
    page.reject()


@pytest.mark.parametrize("content", [b"", b"not an image at all", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40])
def test_a_file_that_is_not_a_photo_is_said_so_and_nothing_breaks(qtbot, try_dialog, tmp_path, content, shared_data):
    broken = tmp_path / "photo.png"
    broken.write_bytes(content)
    try_dialog.try_file(str(broken))
    assert "cannot be shown" in try_dialog.picture.text() and try_dialog.bars.rows == []
    good = unseen_photos(shared_data, 1)[0]  # and the next photo is tried as usual
    try_dialog.try_file(str(good))
    qtbot.waitUntil(lambda: len(try_dialog.bars.rows) == 3, timeout=60_000)
