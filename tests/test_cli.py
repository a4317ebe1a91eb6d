"""The command line's conventions, which scripts rely on: exit status (0 done, 1 failed, 2 usage),
problems on stderr, pasteable paths, ``--json`` summaries, every option's default in ``--help``,
and Ctrl+C stopping cleanly."""
from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from classifier_helpers import CLASSES, photo_folder, train_small

from fewshot_studio.core.labelling.journal import JOURNAL_NAME
from fewshot_studio.cli.main import main
from fewshot_studio.core.classifier.file_format import save_classifier

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def model_file(shared_data, tmp_path_factory):
    return save_classifier(train_small(shared_data).classifier, tmp_path_factory.mktemp("m") / "flowers.fewshot")


def _usage_error(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["label", "m.fewshot", "photos", "--batch-size", "0"],
    ["label", "m.fewshot", "photos", "--batch-size", "-3"],
    ["label", "m.fewshot", "photos", "--workers", "0"],
    ["label", "m.fewshot", "photos", "--threshold", "1.5"],
    ["bench", "data", "--episodes", "0"],
    ["bench", "data", "--shots", "1", "0"],
    ["metatrain", "data", "--out", "x.fewshot-backbone", "--lr", "0"],
    ["metatrain", "data", "--out", "x.fewshot-backbone", "--val-fraction", "1"],
])
def test_a_number_that_cannot_work_is_a_usage_error(argv, capsys):
    err = _usage_error(argv, capsys)
    assert "error: argument" in err and ("at least 1" in err or "0 and 1" in err or "0 to 1" in err or "above 0" in err)


def test_an_unknown_word_is_a_usage_error_naming_the_commands(tmp_path, capsys):
    err = _usage_error(["trian"], capsys)
    assert "'trian' is neither a command" in err and "Did you mean 'train'?" in err
    assert all(name in err for name in ("bench", "train", "export", "label", "undo", "metatrain"))
    # the same from a real process without a display: no Qt abort (rc 134)
    proc = subprocess.run([sys.executable, "-m", "fewshot_studio", "trian"], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path, env={**os.environ, "QT_QPA_PLATFORM": ""})
    assert proc.returncode == 2 and "neither a command" in proc.stderr


def test_run_time_failures_exit_1_with_the_error_on_stderr(model_file, tmp_path, capsys):
    missing = tmp_path / "no such folder"
    assert main(["train", str(missing), "--out", str(tmp_path / "x.fewshot")]) == 1
    out, err = capsys.readouterr()
    assert err.startswith(f"error: {shlex.quote(str(missing))}: ") and not out  # pasteable into a shell
    assert main(["label", str(model_file), str(tmp_path / "nowhere")]) == 1
    assert capsys.readouterr().err.startswith("error: ")


def test_train_json_summary_and_warnings_on_stderr(shared_data, tmp_path, capsys):
    data = tmp_path / "dataset"
    for i, c in enumerate(CLASSES[:2]):
        (data / c).mkdir(parents=True)
        for p in sorted((shared_data / "flowers12" / c).glob("*.jpg"))[: 5 + 3 * i]:
            os.symlink(p, data / c / p.name)
    dup = sorted((shared_data / "flowers12" / CLASSES[0]).glob("*.jpg"))[0]
    shutil.copyfile(dup, data / CLASSES[1] / "same_photo_in_two_classes.jpg")  # a data warning
    (data / CLASSES[1] / "broken.jpg").write_bytes(b"not a photo")
    out = tmp_path / "my models" / "two.fewshot"
    assert main(["train", str(data), "--out", str(out), "--method", "prototypes", "--json"]) == 0
    stdout, stderr = capsys.readouterr()
    summary = json.loads(stdout)  # nothing else on stdout
    assert summary["classifier_file"] == str(out) and out.is_file()
    assert summary["classes"] == list(CLASSES[:2])
    assert summary["images_per_class"] == {CLASSES[0]: 5, CLASSES[1]: 9}  # broken.jpg left out
    lo, hi = summary["accuracy_ci95"]
    assert 0 <= lo <= summary["accuracy"] <= hi <= 1 and summary["n_heldout"] == 14  # every photo, cross-validated
    assert summary["accuracy_sentence"].startswith(f"{summary['n_correct']} of 14 right")
    assert summary["skipped"] and summary["skipped"][0]["path"].endswith("broken.jpg")
    lines = stderr.splitlines()
    assert any(line.startswith("warning: skipped ") for line in lines)
    assert summary["warnings"] and all(f"warning: {w}" in stderr for w in summary["warnings"])


def test_label_json_summary_and_pasteable_paths(model_file, shared_data, tmp_path, capsys):
    photos = photo_folder(tmp_path, shared_data)
    out = tmp_path / "sorted photos"
    assert main(["label", str(model_file), str(photos), "--out", str(out), "--mode", "copy", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["labels_csv"] == str(out / "labels.csv") and Path(summary["labels_csv"]).is_file()
    assert summary["journal"] == str(out / JOURNAL_NAME)
    assert summary["errors_csv"] == str(out / "_errors.csv")  # photo_folder has a broken file
    assert sum(summary["counts"].values()) == summary["processed"] == 10
    assert summary["counts"]["unreadable"] == 1

    again = tmp_path / "it's sorted"
    assert main(["label", str(model_file), str(photos), "--out", str(again), "--mode", "copy"]) == 0
    text = capsys.readouterr().out
    hint = next(line for line in text.splitlines() if line.startswith("Undo with: "))
    assert shlex.split(hint.removeprefix("Undo with: ")) == ["fewshot-studio", "undo", str(again / JOURNAL_NAME)]


def test_bench_json_dash_writes_to_stdout(fashion_small, tmp_path):
    data = tmp_path / "fashion"
    for name, paths in fashion_small.items():
        (data / name).mkdir(parents=True)
        for p in paths[:4]:
            shutil.copy(p, data / name / p.name)
    cmd = [sys.executable, "-m", "fewshot_studio", "bench", str(data), "--ways", "3", "--shots", "1",
           "--episodes", "2", "--queries", "2", "--methods", "prototypes", "--device", "cpu", "--no-throughput",
           "--json", "-"]
    proc = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)
    assert [r["method"] for r in records] == ["prototypes"]
    assert "prototypes" in proc.stderr  # the table went to stderr
    assert not (tmp_path / "-").exists()


def test_metatrain_help_shows_every_default(capsys):
    with pytest.raises(SystemExit):
        main(["metatrain", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for shown in ("(default: 600)", "(default: 5 20)", "(default: 0.0001)", "(default: meta-baseline)",
                  "(default: 0.15)", "(default: the backbone's)", "(default: OUT.work)"):
        assert shown in text, shown
    assert "(default: None)" not in text and "(default: False)" not in text


def _interrupt_when(proc: subprocess.Popen, ready, sig: int = signal.SIGINT, timeout: float = 120) -> None:
    """Send ``sig`` (Ctrl+C) once ``ready()`` holds (polling a subprocess: there is no event to wait for)."""
    deadline = time.monotonic() + timeout
    while not ready() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the process ended before it could be interrupted"
    proc.send_signal(sig)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_ctrl_c_stops_bench_cleanly(fashion_small, tmp_path):
    data = tmp_path / "fashion"
    for name, paths in fashion_small.items():
        (data / name).mkdir(parents=True)
        for p in paths:
            shutil.copy(p, data / name / p.name)
    cmd = [sys.executable, "-u", "-m", "fewshot_studio", "bench", str(data), "--ways", "4", "--shots", "1", "5",
           "--episodes", "100000", "--methods", "logreg", "--device", "cpu", "--no-throughput",
           "--json", str(tmp_path / "r.json")]
    env = {**os.environ, "FEWSHOT_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    _interrupt_when(proc, lambda: any(p.is_file() for p in (tmp_path / "cache").rglob("*")))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Interrupted" in err
    assert not (tmp_path / "r.json").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_and_sigterm_close_the_window_cleanly(sig, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FEWSHOT_DATA_DIR": str(tmp_path / "data"),
           "FEWSHOT_CONFIG_DIR": str(tmp_path / "config"), "FEWSHOT_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "fewshot_studio", "--demo"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    demo = tmp_path / "data" / "demo-project" / "demo.fsproject"
    _interrupt_when(proc, demo.is_file, sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + sig, err
    assert "Traceback" not in err and "QThread: Destroyed" not in err, err


@pytest.mark.parametrize("command", ["train", "label", "export", "bench", "undo", "metatrain"])
def test_every_help_page_reads_as_written(command, capsys):
    """argparse formats argument help with %, but a description only when it names %(prog)s: a
    "95 %%" there reached the reader as "%%"."""
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0 and "%%" not in out and command in out
