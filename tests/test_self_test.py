"""``fewshot-studio --self-test``: one line per step, timings, non-zero exit on any failure."""
from __future__ import annotations

import io
import re
from pathlib import Path

from fewshot_studio.core.self_test import SelfTest

STEPS = ["libraries", "backbone", "demo project", "train", "predict", "export", "reload"]
LINE = re.compile(r"^  (ok|FAIL|skip)  (?: *(\d+\.\d\d) s|        )  ([a-z ]+): (.*)$")


def parse(output: str) -> list[tuple[str, float | None, str, str]]:
    rows = []
    for line in output.splitlines():
        m = LINE.match(line)
        if m:
            rows.append((m[1], float(m[2]) if m[2] else None, m[3], m[4]))
    return rows


def test_self_test_command_runs_every_step(installed_app):
    """The command support asks for, from an installed wheel (no source tree), in an unrelated folder."""
    cache = Path(installed_app.env["FEWSHOT_CACHE_DIR"])
    before = sorted(cache.rglob("*")) if cache.exists() else []
    proc = installed_app.run(str(installed_app.script), "--self-test", timeout=900)
    out = proc.stdout
    rows = parse(out)
    assert [name for _, _, name, _ in rows] == STEPS, out + proc.stderr
    assert out.splitlines()[0].startswith("Fewshot Studio ") and "self-test" in out.splitlines()[0]
    status = {name: st for st, _, name, _ in rows}
    detail = {name: d for _, _, name, d in rows}
    for st, seconds, name, _ in rows:
        assert (seconds is None) == (st == "skip"), name
    for name in ("libraries", "backbone", "demo project", "train", "predict"):
        assert status[name] == "ok", out + proc.stderr
    assert "5 classes, 80 examples, 17 test images" in detail["demo project"]
    assert re.search(r"held-out accuracy \d+%", detail["train"])
    # The demo's test pool holds a bag and an ankle boot, kinds it was never taught.
    assert re.search(r"\d+ unsure, [1-9]\d* none of these\)", detail["predict"]), detail["predict"]

    assert proc.returncode == 0, out + proc.stderr
    assert status["export"] == status["reload"] == "ok"
    assert out.rstrip().splitlines()[-1].startswith("Self-test passed: all 7 steps")
    # It works in a throw-away folder: the user's (here: the test run's) cache is untouched.
    assert (sorted(cache.rglob("*")) if cache.exists() else []) == before


def test_a_failing_step_is_reported_and_what_needs_it_is_skipped(monkeypatch):
    out = io.StringIO()
    st = SelfTest(out=out)

    def libraries():
        st.state["device"] = "cpu"
        return "fake libraries"

    def backbone():
        raise RuntimeError("the weights file is damaged")

    monkeypatch.setattr(st, "libraries", libraries)
    monkeypatch.setattr(st, "backbone", backbone)
    assert st.run() == 1
    rows = parse(out.getvalue())
    assert [(s, n) for s, _, n, _ in rows] == [
        ("ok", "libraries"),
        ("FAIL", "backbone"),
        ("ok", "demo project"),
        ("skip", "train"),
        ("skip", "predict"),
        ("skip", "export"),
        ("skip", "reload"),
    ]
    assert "RuntimeError: the weights file is damaged" in out.getvalue()
    assert "needs backbone" in out.getvalue()
    assert "Please send all of this output to support" in out.getvalue()
