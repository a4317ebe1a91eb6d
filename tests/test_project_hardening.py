"""Project files against odd names and damaged content (the window's side is in tests/gui)."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from fewshot_studio.core.project import Project, ProjectError, load_project
from fewshot_studio.gui.project import session_files

ODD = b"\xff\xfe.jpg"


def test_a_non_utf8_image_name_survives_save_autosave_and_reopen(tmp_path, shared_data):
    src = sorted((shared_data / "flowers12" / "bluebell").glob("*.jpg"))[0]
    odd = os.fsencode(tmp_path) + b"/" + ODD
    shutil.copyfile(src, odd)
    project = Project()
    bucket = project.add_class("bluebell")
    project.insert_images(bucket, [os.fsdecode(odd), str(src)])
    file = project.save(tmp_path / "p.fsproject")
    file.read_text(encoding="utf-8")  # still valid UTF-8 for any other tool
    again = load_project(file)
    assert [os.fsencode(p) for p in again.project.classes[0].paths][0] == odd and not again.missing
    slot = session_files.AutosaveSlot()
    try:
        slot.write(project)
        assert slot.file not in [a.file for a in session_files.scan_autosaves()[0]]  # this process is alive
        assert os.fsencode(json.loads(slot.file.read_text(encoding="utf-8"))["classes"][0]["images"][0]) == odd
    finally:
        slot.discard()


@pytest.mark.parametrize("text, words", [
    ('{"format": "fewshot-studio-project", "version": "abc"}', "version"),
    ('{"format": "fewshot-studio-project", "version": 1, "classes": "cats"}', "classes are not a list"),
    ('{"format": "fewshot-studio-project", "version": 1, "classes": [{"name": 3}]}', "class 1 has no name"),
    ('{"format": "fewshot-studio-project", "version": 1, "test_images": "x"}', "test images"),
    ('{"format": "fewshot-studio-project", "version": 1, "classes": ' + "[" * 50_000 + "]" * 50_000 + "}", "deeply"),
    ('{"format": "fewshot-studio-project", "version": 1' + ', "x": 1' * 3 + ', "v": ' + "9" * 5000 + "}", "digits"),
])
def test_wrong_typed_project_fields_are_a_project_error_naming_the_file(tmp_path, text, words):
    file = tmp_path / "bad.fsproject"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectError) as err:
        load_project(file)
    assert "bad.fsproject" in str(err.value) and words in str(err.value), str(err.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_project_path_that_is_a_pipe_is_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "shared.fsproject")
    with pytest.raises(ProjectError, match="not a regular file"):
        load_project(tmp_path / "shared.fsproject")
