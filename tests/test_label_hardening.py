"""Labelling and undo on hostile and unlucky folders: odd names, link loops, pipes, read-only and
full outputs, crafted journals. Each ends in a clear message, and nothing the user owns is lost."""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from classifier_helpers import digest, photo_folder, train_small, tree

from fewshot_studio.cli.main import main
from fewshot_studio.core.classifier.file_format import save_classifier
from fewshot_studio.core.labelling.folder_run import (
    LabelOptions,
    LabelOutputError,
    label_folder,
)
from fewshot_studio.core.labelling.journal import JOURNAL_NAME, JournalError, read_records
from fewshot_studio.core.labelling.report import safe_cell
from fewshot_studio.core.labelling.undo import undo_labelling

ODD = b"\xff\xfe.jpg"  # not valid UTF-8: common on old disks and archives


@pytest.fixture(scope="module")
def clf(shared_data):
    return train_small(shared_data).classifier


@pytest.fixture(scope="module")
def model_file(clf, tmp_path_factory):
    return save_classifier(clf, tmp_path_factory.mktemp("m") / "flowers.fewshot")


@pytest.fixture
def photos(tmp_path, shared_data) -> Path:
    return photo_folder(tmp_path, shared_data)


def rows(out: Path) -> list[dict]:
    with open(out / "labels.csv", newline="", encoding="utf-8", errors="surrogateescape") as fh:
        return list(csv.DictReader(fh))


@contextmanager
def small_disk(path: Path, size: str, *, read_only: bool = False):
    """A real tmpfs of ``size`` at ``path`` (a full disk, or a read-only one); skipped where mounting is not allowed."""
    path.mkdir(parents=True, exist_ok=True)
    opts = f"size={size}" + (",ro" if read_only else "")
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(path)], capture_output=True, check=False)
    except FileNotFoundError:
        done = None
    if done is None or done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root): the full-disk and read-only cases are not run")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_a_non_utf8_name_survives_a_move_the_csv_undo_and_a_rerun(clf, photos, tmp_path):
    odd = os.fsencode(photos) + b"/" + ODD
    shutil.copyfile(photos / "img_00.jpg", odd)
    before = tree(photos)
    out = tmp_path / "out"
    s = label_folder(clf, photos, LabelOptions(out_dir=out, mode="move", threshold=0.0))
    assert s.processed == 11 and not os.path.lexists(odd)  # 9 photos, the odd name, broken.jpg
    moved = [r for r in read_records(out / JOURNAL_NAME) if r.get("op") == "item" and os.fsencode(r["src"]) == odd]
    assert len(moved) == 1 and os.path.isfile(moved[0]["dst"])
    assert os.fsdecode(ODD) in [r["path"] for r in rows(out)]  # the CSV keeps the very bytes of the name
    again = label_folder(clf, photos, LabelOptions(out_dir=out, mode="move", threshold=0.0))
    assert again.processed == 0  # the run finishes, and a rerun has nothing left to do
    undo_labelling(out / JOURNAL_NAME)
    assert tree(photos) == before and os.path.isfile(odd)


def test_the_cli_labels_a_folder_with_a_link_loop_a_broken_link_and_a_pipe(model_file, photos, tmp_path, capsys):
    os.symlink("loop_b.jpg", photos / "loop_a.jpg")
    os.symlink("loop_a.jpg", photos / "loop_b.jpg")
    os.symlink("nowhere.jpg", photos / "dangling.jpg")
    if hasattr(os, "mkfifo"):
        os.mkfifo(photos / "pipe.jpg")
    out = tmp_path / "out"
    assert main(["label", str(model_file), str(photos), "--out", str(out), "--mode", "copy"]) == 0
    with open(out / "_errors.csv", encoding="utf-8") as fh:
        errors = {r["path"]: r["reason"] for r in csv.DictReader(fh)}
    assert "link loop" in errors["loop_a.jpg"] and "link loop" in errors["loop_b.jpg"]
    assert "does not exist" in errors["dangling.jpg"]
    if hasattr(os, "mkfifo"):
        assert "not a regular file" in errors["pipe.jpg"]
    assert "Labelled" in capsys.readouterr().out


def test_an_output_folder_equal_to_the_input_is_refused(model_file, photos, capsys):
    before = tree(photos)
    assert main(["label", str(model_file), str(photos), "--out", str(photos), "--mode", "move"]) == 1
    assert "is the folder being labelled" in capsys.readouterr().err
    assert tree(photos) == before  # no journal, no CSV among the user's photos


def test_an_output_reached_through_a_symlink_into_the_input_is_not_labelled_again(clf, photos, tmp_path):
    (photos / "sorted").mkdir()
    link = tmp_path / "sorted-link"
    os.symlink(photos / "sorted", link)
    for _ in range(3):
        s = label_folder(clf, photos, LabelOptions(out_dir=link, mode="copy", recursive=True))
    assert s.processed == 0 and len(rows(link)) == 11


def test_labels_csv_cells_never_become_formulas(clf, photos, tmp_path):
    shutil.copyfile(photos / "img_00.jpg", photos / "=HYPERLINK(1).jpg")
    shutil.copyfile(photos / "img_01.jpg", photos / "@SUM(A1).jpg")
    label_folder(clf, photos, LabelOptions(out_dir=tmp_path / "out", mode="copy"))
    cells = [c for r in rows(tmp_path / "out") for c in r.values()]
    assert "'=HYPERLINK(1).jpg" in cells and "'@SUM(A1).jpg" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert safe_cell("-1+1") == "'-1+1" and safe_cell("bluebell") == "bluebell"


def test_a_nan_confidence_is_unsure_never_the_first_class(clf, photos, tmp_path, monkeypatch):
    import numpy as np

    from fewshot_studio.core.classifier import trained

    real = trained.TrainedClassifier.predict_features

    def nan_scores(self, feats):
        pred = real(self, feats)
        pred.probs[:] = np.nan
        return pred

    monkeypatch.setattr(trained.TrainedClassifier, "predict_features", nan_scores)
    s = label_folder(clf, photos, LabelOptions(out_dir=tmp_path / "out", mode="copy"))
    assert set(s.counts) <= {"_unsure", "unreadable"}


def test_a_journal_record_without_its_keys_is_a_clear_error(clf, photos, tmp_path, capsys):
    out = tmp_path / "out"
    label_folder(clf, photos, LabelOptions(out_dir=out, mode="move"))
    journal = out / JOURNAL_NAME
    with open(journal, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"op": "item", "dst": "x"}) + "\n")
    with pytest.raises(JournalError, match="lacks 'src'"):
        label_folder(clf, photos, LabelOptions(out_dir=out, mode="move"))
    assert main(["undo", str(journal)]) == 1
    assert "is damaged" in capsys.readouterr().err


def test_undo_reports_photos_in_neither_place_and_keeps_the_journal(clf, photos, tmp_path, capsys):
    out = tmp_path / "out"
    label_folder(clf, photos, LabelOptions(out_dir=out, mode="move", threshold=0.0))
    moved_away = tmp_path / "elsewhere"
    [cls] = [d for d in out.iterdir() if d.is_dir()][:1]
    shutil.move(str(cls), moved_away)  # the user moved a class folder
    assert main(["undo", str(out)]) == 1
    text = capsys.readouterr().err  # problems go to stderr
    assert "not found" in text and "the journal was kept" in text
    assert (out / JOURNAL_NAME).is_file()
    assert len(list(moved_away.iterdir())) > 0  # nothing deleted


def test_undo_of_a_crafted_journal_touches_nothing_outside_the_runs_folders(clf, photos, tmp_path):
    out = tmp_path / "out"
    label_folder(clf, photos, LabelOptions(out_dir=out, mode="copy", threshold=0.0))
    victim = tmp_path / "precious.txt"
    victim.write_text("the user's")
    copy_of_victim = photos / "copy.txt"
    shutil.copyfile(victim, copy_of_victim)  # same content: a copy-mode undo would delete the "copy"
    lines = (out / JOURNAL_NAME).read_text(encoding="utf-8").splitlines()
    lines.insert(1, json.dumps({"op": "item", "src": str(copy_of_victim), "dst": str(victim), "status": "labelled",
                                "class": "x", "conf": 1.0, "top": [], "reason": None}))
    lines.insert(2, json.dumps({"op": "item", "src": str(tmp_path / "new.txt"), "dst": str(out / ".." / "precious.txt"),
                                "status": "labelled", "class": "x", "conf": 1.0, "top": [], "reason": None}))
    (out / JOURNAL_NAME).write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = undo_labelling(out / JOURNAL_NAME)
    assert victim.read_text() == "the user's" and not (tmp_path / "new.txt").exists()
    assert len(s.outside) == 2 and s.archived_as is None
    assert s.outcomes["removed"] == 9  # the run's own copies were removed as usual


def test_a_read_only_output_says_so_and_changes_nothing(model_file, photos, tmp_path, capsys):
    before = tree(photos)
    with small_disk(tmp_path / "ro", "1m", read_only=True) as ro:
        assert main(["label", str(model_file), str(photos), "--out", str(ro / "out"), "--mode", "move"]) == 1
        err = capsys.readouterr().err
        assert "could not write to" in err and "Nothing was changed" in err and "Traceback" not in err
        assert main(["train", str(photos.parent / "nothing"), "--out", str(ro / "x.fewshot")]) == 1  # bad input first
        capsys.readouterr()
    assert tree(photos) == before


def test_a_full_disk_keeps_every_photo_cleans_partials_and_a_rerun_finishes(clf, photos, tmp_path):
    before = tree(photos)
    with small_disk(tmp_path / "disk", "64k") as disk:
        out = disk / "out"
        try:
            s = label_folder(clf, photos, LabelOptions(out_dir=out, mode="copy", threshold=0.0, recursive=True))
            assert s.counts["failed"] > 0
        except LabelOutputError as exc:
            assert "the disk is full" in str(exc)
        assert not [p for p in out.rglob("*.partial")]
        assert tree(photos) == before
        subprocess.run(["mount", "-o", "remount,size=8m", str(disk)], check=True)
        s = label_folder(clf, photos, LabelOptions(out_dir=out, mode="copy", threshold=0.0, recursive=True))
        placed = [p for p in out.rglob("*.jpg")]
        assert len(placed) == 10, (s, placed)  # the failed placements were retried
        assert {digest(p) for p in placed} <= {digest(p) for p in photos.rglob("*.jpg")}
        assert all(r["status"] != "failed" for r in rows(out))


def test_failed_placements_are_retried_once_the_cause_is_fixed(clf, photos, tmp_path):
    out = tmp_path / "out"
    (out / "sunflower").mkdir(parents=True)
    blocker = out / "bluebell"
    blocker.write_text("a file where the class folder should go")  # placements into it fail
    s = label_folder(clf, photos, LabelOptions(out_dir=out, mode="move", threshold=0.0))
    failed = s.counts["failed"]
    assert failed > 0 and [r for r in rows(out) if r["status"] == "failed"]
    blocker.unlink()
    again = label_folder(clf, photos, LabelOptions(out_dir=out, mode="move", threshold=0.0))
    assert again.recovered["retried"] == failed
    assert not [r for r in rows(out) if r["status"] == "failed"]
    undo_labelling(out)
    assert len(list(photos.glob("img_*.jpg"))) == 9


def test_a_damaged_cached_onnx_graph_is_rebuilt(clf, photos, tmp_path):
    from fewshot_studio.core.features import onnx_runner
    from fewshot_studio.core.labelling.engine import make_engine

    graph = onnx_runner.graph_path(clf.backbone())
    good_size = graph.stat().st_size
    for damage in (b"", graph.read_bytes()[: good_size // 3]):  # empty, or truncated by a crash
        graph.write_bytes(damage)
        onnx_runner._runners.clear()  # a new process: nothing loaded yet
        engine = make_engine(clf, "onnx")
        assert engine.name == "onnx" and graph.stat().st_size == good_size
    graph.write_bytes(b"")
    onnx_runner._runners.clear()
    s = label_folder(clf, photos, LabelOptions(out_dir=tmp_path / "out", engine="onnx", use_cache=False))
    assert s.processed == 10 and graph.stat().st_size == good_size
    assert not [p for p in graph.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_predict_and_train_never_hang_on_a_pipe(model_file, photos, tmp_path, capsys):
    import threading

    from fewshot_studio.core.classifier.file_format import load_classifier

    os.mkfifo(photos / "pipe.jpg")
    result = {}
    thread = threading.Thread(target=lambda: result.update(
        p=load_classifier(model_file).predict([photos / "img_00.jpg", photos / "pipe.jpg"], skip_unreadable=True)),
        daemon=True)
    thread.start()
    thread.join(60)
    assert "p" in result, "predict hung on a pipe"
    assert "not a regular file" in result["p"].skipped[0].reason
    ds = tmp_path / "ds"
    for name, start in (("bluebell", 0), ("sunflower", 6)):
        (ds / name).mkdir(parents=True)
        for p in sorted(photos.glob("img_*.jpg"))[start : start + 3]:
            shutil.copyfile(p, ds / name / p.name)
    os.mkfifo(ds / "bluebell" / "pipe.jpg")
    os.symlink("loop.jpg", ds / "sunflower" / "loop.jpg")
    assert main(["train", str(ds), "--out", str(tmp_path / "m.fewshot")]) == 0
    out = capsys.readouterr().err  # warnings go to stderr
    assert "pipe.jpg: not a regular file" in out and "loop.jpg: a symbolic link that leads back to itself" in out


def test_train_and_export_into_a_read_only_folder_say_so(model_file, shared_data, tmp_path, capsys):
    ds = tmp_path / "ds"
    for name in ("bluebell", "sunflower"):
        (ds / name).mkdir(parents=True)
        for p in sorted((shared_data / "flowers12" / name).glob("*.jpg"))[:3]:
            shutil.copyfile(p, ds / name / p.name)
    with small_disk(tmp_path / "ro", "1m", read_only=True) as ro:
        assert main(["train", str(ds), "--out", str(ro / "m.fewshot")]) == 1
        assert main(["export", str(model_file), "--onnx", str(ro / "m.onnx")]) == 1
        err = capsys.readouterr().err
        assert err.count("error: could not write") == 2 and "nothing was written" in err and "Traceback" not in err
        assert list(ro.iterdir()) == []


def test_undo_follows_an_output_folder_moved_whole(clf, photos, tmp_path):
    before = tree(photos)
    label_folder(clf, photos, LabelOptions(out_dir=tmp_path / "out", mode="move", threshold=0.0))
    shutil.move(str(tmp_path / "out"), tmp_path / "archive")  # the journal moves with it
    s = undo_labelling(tmp_path / "archive")
    assert s.outcomes["restored"] == 9 and not s.outside and not s.missing
    assert tree(photos) == before
    assert [p.name for p in (tmp_path / "archive").iterdir()] == [s.archived_as.name]  # emptied folders tidied
