"""Files the app keeps for the user between sessions: autosaves, recent projects, the demo copy.

Plain Python (no Qt) so it is tested without a window. Autosaves carry the id of the process that
wrote them: one left behind by a process that is gone means the app did not close cleanly, and the
next start offers it back; a running second window never steals the first one's autosave.
"""
from __future__ import annotations

import filecmp
import json
import math
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from fewshot_studio.core.project import PROJECT_SUFFIX, Project, ProjectError, read_project_json
from fewshot_studio.core.util import json_text
from fewshot_studio.core.util.atomic import atomic_write_text
from fewshot_studio.core.util.locations import config_dir, data_dir
from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP, Words, message_of

MAX_RECENT = 8
DEMO_FILE = "demo.fsproject"


# -- recent projects ---------------------------------------------------------------------------
def _recent_file() -> Path:
    return config_dir() / "recent-projects.json"


def recent_projects() -> list[Path]:
    """Most recent first; files that no longer exist are left out."""
    try:
        entries = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(p) for p in entries if isinstance(p, str) and os.path.isfile(p)]


def remember_recent(file: str | os.PathLike[str]) -> list[Path]:
    path = Path(file).absolute()
    entries = [path] + [p for p in recent_projects() if p != path]
    entries = entries[:MAX_RECENT]
    atomic_write_text(_recent_file(), json_text.dumps([str(p) for p in entries], indent=1))
    return entries


# -- autosave ----------------------------------------------------------------------------------
@dataclass
class Autosave:
    file: Path
    original: Path | None  # the project file it belongs to, None for an untitled project
    saved_at: float
    pid: int


def autosave_dir() -> Path:
    return data_dir() / "autosave"


class AutosaveSlot:
    """Where this window autosaves the project it shows; one slot per open project."""

    def __init__(self) -> None:
        self.file = autosave_dir() / f"autosave-{uuid.uuid4().hex[:12]}{PROJECT_SUFFIX}"

    def write(self, project: Project) -> Path:
        data = project.to_json(None)  # absolute paths: the autosave lives far from the images
        data["autosave"] = {
            "original": str(project.file) if project.file else None,
            "saved_at": time.time(),
            "pid": os.getpid(),
        }
        return atomic_write_text(self.file, json_text.dumps(data))

    def discard(self) -> None:
        try:
            self.file.unlink()
        except FileNotFoundError:
            pass


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        import psutil

        return psutil.pid_exists(pid)
    except ImportError:  # pragma: no cover - psutil is a dependency
        return False


def set_aside(file: Path) -> Path:
    """Rename a damaged file out of the way (never deleted: it may hold work someone can rescue)."""
    target = file.with_name(f"{file.name}.damaged")
    n = 1
    while target.exists():
        target, n = file.with_name(f"{file.name}.damaged-{n}"), n + 1
    os.replace(file, target)
    return target


def _damaged(file: Path, what: Words) -> ProjectError:
    return ProjectError(QT_TRANSLATE_NOOP("engine", "{0} is damaged: {1}.").format(file.name, what))


def _autosave_meta(file: Path) -> Autosave:
    """The autosave's own record, validated with the whole project it holds (ProjectError if damaged)."""
    data = read_project_json(file)
    meta = data.get("autosave") or {}
    if not isinstance(meta, dict):
        raise _damaged(file, QT_TRANSLATE_NOOP("engine", "its autosave record is not a table"))
    pid, saved_at, original = meta.get("pid") or 0, meta.get("saved_at") or 0, meta.get("original")
    if isinstance(pid, bool) or not isinstance(pid, int) or not 0 <= pid < 1 << 31:
        raise _damaged(file, QT_TRANSLATE_NOOP("engine", "its process id is not a valid number"))
    if isinstance(saved_at, bool) or not isinstance(saved_at, (int, float)) or not math.isfinite(saved_at):
        raise _damaged(file, QT_TRANSLATE_NOOP("engine", "its time is not a number"))
    if original is not None and not isinstance(original, str):
        raise _damaged(file, QT_TRANSLATE_NOOP("engine", "its project file name is not text"))
    return Autosave(file, Path(original) if original else None, float(saved_at), pid)


def scan_autosaves() -> tuple[list[Autosave], list[tuple[Path, str]]]:
    """Autosaves of sessions that ended without closing cleanly (newest first), and the damaged
    ones found on the way: each set aside (renamed ``*.damaged``) with what was wrong (``Words``:
    the window translates it), so a bad file can never stop the app from starting, now or at the
    next start."""
    found, damaged = [], []
    for file in autosave_dir().glob(f"autosave-*{PROJECT_SUFFIX}"):
        try:
            autosave = _autosave_meta(file)
        except ProjectError as exc:
            try:
                damaged.append((set_aside(file), message_of(exc)))
            except OSError:
                pass
            continue
        if autosave.pid and _pid_alive(autosave.pid):
            continue
        found.append(autosave)
    return sorted(found, key=lambda a: -a.saved_at), damaged


def leftover_autosaves() -> list[Autosave]:
    """Autosaves of sessions that ended without closing cleanly (newest first)."""
    return scan_autosaves()[0]


# -- portable projects -----------------------------------------------------------------------------
def portable_dir() -> Path:
    """Where the photos of opened portable projects are unpacked (one folder per file)."""
    return data_dir() / "portable-projects"


# -- the demo ----------------------------------------------------------------------------------
def demo_source() -> Path:
    from fewshot_studio.resources import resource_path

    return resource_path("demo")


def demo_copy_dir() -> Path:
    return data_dir() / "demo-project"


def prepare_demo(target: Path | None = None) -> Path:
    """Copy the shipped demo into the user's data folder and return its project file.

    The installed resources may be read-only (or shared by every user), so the demo is never
    opened in place. Each call refreshes the copy to the demo as shipped (the project file and
    any image that is missing or differs), so "Open demo" always shows the real demo.
    """
    source = demo_source()
    target = target or demo_copy_dir()
    for src in source.rglob("*"):
        if src.is_file():
            dst = target / src.relative_to(source)
            if not dst.is_file() or not filecmp.cmp(src, dst, shallow=False):
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dst)
    return target / DEMO_FILE


# -- the last sort (File ▸ Undo last sort) ------------------------------------------------------
def _last_sort_file() -> Path:
    return config_dir() / "last-sort.json"


def remember_last_sort(journal: str | os.PathLike[str]) -> None:
    """A labelling run that copied, moved or linked photos: File ▸ Undo last sort can reverse it."""
    atomic_write_text(_last_sort_file(), json.dumps({"journal": str(Path(journal).absolute())}))


def last_sort() -> Path | None:
    """The journal of the last sort that can still be undone, or None."""
    try:
        journal = Path(json.loads(_last_sort_file().read_text(encoding="utf-8"))["journal"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return journal if journal.is_file() else None


def forget_last_sort() -> None:
    _last_sort_file().unlink(missing_ok=True)
