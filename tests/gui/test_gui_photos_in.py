"""Getting photos in and looking at them: Add folder, dialogs that start in Pictures and remember,
the pinned "+ New class" zone, autoscroll while dragging, Ctrl+V, the large view with its bars,
the right-click menu and Edit ▸ Delete."""
from __future__ import annotations

import os

import pytest
from classifier_helpers import train_small, unseen_photos
from gui_helpers import drop_files
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from fewshot_studio.gui.buckets.drag_data import make_mime
from fewshot_studio.gui.dialogs import last_folder


@pytest.fixture
def filled(qtbot, window, pictures):
    drop_files(qtbot, window, window.buckets.new_class_zone, [p[0].parent for p in pictures.values()])
    return window


def test_add_folder_starts_in_pictures_then_remembers_the_last_folder(qtbot, filled, pictures, tmp_path, monkeypatch):
    monkeypatch.setenv("FEWSHOT_CONFIG_DIR", str(tmp_path / "fresh-config"))  # nothing remembered yet
    window = filled
    bag = window.project.class_named("bag")
    asked = []
    extra = tmp_path / "more"
    extra.mkdir()
    for p in pictures["dress"][:3]:
        (extra / p.name).write_bytes(p.read_bytes())
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda _w, _t, start: (asked.append(start) or str(extra)))
    widget = window.buckets.widget_for(bag)
    before = len(bag.paths)
    with qtbot.waitSignal(window.editor.importFinished, timeout=20_000):
        widget.folder_button.click()
    assert asked == [last_folder.pictures_folder()]
    assert len(bag.paths) == before + 3
    files = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda _w, _t, start, _f: (files.append(start) or [], ""))
    widget.add_button.click()
    assert files == [str(extra)]  # the folder picked last time


def test_new_class_zone_stays_in_view_with_many_classes(qtbot, filled):
    window = filled
    for i in range(8):
        window.editor.new_class(f"extra {i}")
    zone = window.buckets.new_class_zone
    qtbot.waitUntil(lambda: not zone.visibleRegion().isEmpty())
    assert not window.buckets.scroll.widget().isAncestorOf(zone)


def test_dragging_near_the_bottom_scrolls_the_column(qtbot, filled):
    window = filled
    for i in range(6):
        window.editor.new_class(f"extra {i}")
    bar = window.buckets.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    source = window.project.classes[0]
    mime = make_mime([source.paths[0]], source.uid)
    viewport = window.buckets.scroll.viewport()
    edge_y = viewport.height() - 10  # 10 px above the bottom edge of the visible column
    # the grid that lies under that point (it runs past the bottom edge)
    grid = next(w.view.viewport() for w in window.buckets.widgets.values()
                if w.view.viewport().mapTo(viewport, w.view.viewport().rect().topLeft()).y() < edge_y
                < w.view.viewport().mapTo(viewport, w.view.viewport().rect().bottomLeft()).y())
    pos = QPointF(grid.mapFrom(viewport, viewport.rect().topLeft()).x() + 20, grid.mapFrom(viewport, viewport.rect().topLeft()).y() + edge_y)
    args = (pos, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(grid, QDragEnterEvent(*args))
    QApplication.sendEvent(grid, QDragMoveEvent(*args))
    assert window.buckets.autoscroll.direction == 1, "a drag near the bottom edge starts scrolling down"
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=5_000)
    window.buckets.autoscroll.hover(viewport.mapToGlobal(viewport.rect().center()))
    assert not window.buckets.autoscroll.timer.isActive()


def test_ctrl_v_pastes_copied_files_into_the_selected_class(qtbot, filled, pictures, tmp_path):
    window = filled
    dress = window.project.class_named("dress")
    window.buckets.widget_for(dress).view.focused.emit()
    copies = []
    for p in pictures["bag"][:2]:
        copies.append(tmp_path / f"copy-{p.name}")
        copies[-1].write_bytes(p.read_bytes() + b"")  # same picture, new file: flagged, still added
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in copies])
    QApplication.clipboard().setMimeData(mime)
    with qtbot.waitSignal(window.editor.importFinished, timeout=20_000):
        window.paste_action.trigger()
    assert all(os.path.normpath(str(p)) in dress.paths for p in copies)


def test_ctrl_v_pastes_image_data_as_a_new_file_in_the_app_folder(qtbot, filled, pictures):
    from fewshot_studio.core.util.locations import data_dir

    window = filled
    bag = window.project.class_named("bag")
    window.buckets.widget_for(bag).view.focused.emit()
    QApplication.clipboard().setImage(QImage(str(pictures["dress"][0])))
    before = len(bag.paths)
    with qtbot.waitSignal(window.editor.importFinished, timeout=20_000):
        window.paste_action.trigger()
    assert len(bag.paths) == before + 1
    assert bag.paths[-1].startswith(str(data_dir() / "pasted")) and QImage(bag.paths[-1]).width() > 0


def test_space_opens_a_photo_large_with_its_prediction_bars(qtbot, filled):
    from fewshot_studio.gui.preview import sample_snapshot

    window = filled
    window.live.set_result(sample_snapshot(window.project))
    pool_path = window.project.test_pool.paths[0] if window.project.test_pool.paths else None
    bucket = window.project.classes[0]
    path = next(r.path for r in window.live.snapshot.heldout if r.true == bucket.name) if pool_path is None else pool_path
    owner = window.project.bucket_of(path)
    view = window.buckets.widget_for(owner).view
    view.setCurrentIndex(view.model().index(owner.paths.index(path)))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: getattr(window, "viewer", None) is not None and window.viewer.isVisible())
    bars = window.viewer.bars
    assert len(bars.rows) == len(window.project.classes)
    assert bars.rows[0][1] == max(window.live.row(path).probs)
    assert not window.viewer.picture.pixmap().isNull()
    window.viewer.reject()


def test_the_large_view_asks_the_model_about_a_photo_without_a_result(qtbot, shared_data):
    from fewshot_studio.gui.dialogs.photo_viewer import PhotoViewer

    classifier = train_small(shared_data).classifier
    photo = str(unseen_photos(shared_data, 1)[0])
    viewer = PhotoViewer(photo, classifier=classifier)
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: len(viewer.bars.rows) == 3, timeout=60_000)
    assert viewer.bars.rows[0][0] == "bluebell"  # unseen_photos starts with a bluebell
    viewer.reject()


def test_the_right_click_menu_moves_removes_and_shows_in_folder(qtbot, filled, monkeypatch):
    window = filled
    bag, dress = window.project.class_named("bag"), window.project.class_named("dress")
    widget = window.buckets.widget_for(bag)
    photo = bag.paths[0]
    menu = widget.build_photo_menu([photo])
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[0].startswith("Open large") and texts[-1] == "Show in folder"
    assert any(t.startswith("Remove this photo from the project") for t in texts)
    move = next(a.menu() for a in menu.actions() if a.menu() is not None)
    next(a for a in move.actions() if a.text() == "dress").trigger()
    assert photo in dress.paths and photo not in bag.paths
    menu = window.buckets.widget_for(dress).build_photo_menu([photo])
    next(a for a in menu.actions() if a.text().startswith("Remove")).trigger()
    assert photo not in dress.paths
    window.editor.undo_stack.undo()
    assert photo in dress.paths
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # no file manager here
    next(a for a in menu.actions() if a.text() == "Show in folder").trigger()
    assert "No file manager" in window.notices.notices[-1].text and os.path.dirname(photo) in window.notices.notices[-1].text


def test_edit_delete_removes_the_selected_photos_and_undo_brings_them_back(qtbot, filled):
    window = filled
    bag = window.project.class_named("bag")
    view = window.buckets.widget_for(bag).view
    view.focused.emit()
    view.selectionModel().select(view.model().index(0), view.selectionModel().SelectionFlag.Select)
    view.selectionModel().select(view.model().index(1), view.selectionModel().SelectionFlag.Select)
    gone = bag.paths[:2]
    window.delete_action.trigger()
    assert not set(gone) & set(bag.paths)
    window.undo_button.trigger()
    assert bag.paths[:2] == gone
