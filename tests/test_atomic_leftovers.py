"""Saves killed half-way leave temp files; the next save of the same file removes them, never a
live writer's."""
from __future__ import annotations

import os
import subprocess
import sys
import time

from fewshot_studio.core.project import Project

KILLED_SAVE = r"""
import os, signal, sys
from fewshot_studio.core.util.atomic import atomic_write
def write(fh):
    fh.write(b"x" * 1_000_000)
    fh.flush()
    if sys.argv[2] == "kill":
        os.kill(os.getpid(), signal.SIGKILL)  # kill -9 in the middle of the save
    print("writing", flush=True)
    sys.stdin.read()  # a live, slow writer: waits until told to finish
atomic_write(sys.argv[1], write)
"""


def _temps(folder, name):
    return sorted(p for p in folder.iterdir() if p.name.startswith(f".{name}.") and p.name.endswith(".tmp"))


def test_the_next_save_removes_what_killed_saves_left_but_not_a_live_writers(tmp_path):
    target = tmp_path / "my.fsproject"
    for _ in range(3):
        run = subprocess.run([sys.executable, "-c", KILLED_SAVE, str(target), "kill"], capture_output=True, check=False)
        assert run.returncode == -9
    dead = _temps(tmp_path, target.name)
    assert len(dead) == 3 and not target.exists()
    live = subprocess.Popen([sys.executable, "-c", KILLED_SAVE, str(target), "live"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    try:
        assert live.stdout.readline() == b"writing\n"
        old = time.time() - 3600
        for p in _temps(tmp_path, target.name):
            os.utime(p, (old, old))  # as if a long time had passed, for the live one too
        Project().save(target)
        left = _temps(tmp_path, target.name)
        assert len(left) == 1 and left[0] not in dead  # only the live writer's file remains
    finally:
        live.communicate(b"", timeout=30)
    assert live.returncode == 0 and target.read_bytes() == b"x" * 1_000_000
    assert _temps(tmp_path, target.name) == []
