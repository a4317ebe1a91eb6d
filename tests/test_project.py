"""The project model without Qt: edits, events, save/load with relative paths, autosave, recents."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from fewshot_studio.core.project import (
    ClassAdded,
    ClassRemoved,
    ClassRenamed,
    ImagesInserted,
    ImagesRemoved,
    Project,
    ProjectError,
    load_project,
)


@pytest.fixture
def images(tmp_path, fashion_small) -> dict[str, list[Path]]:
    """A copy of a few real images inside tmp_path, so the project folder can be moved."""
    out = {}
    for name, paths in fashion_small.items():
        out[name] = []
        for p in paths[:3]:
            dst = tmp_path / "pics" / name / p.name
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, dst)
            out[name].append(dst)
    return out


def test_edits_emit_events_and_keep_order(images):
    project = Project()
    events = []
    project.subscribe(events.append)
    bag = project.add_class("  Bag  ")
    assert bag.name == "Bag"
    project.insert_images(bag, images["bag"])
    removed = project.remove_images(bag, [images["bag"][1]])
    assert [i for i, _ in removed] == [1]
    project.restore_images(bag, removed)
    assert bag.paths == [os.path.abspath(p) for p in images["bag"]]
    project.rename_class(bag, "Handbag")
    index = project.remove_class(bag)
    kinds = [type(e) for e in events]
    assert kinds == [ClassAdded, ImagesInserted, ImagesRemoved, ImagesInserted, ClassRenamed, ClassRemoved]
    assert index == 0 and project.classes == []


def test_class_names_are_unique_case_insensitively():
    project = Project()
    project.add_class("Cat")
    with pytest.raises(ValueError):
        project.add_class("cat")
    dog = project.add_class("Dog")
    with pytest.raises(ValueError):
        project.rename_class(dog, "CAT")
    project.rename_class(dog, "dog")  # a change of case of its own name is fine
    assert project.unique_class_name("Cat") == "Cat 2"
    with pytest.raises(ValueError):
        project.add_class("   ")


def test_save_and_reopen_round_trip_with_relative_paths(tmp_path, images):
    project = Project()
    for name, paths in images.items():
        project.insert_images(project.add_class(name), paths[:2])
    project.insert_images(project.test_pool, [images["bag"][2]])
    project.settings["finetune"] = True
    file = project.save(tmp_path / "my.fsproject")
    data = json.loads(file.read_text())
    assert all(not Path(p).is_absolute() for c in data["classes"] for p in c["images"])

    moved = tmp_path.parent / (tmp_path.name + "-moved")
    shutil.move(str(tmp_path), moved)  # the whole folder moves: relative paths still resolve
    loaded = load_project(moved / "my.fsproject")
    assert loaded.missing == []
    reopened = loaded.project
    assert [b.name for b in reopened.classes] == [b.name for b in project.classes]
    for a, b in zip(reopened.buckets, project.buckets):
        assert [Path(p).name for p in a.paths] == [Path(p).name for p in b.paths]
        assert all(Path(p).is_file() for p in a.paths)
    assert reopened.settings == {"finetune": True}
    assert reopened.examples().keys() == project.examples().keys()


def test_missing_images_are_listed_not_fatal(tmp_path, images):
    project = Project()
    project.insert_images(project.add_class("bag"), images["bag"])
    file = project.save(tmp_path / "p.fsproject")
    images["bag"][0].unlink()
    loaded = load_project(file)
    assert loaded.missing == [os.path.abspath(images["bag"][0])]
    assert len(loaded.project.classes[0].paths) == 3  # kept, so nothing is lost silently


def test_bad_project_files_raise_a_readable_error(tmp_path):
    bad = tmp_path / "bad.fsproject"
    bad.write_text("{ not json")
    with pytest.raises(ProjectError, match="not a readable"):
        load_project(bad)
    bad.write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(ProjectError, match="not a Fewshot Studio project"):
        load_project(bad)
    with pytest.raises(ProjectError, match="does not exist"):
        load_project(tmp_path / "nope.fsproject")


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path, images):
    project = Project()
    project.insert_images(project.add_class("bag"), images["bag"])
    file = project.save(tmp_path / "p.fsproject")
    project.save(file)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["p.fsproject"]


def test_autosave_and_recent_projects(tmp_path, images):
    from fewshot_studio.gui.project import session_files

    project = Project()
    project.insert_images(project.add_class("bag"), images["bag"])
    slot = session_files.AutosaveSlot()
    slot.write(project)
    # Written by this (live) process: not offered as a crash leftover.
    assert slot.file not in [a.file for a in session_files.leftover_autosaves()]
    data = json.loads(slot.file.read_text())
    data["autosave"]["pid"] = 2**22 + 12345  # a process that does not exist: a crashed session
    slot.file.write_text(json.dumps(data))
    leftovers = [a for a in session_files.leftover_autosaves() if a.file == slot.file]
    assert leftovers and leftovers[0].original is None
    restored = load_project(slot.file).project
    assert restored.classes[0].paths == project.classes[0].paths
    slot.discard()
    assert not slot.file.exists()

    a = project.save(tmp_path / "a.fsproject")
    b = project.save(tmp_path / "b.fsproject")
    session_files.remember_recent(a)
    session_files.remember_recent(b)
    session_files.remember_recent(a)
    assert session_files.recent_projects()[:2] == [a, b]


def test_demo_is_copied_out_of_the_resources(tmp_path):
    from fewshot_studio.gui.project.session_files import demo_source, prepare_demo

    file = prepare_demo(tmp_path / "demo")
    loaded = load_project(file)
    assert loaded.missing == []
    project = loaded.project
    assert len(project.classes) >= 3 and all(len(b) >= 8 for b in project.classes)
    assert len(project.test_pool) >= 8
    source = demo_source().resolve()
    assert all(not Path(p).resolve().is_relative_to(source) for b in project.buckets for p in b.paths)
    assert (demo_source() / "LICENSE.txt").is_file()
