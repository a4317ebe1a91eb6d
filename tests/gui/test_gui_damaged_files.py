"""Damaged project and autosave files opened by the real window: it says what is wrong, sets a
damaged autosave aside (never deletes it) and starts, now and at every later start."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from fewshot_studio.core.project import FORMAT_NAME
from fewshot_studio.gui.app import offer_autosave
from fewshot_studio.gui.project import session_files

DEEP = "[" * 100_000 + "]" * 100_000


def _project(**fields) -> dict:
    return {"format": FORMAT_NAME, "version": 1, "classes": [], "test_images": [], "settings": {}, **fields}


BAD_PROJECTS = {
    "version": json.dumps(_project(version="abc")),
    "classes": json.dumps(_project(classes="cats")),
    "images": json.dumps(_project(classes=[{"name": "a", "images": "x.jpg"}])),
    "test": json.dumps(_project(test_images=[1, 2])),
    "settings": json.dumps(_project(settings=[1])),
    "deep": '{"format": "%s", "version": 1, "classes": %s}' % (FORMAT_NAME, DEEP),
}
BAD_AUTOSAVES = {
    "pid": json.dumps(_project(classes=[{"name": "a", "images": ["/x.jpg"]}], autosave={"pid": "abc"})),
    "meta": json.dumps(_project(autosave=[1])),
    "time": json.dumps(_project(autosave={"pid": 2**22 + 7, "saved_at": "soon"})),
    **BAD_PROJECTS,
}


@pytest.fixture
def damaged_autosaves():
    folder = session_files.autosave_dir()
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name, text in BAD_AUTOSAVES.items():
        file = folder / f"autosave-bad{name}.fsproject"
        file.write_text(text, encoding="utf-8")
        files.append(file)
    yield files
    for file in folder.glob("autosave-bad*"):
        file.unlink()


def test_damaged_autosaves_are_set_aside_and_the_window_starts(qtbot, window, damaged_autosaves):
    assert offer_autosave(window) is False  # nothing usable to offer, and no exception
    for file in damaged_autosaves:
        assert not file.exists() and Path(f"{file}.damaged").read_text(encoding="utf-8")  # kept, not deleted
    [notice] = [n for n in window.notices.notices if n.key == "autosave-damaged"]
    assert f"{len(BAD_AUTOSAVES)} autosave files" in notice.text and "set aside" in notice.text
    assert session_files.leftover_autosaves() == []  # the next start is clean


@pytest.mark.parametrize("kind", sorted(BAD_PROJECTS))
def test_a_damaged_project_file_says_what_is_wrong(qtbot, window, tmp_path, kind):
    file = tmp_path / f"{kind}.fsproject"
    file.write_text(BAD_PROJECTS[kind], encoding="utf-8")
    assert window.session.open_file(file) is False
    [notice] = [n for n in window.notices.notices if n.key == "open"]
    assert file.name in notice.text and notice.level == "error"
    assert file.read_text(encoding="utf-8") == BAD_PROJECTS[kind]  # the user's file is left as it was


def test_a_failed_restore_sets_the_autosave_aside(qtbot, window, monkeypatch):
    folder = session_files.autosave_dir()
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / "autosave-late.fsproject"
    file.write_text(json.dumps(_project(autosave={"pid": 2**22 + 9, "saved_at": 1.0})), encoding="utf-8")
    [autosave] = [a for a in session_files.leftover_autosaves() if a.file == file]
    file.write_text("{ torn", encoding="utf-8")  # damaged between the offer and the restore
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.session.restore_autosave(autosave) is False
    assert Path(f"{file}.damaged").read_text(encoding="utf-8") == "{ torn"
    Path(f"{file}.damaged").unlink()


START = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
QTimer.singleShot(1500, app.quit)
from fewshot_studio.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("with_project", [False, True])
def test_the_real_app_starts_over_damaged_files(tmp_path, with_project):
    """The app as a user starts it (offscreen): a bad autosave, or a bad project on the command line."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FEWSHOT_DATA_DIR": str(tmp_path / "data"),
           "FEWSHOT_CONFIG_DIR": str(tmp_path / "config"), "FEWSHOT_NO_AUTOTRAIN": "1"}
    autosaves = tmp_path / "data" / "autosave"
    autosaves.mkdir(parents=True)
    for name, text in BAD_AUTOSAVES.items():
        (autosaves / f"autosave-{name}.fsproject").write_text(text, encoding="utf-8")
    args = []
    if with_project:
        (tmp_path / "bad.fsproject").write_text(BAD_PROJECTS["version"], encoding="utf-8")
        args = [str(tmp_path / "bad.fsproject")]
    for _ in range(2):  # and again: a damaged file must not stop the next start either
        run = subprocess.run([sys.executable, "-c", START, *args], env=env, capture_output=True, text=True, timeout=120,
                             check=False)
        assert run.returncode == 0, run.stderr[-2000:]
        assert "Traceback" not in run.stderr
    if not with_project:
        assert sorted(p.name for p in autosaves.iterdir()) == sorted(
            f"autosave-{n}.fsproject.damaged" for n in BAD_AUTOSAVES)


def test_the_window_saves_and_autosaves_a_non_utf8_image_name(qtbot, window, tmp_path, shared_data):
    import shutil

    from fewshot_studio.core.project import Project, load_project

    src = sorted((shared_data / "flowers12" / "bluebell").glob("*.jpg"))[0]
    odd = os.fsencode(tmp_path) + b"/\xff\xfe.jpg"
    shutil.copyfile(src, odd)
    project = Project()
    project.insert_images(project.add_class("bluebell"), [os.fsdecode(odd), str(src)])
    project.save(tmp_path / "odd.fsproject")
    assert window.session.open_file(tmp_path / "odd.fsproject")
    window.editor.rename(window.project.classes[0], "Bluebells")  # an edit: unsaved work to autosave
    window.session.autosave()
    assert window.session.slot.file.is_file()
    assert window.session._write(tmp_path / "again.fsproject")
    again = load_project(tmp_path / "again.fsproject").project
    assert os.fsencode(again.classes[0].paths[0]) == odd and again.classes[0].name == "Bluebells"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_dropping_a_folder_with_a_pipe_and_a_link_loop_lists_them_and_never_hangs(tmp_path, shared_data):
    import shutil
    import threading

    from fewshot_studio.gui.buckets.image_import import ImportRequest, run_import

    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copyfile(sorted((shared_data / "flowers12" / "bluebell").glob("*.jpg"))[0], folder / "good.jpg")
    os.mkfifo(folder / "pipe.jpg")
    os.symlink("loop.jpg", folder / "loop.jpg")
    report = {}
    thread = threading.Thread(target=lambda: report.update(r=run_import(ImportRequest([str(folder)], None, {}))),
                              daemon=True)
    thread.start()
    thread.join(30)
    assert "r" in report, "importing a pipe hung"
    bad = {os.path.basename(p): why for p, why in report["r"].bad}
    assert [os.path.basename(p) for p in report["r"].good] == ["good.jpg"]
    assert "not a regular file" in bad["pipe.jpg"] and "link loop" in bad["loop.jpg"]
