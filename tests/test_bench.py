"""The episodic benchmark on a tiny real folder, in-process and through the CLI's --json."""
from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from fewshot_studio.core.bench import BenchRecord, format_table, run_bench, sample_episodes

REPO = Path(__file__).resolve().parents[1]
RECORD_KEYS = {"method", "ways", "shots", "episodes", "accuracy", "ci95", "fit_ms"}


@pytest.fixture(scope="module")
def tiny_dataset(tmp_path_factory, fashion_small) -> Path:
    """4 Fashion-MNIST classes × 8 real images, plus one unreadable file that must be skipped."""
    root = tmp_path_factory.mktemp("bench") / "fashion"
    for name, paths in fashion_small.items():
        (root / name).mkdir(parents=True)
        for p in paths:
            shutil.copy(p, root / name / p.name)
    (root / next(iter(fashion_small)) / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    return root


def test_run_bench_records(tiny_dataset):
    methods = ("auto", "prototypes", "logreg", "dense-head", "transductive")
    records, info = run_bench(str(tiny_dataset), ways=4, shots=(1, 2), episodes=3, methods=methods, queries=3,
                              device="cpu")
    assert info["images"] == 33 and info["skipped"] == 1 and info["classes"] == 4
    assert [(r.shots, r.method) for r in records] == [(k, m) for k in (1, 2) for m in methods]
    for r in records:
        assert r.ways == 4 and r.episodes == 3
        assert 0.0 <= r.accuracy <= 1.0
        assert math.isfinite(r.ci95) and r.ci95 >= 0
        assert r.fit_ms > 0
        assert 0.0 <= r.ece <= 1.0
        assert RECORD_KEYS <= set(r.as_json())
    # Real features of 4 clothing classes: far above chance (0.25) for the prototype head.
    assert next(r for r in records if r.method == "prototypes" and r.shots == 2).accuracy >= 0.6
    table = format_table(records)
    assert table.count("\n") == len(records) + 1 and "dense-head" in table


def test_run_bench_finetune(tiny_dataset, monkeypatch):
    from fewshot_studio.core.tuning import finetune as ft

    monkeypatch.setattr(ft, "DEFAULT_STEPS", 2)  # 1-shot uses the default schedule; keep CI fast
    records, _ = run_bench(str(tiny_dataset), ways=4, shots=(1,), episodes=3, finetune_episodes=1,
                           methods=("finetune",), queries=2, device="cpu")
    (r,) = records
    assert r.method == "finetune" and r.episodes == 1
    assert 0.0 <= r.accuracy <= 1.0 and r.fit_ms > 0


def test_every_method_sees_the_same_episodes():
    labels = np.repeat(np.arange(6), 10)
    a = sample_episodes(labels, 5, 1, 4, 3, seed=11)
    b = sample_episodes(labels, 5, 1, 4, 3, seed=11)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x.support, y.support)
        np.testing.assert_array_equal(x.query, y.query)
    for ep in a:
        assert len(ep.support) == 5 and len(ep.query) == 15
        assert not set(ep.support) & set(ep.query)
        assert len(set(ep.classes)) == 5
    with pytest.raises(ValueError):
        sample_episodes(labels, 7, 1, 1, 3, seed=0)


def test_one_episode_record_is_plain_json():
    r = BenchRecord("prototypes", 5, 1, 1, 0.8, float("nan"), 1.0)
    text = json.dumps(r.as_json())
    assert "NaN" not in text
    assert json.loads(text)["ci95"] is None


def test_cli_bench_writes_the_documented_json(tiny_dataset, tmp_path):
    out = tmp_path / "results.json"
    cmd = [sys.executable, "-m", "fewshot_studio", "bench", str(tiny_dataset), "--ways", "4", "--shots", "1", "2",
           "--episodes", "2", "--queries", "3", "--methods", "prototypes", "transductive", "--device", "cpu",
           "--no-throughput", "--json", str(out)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr
    assert "prototypes" in proc.stdout and "transductive" in proc.stdout

    def no_nan(name):
        raise AssertionError(f"non-standard JSON constant {name}")

    records = json.loads(out.read_text(), parse_constant=no_nan)
    assert isinstance(records, list) and len(records) == 4
    for rec in records:
        assert RECORD_KEYS <= set(rec)
        assert rec["ways"] == 4 and rec["episodes"] == 2 and rec["shots"] in (1, 2)
        assert rec["method"] in ("prototypes", "transductive")
        assert 0.0 <= rec["accuracy"] <= 1.0
        assert isinstance(rec["ci95"], float) and rec["fit_ms"] > 0


def test_cli_bench_reports_a_bad_folder(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "fewshot_studio", "bench", str(tmp_path / "nope"), "--no-throughput"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1  # a run-time failure (2 is for usage errors)
    assert "error:" in proc.stderr and "nope" in proc.stderr
