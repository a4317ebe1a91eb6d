"""Projects through the window: save and reopen, autosave and crash recovery, missing files, demo."""
from __future__ import annotations

import json
import os
import shutil

from gui_helpers import drop_files
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from fewshot_studio.gui.app import offer_autosave
from fewshot_studio.gui.project import session_files


def test_first_launch_shows_the_empty_state_with_the_demo_button(window):
    assert window.pages.currentWidget() is window.empty
    assert window.empty.demo_button.text() == "Open demo"
    assert window.status.state == "empty"


def test_demo_opens_from_a_copy_and_save_goes_to_save_as(qtbot, window, monkeypatch, tmp_path):
    window.empty.demo_button.click()
    assert window.pages.currentIndex() == 1
    assert [b.name for b in window.project.classes] == ["T-shirt", "Shirt", "Pullover", "Dress", "Sneaker"]
    assert len(window.project.test_pool) == 17
    demo_copy = session_files.demo_copy_dir().resolve()
    assert all(os.path.realpath(p).startswith(str(demo_copy)) for b in window.project.buckets for p in b.paths)
    target = tmp_path / "mine.fsproject"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (asked.append(a) or str(target), ""))
    assert window.save_action.isEnabled()
    window.save_action.trigger()
    assert asked and target.is_file() and window.project.file == target


def test_save_and_reopen_round_trip(qtbot, window, pictures, tmp_path):
    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent, pictures["dress"][0].parent])
    bag = window.project.class_named("bag")
    window.editor.rename(bag, "Handbag")
    window.editor.move(bag.paths[:2], window.project.test_pool)
    file = tmp_path / "pictures" / "clothes.fsproject"
    assert window.session._write(file)
    assert not window.session.dirty and "clothes" in window.windowTitle()
    data = json.loads(file.read_text())
    assert data["classes"][0]["images"][0].startswith("bag/")  # relative to the project file

    before = [(b.name, list(b.paths)) for b in window.project.buckets]
    window.editor.delete_class(window.project.classes[0])
    assert window.session.dirty
    window.editor.undo_stack.setClean()  # pretend we chose "discard"
    assert window.session.open_file(file)
    assert [(b.name, list(b.paths)) for b in window.project.buckets] == before
    assert not window.editor.undo_stack.canUndo()
    assert session_files.recent_projects()[0] == file


def test_missing_images_are_listed_and_can_be_removed(qtbot, window, pictures, tmp_path):
    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent])
    file = tmp_path / "p.fsproject"
    window.session._write(file)
    os.remove(pictures["bag"][0])
    shutil.rmtree(pictures["dress"][0].parent)
    assert window.session.open_file(file)
    notice = window.notices.notices[-1]
    assert "1 image of this project could not be found" in notice.text
    assert len(window.project.classes[0].paths) == 8  # listed, not dropped silently
    remove = [b for b in notice.findChildren(type(window.empty.demo_button)) if b.text().startswith("Remove")][0]
    remove.click()
    assert len(window.project.classes[0].paths) == 7
    window.editor.undo_stack.undo()
    assert len(window.project.classes[0].paths) == 8


def test_autosave_is_offered_back_after_a_crash(qtbot, window, pictures, monkeypatch):
    from fewshot_studio.gui.main_window import MainWindow

    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent])
    window.session.autosave()
    slot = window.session.slot.file
    assert slot.is_file()
    data = json.loads(slot.read_text())
    data["autosave"]["pid"] = 2**22 + 4321  # as if written by a process that has died
    slot.write_text(json.dumps(data))

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    second = MainWindow(debounce_ms=30, warm_up=False)
    second.trainer.auto = False
    try:
        assert offer_autosave(second)
        assert [b.name for b in second.project.classes] == ["bag"]
        assert second.project.classes[0].paths == window.project.classes[0].paths
        assert second.session.dirty  # restored work is unsaved until the user saves it
        assert not slot.exists()
    finally:
        second.shutdown()
        second.close()
        second.deleteLater()
    # a clean close removes this window's own autosave: nothing is offered next time
    window.shutdown()
    assert not window.session.slot.file.exists()


def test_a_project_whose_base_model_file_is_gone_opens_on_the_default(qtbot, window, pictures, tmp_path):
    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent])
    window.project.settings["backbone"] = str(tmp_path / "gone" / "lab.fewshot-backbone")
    file = tmp_path / "p.fsproject"
    assert window.session._write(file)
    assert window.session.open_file(file)
    notice = window.notices.notices[-1]
    assert "lab.fewshot-backbone could not be found" in notice.text and "Fast" in notice.text
    assert window.project.settings["backbone"] == "efficientnet-lite0" and window.session.dirty
    assert window.backbone_menu.stock["efficientnet-lite0"].isChecked()
    assert window.status.backbone_label.text() == "Model: Fast" and "EfficientNet-Lite0" in window.status.backbone_label.toolTip()


def test_stopped_from_the_terminal_unsaved_work_is_kept_for_the_next_start(qtbot, window, pictures):
    """Ctrl+C / SIGTERM (gui/app.py) shut down with keep_unsaved: nobody was asked to discard."""
    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent])
    assert window.session.dirty
    window.shutdown(keep_unsaved=True)
    slot = window.session.slot.file
    assert slot.is_file()
    assert json.loads(slot.read_text())["autosave"]["pid"] == os.getpid()  # offered back once this process is gone
    slot.unlink()


def test_a_portable_project_round_trip_on_another_path(qtbot, window, pictures, tmp_path, monkeypatch):
    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent, pictures["dress"][0].parent])
    names = [b.name for b in window.project.classes]
    counts = [len(b.paths) for b in window.project.classes]
    target = tmp_path / "to-share.fsportable"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target)[: -len(".fsportable")], ""))
    window.portable_action.trigger()
    assert target.is_file() and not window.session.dirty
    elsewhere = tmp_path / "another" / "computer.fsportable"
    elsewhere.parent.mkdir()
    shutil.copyfile(target, elsewhere)
    shutil.rmtree(tmp_path / "pictures")  # the photos are not on the other computer
    window.editor.undo_stack.setClean()
    assert window.session.open_file(elsewhere)
    assert [b.name for b in window.project.classes] == names and [len(b.paths) for b in window.project.classes] == counts
    assert all(os.path.isfile(p) for b in window.project.buckets for p in b.paths)
    assert not [n for n in window.notices.notices if n.key == "missing"]
    window.editor.rename(window.project.classes[0], "Handbag")
    assert window.session.save() and window.project.file == elsewhere  # saving writes the portable file again
    assert window.session.open_file(elsewhere) and window.project.classes[0].name == "Handbag"


def test_locate_brings_back_photos_that_moved(qtbot, window, pictures, tmp_path, monkeypatch):
    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent])
    file = tmp_path / "p.fsproject"
    window.session._write(file)
    shutil.move(tmp_path / "pictures", tmp_path / "usb")
    assert window.session.open_file(file)
    notice = window.notices.notices[-1]
    assert notice.key == "missing"
    locate = next(b for b in notice.findChildren(QPushButton) if b.text() == "Locate…")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "usb" / "bag"))
    locate.click()
    bag = window.project.class_named("bag")
    assert all(p.startswith(str(tmp_path / "usb" / "bag")) and os.path.isfile(p) for p in bag.paths)
    assert "Found all" in window.notices.notices[-1].text
    window.editor.undo_stack.undo()
    assert not any(p.startswith(str(tmp_path / "usb")) for p in bag.paths)
