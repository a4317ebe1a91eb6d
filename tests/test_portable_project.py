"""Portable projects (one file with the photos) and finding moved photos again."""
from __future__ import annotations

import hashlib
import json
import shutil
import zipfile

import pytest

from fewshot_studio.core.portable_project import load_portable, save_portable
from fewshot_studio.core.project import Project, ProjectError, load_project, locate_in


def _digest(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


@pytest.fixture
def project(tmp_path, fashion_small):
    p = Project()
    for name, paths in list(fashion_small.items())[:2]:
        folder = tmp_path / "mine" / name
        folder.mkdir(parents=True)
        copies = [shutil.copyfile(src, folder / src.name) for src in paths[:4]]
        p.insert_images(p.add_class(name), [str(c) for c in copies])
    (tmp_path / "mine" / "unsorted").mkdir()
    test = shutil.copyfile(paths[5], tmp_path / "mine" / "unsorted" / paths[0].name)  # same name as a class photo
    p.insert_images(p.test_pool, [str(test)])
    p.settings["threshold"] = 0.6
    return p


def test_a_portable_project_opens_on_another_computer(project, tmp_path):
    before = {b.name: [_digest(p) for p in b.paths] for b in project.buckets}
    file, missing = save_portable(project, tmp_path / "mine.fsportable")
    assert not missing and zipfile.is_zipfile(file)
    moved = tmp_path / "other-computer" / "copy.fsportable"  # another path, and the originals gone
    moved.parent.mkdir()
    shutil.move(file, moved)
    shutil.rmtree(tmp_path / "mine")
    loaded = load_portable(moved, tmp_path / "other-computer-data")
    assert not loaded.missing and loaded.project.file == moved
    assert {b.name: [_digest(p) for p in b.paths] for b in loaded.project.buckets} == before
    assert loaded.project.settings["threshold"] == 0.6
    again = load_portable(moved, tmp_path / "other-computer-data")  # opened twice: unpacked once
    assert again.project.classes[0].paths == loaded.project.classes[0].paths


def test_a_missing_photo_is_reported_and_left_out(project, tmp_path):
    gone = project.classes[0].paths[1]
    shutil.os.unlink(gone)
    _, missing = save_portable(project, tmp_path / "p.fsportable")
    assert missing == [gone]
    loaded = load_portable(tmp_path / "p.fsportable", tmp_path / "data")
    assert len(loaded.project.classes[0].paths) == 3 and not loaded.missing


def test_a_crafted_file_cannot_write_outside_its_folder(tmp_path):
    bad = tmp_path / "bad.fsportable"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("project.json", json.dumps({"format": "fewshot-studio-project", "version": 1,
                                                "classes": [{"name": "x", "images": ["photos/../../evil.jpg"]}]}))
        zf.writestr("photos/../../evil.jpg", b"boo")
    with pytest.raises(ProjectError, match="outside its photos folder"):
        load_portable(bad, tmp_path / "data")
    assert not (tmp_path / "evil.jpg").exists()
    (tmp_path / "plain.fsportable").write_text("{}")
    with pytest.raises(ProjectError, match="not a readable portable project"):
        load_portable(tmp_path / "plain.fsportable", tmp_path / "data")


def test_locate_finds_moved_photos_by_their_place_below_the_folder(project, tmp_path):
    project.save(tmp_path / "p.fsproject")
    shutil.move(tmp_path / "mine", tmp_path / "usb-stick")
    missing = load_project(tmp_path / "p.fsproject").missing
    assert len(missing) == 9
    found = locate_in(missing, tmp_path / "usb-stick")
    assert len(found) == 9 and all(new.startswith(str(tmp_path / "usb-stick")) for new in found.values())
    # one class folder chosen: its photos are found by name
    one = locate_in(missing, tmp_path / "usb-stick" / project.classes[0].name)
    assert len(one) == 4
