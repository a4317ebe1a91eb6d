"""``fewshot-studio label`` and ``undo`` as a user runs them, including a run killed half-way (twice)."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from classifier_helpers import CLASSES, photo_folder, train_small, tree

from fewshot_studio.cli.main import main
from fewshot_studio.core.classifier.file_format import save_classifier
from fewshot_studio.core.labelling.journal import read_records

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def model_file(shared_data, tmp_path_factory):
    return save_classifier(train_small(shared_data).classifier, tmp_path_factory.mktemp("m") / "flowers.fewshot")


def test_label_move_prints_a_summary_and_undo_puts_everything_back(model_file, shared_data, tmp_path, capsys):
    photos = photo_folder(tmp_path, shared_data)
    before = tree(photos)
    out = tmp_path / "sorted"
    assert main(["label", str(model_file), str(photos), "--out", str(out), "--mode", "move", "--recursive"]) == 0
    text = capsys.readouterr().out
    assert "Labelled 11 photos" in text and "unreadable               1" in text
    assert f"Undo with: fewshot-studio undo {out / '.fewshot-journal.jsonl'}" in text
    assert set(tree(photos)) == {"broken.jpg", "notes.txt"}
    assert main(["undo", str(out / ".fewshot-journal.jsonl")]) == 0
    assert "Put back 10 moved photos" in capsys.readouterr().out
    assert tree(photos) == before


def test_dry_run_and_default_output_folder(model_file, shared_data, tmp_path, capsys):
    photos = photo_folder(tmp_path, shared_data)
    assert main(["label", str(model_file), str(photos), "--mode", "copy", "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "Dry run: 10 photos would be labelled" in text and "nothing was changed" in text
    assert f"{tmp_path / 'photos-labelled'}" in text and not (tmp_path / "photos-labelled").exists()
    assert main(["label", str(model_file), str(photos)]) == 0
    assert (tmp_path / "photos-labelled" / "labels.csv").is_file()


def test_clear_errors_for_bad_arguments(model_file, tmp_path, capsys):
    bad = tmp_path / "bad.fewshot"
    bad.write_bytes(b"PK\x03\x04 truncated")
    assert main(["label", str(bad), str(tmp_path)]) == 1  # a run-time failure; 2 is for usage errors
    assert "damaged or truncated" in capsys.readouterr().err
    assert main(["label", str(model_file), str(tmp_path / "nowhere")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["undo", str(tmp_path / "nothing.jsonl")]) == 1
    assert "no such journal" in capsys.readouterr().err


def _many_photos(root: Path, shared_data: Path, n: int) -> Path:
    folder = root / "many"
    folder.mkdir()
    pool = [p for c in CLASSES for p in sorted((shared_data / "flowers12" / c).glob("*.jpg"))[20:]]
    for i, p in enumerate(pool[:n]):
        shutil.copyfile(p, folder / f"p{i:03d}.jpg")
    return folder


def _items(journal: Path) -> int:
    try:
        return sum(1 for r in read_records(journal) if r.get("op") == "item")
    except FileNotFoundError:
        return 0


def test_a_killed_move_resumes_and_never_handles_a_photo_twice(model_file, shared_data, tmp_path):
    photos = _many_photos(tmp_path, shared_data, 60)
    originals = Counter(tree(photos).values())
    out = tmp_path / "out"
    journal = out / ".fewshot-journal.jsonl"
    cmd = [sys.executable, "-m", "fewshot_studio", "label", str(model_file), str(photos), "--out", str(out),
           "--mode", "move", "--batch-size", "2", "--workers", "2"]
    for kill_after in (6, 24):  # kill -9 twice, at different points
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while _items(journal) < kill_after and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
        # at any instant: every photo is in exactly one place, none lost, none doubled
        seen = Counter(v for k, v in tree(out).items() if "/" in k) + Counter(tree(photos).values())
        assert not originals - seen  # nothing lost
        assert sum((seen - originals).values()) <= 1  # at most the one photo mid-move (a hard link, not a copy)
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "were done by an earlier run" in done.stdout
    srcs = [r["src"] for r in read_records(journal) if r.get("op") == "item"]
    assert len(srcs) == len(set(srcs)) == 60  # each photo decided exactly once
    assert tree(photos) == {}
    placed = Counter(v for k, v in tree(out).items() if "/" in k)
    assert placed == originals  # every photo arrived exactly once, bytes intact
    assert len((out / "labels.csv").read_text().splitlines()) == 61
    assert sum(1 for r in read_records(journal) if r.get("op") == "start") == 3
    assert not list(out.rglob(".*.partial"))
