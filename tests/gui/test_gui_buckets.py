"""Buckets driven through the real widgets: drops, moves, delete, rename, merge, undo/redo."""
from __future__ import annotations

import os
import shutil

from gui_helpers import drop_files, drop_on
from PySide6.QtCore import QItemSelectionModel, Qt

from fewshot_studio.gui.buckets.drag_data import make_mime


def names(window):
    return [b.name for b in window.project.classes]


def test_folder_dropped_on_new_class_becomes_a_class_named_after_it(qtbot, window, pictures):
    folder = pictures["bag"][0].parent
    assert window.pages.currentIndex() == 0  # empty state first
    report = drop_files(qtbot, window, window.buckets.new_class_zone, [folder])
    assert not report.bad
    assert names(window) == ["bag"]
    assert window.project.classes[0].paths == [os.path.abspath(p) for p in pictures["bag"]]
    assert window.pages.currentIndex() == 1
    widget = window.buckets.widget_for(window.project.classes[0])
    assert widget.model.rowCount() == len(pictures["bag"])
    assert widget.count_label.text() == f"{len(pictures['bag'])} photos"
    window.editor.undo_stack.undo()
    assert names(window) == []
    window.editor.undo_stack.redo()
    assert names(window) == ["bag"] and window.buckets.widget_for(window.project.classes[0]).model.rowCount() == 8


def test_drop_on_empty_state_and_on_a_bucket_and_on_the_test_pool(qtbot, window, pictures):
    drop_files(qtbot, window, window.empty, [pictures["bag"][0].parent, pictures["dress"][0].parent])
    assert sorted(names(window)) == ["bag", "dress"]
    bag = window.project.class_named("bag")
    # more files onto an existing bucket
    extra = pictures["coat"][:2]
    drop_files(qtbot, window, window.buckets.widget_for(bag).view, extra)
    assert bag.paths[-2:] == [os.path.abspath(p) for p in extra]
    drop_files(qtbot, window, window.buckets.test_pool_widget.view, pictures["coat"][2:5])
    assert len(window.project.test_pool) == 3
    assert window.buckets.test_pool_widget.model.rowCount() == 3
    assert "photos in" in window.status.counts_label.text() and "3 test photos" in window.status.counts_label.text()


def test_bad_files_are_skipped_and_listed_and_duplicates_flagged(qtbot, window, pictures, tmp_path):
    bag = window.editor.new_class("bag")
    drop_files(qtbot, window, window.buckets.widget_for(bag).view, pictures["bag"][:4])
    junk = tmp_path / "notes.txt"
    junk.write_text("not an image")
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0garbage")
    copy = tmp_path / "copy-of-bag.png"
    shutil.copyfile(pictures["bag"][0], copy)
    report = drop_files(qtbot, window, window.buckets.widget_for(bag).view,
                        [junk, empty, broken, copy, pictures["bag"][1], pictures["bag"][5]])
    assert {os.path.basename(p) for p, _ in report.bad} == {"notes.txt", "empty.png", "broken.jpg"}
    assert [os.path.basename(p) for p, _ in report.already] == [pictures["bag"][1].name]
    assert [os.path.basename(p) for p, _ in report.copies] == ["copy-of-bag.png"]
    assert len(bag.paths) == 6  # 4 + the copy (flagged, not refused) + a new one
    notice = window.notices.notices[-1]
    assert "3 files were skipped" in notice.text and "already in the project" in notice.text
    assert "identical" in notice.text and notice.isVisibleTo(window)
    assert any("empty" in line for line in notice.details.toPlainText().splitlines())


def test_drag_thumbnails_between_buckets_with_multi_select_and_undo(qtbot, window, pictures):
    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent, pictures["dress"][0].parent])
    bag, dress = window.project.class_named("bag"), window.project.class_named("dress")
    source = window.buckets.widget_for(bag).view
    sel = source.selectionModel()
    for row in (1, 3, 4):
        sel.select(source.model().index(row), QItemSelectionModel.SelectionFlag.Select)
    moving = source.selected_paths()
    mime = source.model().mimeData(sel.selectedIndexes())  # what the view's drag carries
    assert mime.hasUrls() and len(mime.urls()) == 3
    assert drop_on(window.buckets.widget_for(dress).view, mime)
    assert dress.paths[-3:] == moving and len(bag.paths) == 5
    assert window.buckets.widget_for(dress).model.rowCount() == 11
    window.editor.undo_stack.undo()
    assert len(dress.paths) == 8 and [bag.paths[i] for i in (1, 3, 4)] == moving  # back in place
    window.editor.undo_stack.redo()
    assert len(dress.paths) == 11
    # A drop onto "+ New class" moves the images into a new class.
    assert drop_on(window.buckets.new_class_zone, make_mime(moving, dress.uid))
    assert len(window.project.classes) == 3 and window.project.classes[-1].paths == moving


def test_delete_key_removes_from_project_never_from_disk(qtbot, window, pictures):
    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent])
    bag = window.project.classes[0]
    view = window.buckets.widget_for(bag).view
    view.setFocus()
    view.selectionModel().select(view.model().index(0), QItemSelectionModel.SelectionFlag.Select)
    view.selectionModel().select(view.model().index(2), QItemSelectionModel.SelectionFlag.Select)
    gone = view.selected_paths()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(bag.paths) == 6 and not set(gone) & set(bag.paths)
    assert all(os.path.isfile(p) for p in gone)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(bag.paths) == 8 and bag.paths[0] == gone[0]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(bag.paths) == 6


def test_rename_with_f2_and_double_click_rejects_duplicates(qtbot, window):
    bag = window.editor.new_class("bag")
    dress = window.editor.new_class("dress")
    widget = window.buckets.widget_for(bag)
    widget.view.setFocus()
    qtbot.keyClick(widget.view, Qt.Key.Key_F2)
    assert widget.name_stack.currentWidget() is widget.name_edit
    widget.name_edit.clear()
    qtbot.keyClicks(widget.name_edit, "Handbag")
    qtbot.keyClick(widget.name_edit, Qt.Key.Key_Return)
    assert bag.name == "Handbag" and widget.name_label.text() == "Handbag"
    other = window.buckets.widget_for(dress)
    qtbot.mouseDClick(other.name_label, Qt.MouseButton.LeftButton)
    assert other.name_stack.currentWidget() is other.name_edit
    other.name_edit.setText("handbag")
    qtbot.keyClick(other.name_edit, Qt.Key.Key_Return)
    assert dress.name == "dress"  # refused: the name is taken
    assert "already a class" in window.notices.notices[-1].text
    window.editor.undo_stack.undo()
    assert bag.name == "bag" and widget.name_label.text() == "bag"


def test_merge_and_delete_class_with_undo(qtbot, window, pictures):
    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent, pictures["dress"][0].parent])
    bag, dress = window.project.class_named("bag"), window.project.class_named("dress")
    dress_paths = list(dress.paths)
    window.editor.merge(dress, bag)
    assert names(window) == ["bag"] and bag.paths[-8:] == dress_paths
    assert window.buckets.widget_for(bag).count_label.text() == "16 photos"
    window.editor.undo_stack.undo()
    assert names(window) == ["bag", "dress"] and dress.paths == dress_paths and len(bag.paths) == 8
    assert window.buckets.widget_for(dress).model.rowCount() == 8  # a fresh widget shows it again
    window.editor.delete_class(bag)
    assert names(window) == ["dress"] and window.buckets.widget_for(bag) is None
    assert all(os.path.isfile(p) for p in pictures["bag"])
    window.editor.undo_stack.undo()
    assert names(window) == ["bag", "dress"]
    assert window.buckets.widget_for(bag).model.rowCount() == 8


def test_class_menu_offers_merge_and_delete(qtbot, window):
    bag = window.editor.new_class("bag")
    window.editor.new_class("dress")
    widget = window.buckets.widget_for(bag)
    widget._fill_menu()
    texts = [a.text() for a in widget.menu.actions()]
    assert any(t.startswith("Rename") for t in texts) and any(t.startswith("Delete class") for t in texts)
    merge_menu = next(a.menu() for a in widget.menu.actions() if a.menu() is not None)
    assert [a.text() for a in merge_menu.actions()] == ["dress"]
    merge_menu.actions()[0].trigger()
    assert names(window) == ["dress"]


def test_add_images_button_uses_the_file_picker(qtbot, window, pictures, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    bag = window.editor.new_class("bag")
    picked = [str(p) for p in pictures["bag"][:3]]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (picked, ""))
    with qtbot.waitSignal(window.editor.importFinished, timeout=20_000):
        window.buckets.widget_for(bag).add_button.click()
    assert bag.paths == picked


def test_new_class_button_starts_renaming_it(qtbot, window):
    window.new_class_action.trigger()
    bucket = window.project.classes[0]
    assert bucket.name == "New class" and window.pages.currentIndex() == 1
    widget = window.buckets.widget_for(bucket)
    qtbot.waitUntil(lambda: widget.name_stack.currentWidget() is widget.name_edit)
    qtbot.keyClicks(widget.name_edit, "Cats")  # the old name is selected, typing replaces it
    qtbot.keyClick(widget.name_edit, Qt.Key.Key_Return)
    assert bucket.name == "Cats"
    assert window.editor.undo_stack.undoText() == "Rename “New class” to “Cats”"
