"""Batch labelling on a real, messy folder: every mode, collisions, dry run, undo, resume, safety."""
from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from classifier_helpers import digest, photo_folder, train_small, tree

from fewshot_studio.core.labelling.folder_run import LabelOptions, class_folders, label_folder
from fewshot_studio.core.labelling.journal import JournalError, read_records
from fewshot_studio.core.labelling.undo import undo_labelling
from fewshot_studio.core.util.progress import Cancelled, CancelToken

N_PHOTOS = 10  # 9 top-level + 1 in trip/ (recursive); plus broken.jpg


@pytest.fixture(scope="module")
def clf(shared_data):
    return train_small(shared_data).classifier


@pytest.fixture
def photos(tmp_path, shared_data) -> Path:
    return photo_folder(tmp_path, shared_data)


def rows(out: Path) -> list[dict]:
    with open(out / "labels.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_csv_mode_lists_every_photo_and_touches_nothing(clf, photos, tmp_path):
    before = tree(photos)
    s = label_folder(clf, photos, LabelOptions(out_dir=tmp_path / "out", recursive=True))
    assert tree(photos) == before
    r = rows(tmp_path / "out")
    assert [x["path"] for x in r] == sorted([f"img_{i:02d}.jpg" for i in range(9)] + ["broken.jpg", "trip/img_00.jpg"],
                                             key=str.lower)
    broken = next(x for x in r if x["path"] == "broken.jpg")
    assert broken["status"] == "unreadable" and ("damaged" in broken["note"] or "not an image" in broken["note"])
    good = [x for x in r if x["status"] != "unreadable"]
    assert all(x["predicted_class"] in clf.class_names and 0 < float(x["confidence"]) <= 1 for x in good)
    assert all(len(x["top3"].split("; ")) == 3 and x["top3"].startswith(x["predicted_class"]) for x in good)
    for x in good:  # the same ranking in columns a program can read without splitting text
        readable = [part.rsplit(" ", 1) for part in x["top3"].split("; ")]
        assert [[x["top2_class"], x["top2_confidence"]], [x["top3_class"], x["top3_confidence"]]] == readable[1:]
        assert float(x["confidence"]) >= float(x["top2_confidence"]) >= float(x["top3_confidence"])
    assert sum(x["predicted_class"] == "sunflower" for x in good) >= 2  # real predictions, not noise
    assert s.processed == 11 and s.counts["unreadable"] == 1
    assert (tmp_path / "out" / "_errors.csv").read_text().startswith("path,reason\nbroken.jpg,")
    assert not [p for p in (tmp_path / "out").iterdir() if p.is_dir()]


def test_copy_mode_sorts_copies_and_never_overwrites(clf, photos, tmp_path):
    out = tmp_path / "out"
    (out / "sunflower").mkdir(parents=True)
    (out / "sunflower" / "img_06.jpg").write_bytes(b"someone else's file")
    before = tree(photos)
    s = label_folder(clf, photos, LabelOptions(out_dir=out, mode="copy", recursive=True, threshold=0.0))
    assert tree(photos) == before  # the originals stay
    assert (out / "sunflower" / "img_06.jpg").read_bytes() == b"someone else's file"
    r = {x["path"]: x for x in rows(out)}
    for rel, row in r.items():
        if row["status"] == "unreadable":
            assert row["destination"] == ""
            continue
        dst = out / row["destination"]
        assert dst.parent.name == row["predicted_class"] and digest(dst) == digest(photos / rel)
    # two photos named img_00.jpg (top level and trip/) both arrive, one with a suffix
    assert {Path(r["img_00.jpg"]["destination"]).name, Path(r["trip/img_00.jpg"]["destination"]).name} == \
           {"img_00.jpg", "img_00_1.jpg"}
    assert s.counts["unreadable"] == 1 and (out / "_errors.csv").is_file()


def test_move_then_undo_restores_the_folder_exactly(clf, photos, tmp_path):
    out = tmp_path / "out"
    before = tree(photos)
    label_folder(clf, photos, LabelOptions(out_dir=out, mode="move", recursive=True, threshold=0.9))
    left = tree(photos)
    assert set(left) == {"broken.jpg", "notes.txt"}  # unreadable and non-image files stay
    moved = {k: v for k, v in tree(out).items() if "/" in k}
    assert sorted(moved.values()) == sorted(v for k, v in before.items() if k not in left)
    assert (out / ".fewshot-journal.jsonl").is_file()
    summary = undo_labelling(out / ".fewshot-journal.jsonl")
    assert summary.outcomes["restored"] == N_PHOTOS and not summary.conflicts
    assert tree(photos) == before
    assert [p.name for p in out.iterdir()] == [summary.archived_as.name]  # reports and empty folders gone
    # a new run into the same folder starts afresh (the old journal was archived)
    s = label_folder(clf, photos, LabelOptions(out_dir=out, mode="csv", recursive=True))
    assert s.already_done == 0 and s.processed == 11


def test_link_mode_and_low_confidence_goes_to_unsure(clf, photos, tmp_path):
    out = tmp_path / "out"
    s = label_folder(clf, photos, LabelOptions(out_dir=out, mode="link", threshold=1.0))  # nobody is that sure
    links = sorted((out / "_unsure").iterdir())
    assert len(links) == 9 and all(p.is_symlink() and Path(os.readlink(p)).parent == photos for p in links)
    assert s.counts["_unsure"] == 9 and all(x["status"] in ("unsure", "unreadable") for x in rows(out))
    undo_labelling(out)
    assert not (out / "_unsure").exists() and len(list(photos.glob("*.jpg"))) == 10


def test_dry_run_changes_nothing_and_plans_what_a_real_run_does(clf, photos, tmp_path):
    out = tmp_path / "out"
    before = tree(tmp_path)
    plan = label_folder(clf, photos, LabelOptions(out_dir=out, mode="move", recursive=True, dry_run=True))
    assert tree(tmp_path) == before and not out.exists()
    real = label_folder(clf, photos, LabelOptions(out_dir=out, mode="move", recursive=True))
    done = [(r["src"], r["dst"], r["status"]) for r in read_records(out / ".fewshot-journal.jsonl") if r.get("op") == "item"]
    assert [(p.src, p.dst, p.status) for p in plan.planned] == done
    assert plan.counts == real.counts


def test_output_inside_the_folder_is_not_labelled_again(clf, photos):
    out = photos / "sorted"
    label_folder(clf, photos, LabelOptions(out_dir=out, mode="copy", recursive=True))
    again = label_folder(clf, photos, LabelOptions(out_dir=out, mode="copy", recursive=True))
    assert again.processed == 0 and again.already_done == 11
    assert len(rows(out)) == 11


def test_resume_finishes_half_done_moves_after_a_crash(clf, photos, tmp_path):
    """The two instants a kill can hit a move: journalled but not moved; linked but not yet unlinked."""
    out = tmp_path / "out"
    label_folder(clf, photos, LabelOptions(out_dir=out, mode="move", recursive=True))
    items = [r for r in read_records(out / ".fewshot-journal.jsonl") if r.get("op") == "item" and r["dst"]]
    a, b = items[0], items[1]
    os.replace(a["dst"], a["src"])  # "killed before the move"
    os.link(b["dst"], b["src"])  # "killed between link and unlink"
    journal = (out / ".fewshot-journal.jsonl").read_bytes()
    (out / ".fewshot-journal.jsonl").write_bytes(journal + b'{"op": "item", "src": "torn')  # and a torn last line
    s = label_folder(clf, photos, LabelOptions(out_dir=out, mode="move", recursive=True))
    assert s.processed == 0 and s.recovered["redone"] == 1 and s.recovered["completed"] == 1
    assert not Path(a["src"]).exists() and Path(a["dst"]).exists()
    assert not Path(b["src"]).exists() and Path(b["dst"]).exists()
    srcs = [r["src"] for r in read_records(out / ".fewshot-journal.jsonl") if r.get("op") == "item"]
    assert len(srcs) == len(set(srcs)) == 11


def test_cancel_keeps_what_is_done_and_a_rerun_continues(clf, photos, tmp_path):
    out = tmp_path / "out"
    token = CancelToken()

    def stop_after_first_batch(p):
        if p.done >= 4:
            token.cancel()

    with pytest.raises(Cancelled):
        label_folder(clf, photos, LabelOptions(out_dir=out, mode="move", recursive=True, batch_size=4),
                     progress=stop_after_first_batch, cancel=token)
    first = rows(out)
    assert len(first) == 4  # the CSV says what was done before the stop
    s = label_folder(clf, photos, LabelOptions(out_dir=out, mode="move", recursive=True, batch_size=4))
    assert s.already_done == 4 and s.processed == 7 and len(rows(out)) == 11


def test_other_settings_cannot_resume_someone_elses_run(clf, photos, tmp_path):
    out = tmp_path / "out"
    label_folder(clf, photos, LabelOptions(out_dir=out, mode="copy"))
    with pytest.raises(JournalError, match="another mode"):
        label_folder(clf, photos, LabelOptions(out_dir=out, mode="move"))


def test_class_names_cannot_escape_the_output_folder():
    names = class_folders(["../../etc", "a/b", "_unsure", "CON", "ok", "OK", ".", "x:y*"])
    assert all("/" not in f and "\\" not in f and f not in (".", "..") for f in names.values())
    assert len(set(v.lower() for v in names.values())) == len(names)
    assert names["_unsure"] != "_unsure" and names["ok"] == "ok" and names["OK"] != "OK"


def test_bad_input_gets_clear_errors(clf, tmp_path):
    from fewshot_studio.core.imaging.images import ImageLoadError

    with pytest.raises(ImageLoadError, match="does not exist"):
        label_folder(clf, tmp_path / "nope")
    with pytest.raises(ValueError, match="threshold"):
        label_folder(clf, tmp_path, LabelOptions(threshold=2))
    with pytest.raises(ValueError, match="unknown mode"):
        label_folder(clf, tmp_path, LabelOptions(mode="shred"))


@pytest.mark.parametrize("tta", [False, True])
def test_the_onnx_and_torch_engines_give_the_apps_probabilities(clf, photos, tta):
    import dataclasses

    import numpy as np

    from fewshot_studio.core.labelling.engine import make_engine, predict_stream

    model = dataclasses.replace(clf, tta=tta)
    paths = sorted(str(p) for p in photos.glob("img_0[0-4].jpg")) + [str(photos / "broken.jpg")]
    app = model.predict_paths(paths[:-1])[0].probs
    for engine in ("onnx", "torch"):
        out = list(predict_stream(paths, model, make_engine(model, engine), batch_size=4, use_cache=False))
        assert [len(o.paths) for o in out] == [4, 2] and out[1].errors.keys() == {1}
        np.testing.assert_allclose(np.concatenate([o.probs for o in out]), app, atol=1e-4)


def test_moving_a_symlink_moves_the_link_and_undo_restores_it(clf, photos, tmp_path):
    target = photos / "img_00.jpg"
    links = tmp_path / "links"
    links.mkdir()
    (links / "a.jpg").symlink_to(target)
    out = tmp_path / "out"
    label_folder(clf, links, LabelOptions(out_dir=out, mode="move"))
    moved = next(out.rglob("a.jpg"))
    assert moved.is_symlink() and moved.resolve() == target and os.stat(target).st_nlink == 1
    undo_labelling(out)
    assert (links / "a.jpg").is_symlink() and (links / "a.jpg").resolve() == target


def test_a_run_leaves_the_embedding_cache_under_its_limit(clf, photos, tmp_path, monkeypatch):
    from fewshot_studio.core.features.embedding_cache import embeddings_root

    monkeypatch.setenv("FEWSHOT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("FEWSHOT_CACHE_MAX_MB", str(40 / 1024))  # 40 KB: room for a few entries, not 10
    s = label_folder(clf, photos, LabelOptions(out_dir=tmp_path / "out", recursive=True))
    entries = list(embeddings_root().rglob("*.npy"))
    assert s.processed == 11 and 0 < len(entries) < N_PHOTOS
    assert sum(p.stat().st_blocks * 512 or p.stat().st_size for p in entries) <= 40 * 1024
    # The cache is only a speed-up: the same run again gives the same labels.
    again = label_folder(clf, photos, LabelOptions(out_dir=tmp_path / "again", recursive=True))
    assert [r["predicted_class"] for r in rows(tmp_path / "again")] == [r["predicted_class"] for r in rows(tmp_path / "out")]
    assert again.counts == s.counts


def test_the_journal_is_hidden_and_an_old_visible_one_is_still_found(tmp_path):
    """An output folder with the old visible ``_journal.jsonl`` is found by name or by folder."""
    from fewshot_studio.core.labelling.journal import JOURNAL_NAME, LEGACY_JOURNAL_NAME, journal_file

    out = tmp_path / "out"
    out.mkdir()
    assert journal_file(out).name == JOURNAL_NAME  # a new run writes the hidden one
    (out / LEGACY_JOURNAL_NAME).write_text("")
    assert journal_file(out).name == LEGACY_JOURNAL_NAME
    (out / JOURNAL_NAME).write_text("")
    assert journal_file(out).name == JOURNAL_NAME
