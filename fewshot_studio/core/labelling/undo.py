"""Undo a labelling run from its journal: every moved photo goes back to where it was.

Copies and links the run made are removed (a copy only if it still equals its original, so
nothing edited since is lost); nothing is ever overwritten — a photo whose old place is taken
again is reported as a conflict and left where it is. Undo is itself safe to kill and re-run:
each step checks the file system, not a memory of what it did.

A journal is a file anyone can edit, so undo only touches paths inside the run's own folders: a
destination must lie in the folder holding the journal (where the run wrote), a source in the
folder the run labelled. An output folder moved whole (the journal with it) is followed. A photo
found in neither place is reported as not found, and the journal is kept so nothing is forgotten.
"""
from __future__ import annotations

import contextlib
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fewshot_studio.core.labelling.journal import (
    Journal,
    JournalError,
    failures,
    journal_file,
    read_records,
    undo_placement,
)
from fewshot_studio.core.labelling.report import CSV_NAME, ERRORS_NAME
from fewshot_studio.core.util.progress import CancelToken, Progress, ProgressCallback, no_progress
from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP

STAGE = "Putting files back"


@dataclass
class UndoSummary:
    journal: Path
    mode: str
    outcomes: Counter = field(default_factory=Counter)  # restored / removed / already / conflict / missing / outside
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (original place, where it is now)
    missing: list[tuple[str, str]] = field(default_factory=list)  # in neither place: (original place, destination)
    outside: list[tuple[str, str]] = field(default_factory=list)  # paths outside the run's folders: left alone
    archived_as: Path | None = None
    dry_run: bool = False


def undo_labelling(journal: str | os.PathLike[str], *, dry_run: bool = False, progress: ProgressCallback = no_progress,
                   cancel: CancelToken | None = None) -> UndoSummary:
    """Reverse every placement in ``journal`` (newest first); see the module docstring."""
    path = Path(journal)
    if path.is_dir():
        path = journal_file(path)
    if not path.is_file():
        raise JournalError(QT_TRANSLATE_NOOP("engine", "{0}: no such journal (give the labelling output folder, or the "
                                             "{1} in it)").format(path, path.name))
    records = list(read_records(path))
    modes = {r.get("mode") for r in records if r.get("op") == "start"}
    if len(modes) != 1:
        raise JournalError(QT_TRANSLATE_NOOP("engine", "{0} is not a labelling journal (no run recorded in it)").format(path))
    mode = modes.pop()
    start = next(r for r in records if r.get("op") == "start")
    failed = failures(records)
    items = [r for r in records if r.get("op") == "item" and r.get("dst") and r["src"] not in failed]
    folder, out = os.path.normpath(start["folder"]), os.path.realpath(path.parent)
    written_to = os.path.normpath(start["out"]) if isinstance(start.get("out"), str) else str(path.parent)
    placements = [(r["src"], _moved_with_the_journal(r["dst"], written_to, path.parent)) for r in items]
    summary = UndoSummary(path, mode, dry_run=dry_run)
    lock = None if dry_run else Journal(path)  # no labelling run may work on this folder meanwhile
    try:
        progress(Progress(STAGE, 0, len(items)))
        for n, (src, dst) in enumerate(reversed(placements), 1):
            if cancel is not None:
                cancel.raise_if_cancelled()
            if not (_within(src, folder, real=False) and _within(dst, out, real=True)):
                outcome = "outside"
            elif not os.path.lexists(dst) and not os.path.lexists(src):
                outcome = "missing"
            else:
                outcome = undo_placement(Path(src), Path(dst), mode, dry_run)
            summary.outcomes[outcome] += 1
            if outcome in ("conflict", "missing", "outside"):
                getattr(summary, "conflicts" if outcome == "conflict" else outcome).append((src, dst))
            if n % 64 == 0 or n == len(items):
                progress(Progress(STAGE, n, len(items)))
    finally:
        if lock is not None:
            lock.close()
    if not dry_run and not (summary.conflicts or summary.missing or summary.outside):
        summary.archived_as = _tidy(path, [dst for _, dst in placements])
    return summary


def _moved_with_the_journal(dst: str, written_to: str, now: Path) -> str:
    """Where a destination is now when the whole output folder was moved (the journal with it)."""
    dst = os.path.normpath(os.path.abspath(dst))
    if written_to != os.path.normpath(os.path.abspath(now)) and dst.startswith(written_to.rstrip(os.sep) + os.sep):
        return os.path.join(now, os.path.relpath(dst, written_to))
    return dst


def _within(p: str, root: str, real: bool) -> bool:
    """``p`` lies inside ``root`` (``..`` resolved; with ``real``, links in its folders resolved too)."""
    p = os.path.abspath(p)
    p = os.path.join(os.path.realpath(os.path.dirname(p)), os.path.basename(p)) if real else os.path.normpath(p)
    return p.startswith(root.rstrip(os.sep) + os.sep)


def _tidy(journal: Path, destinations: list[str]) -> Path:
    """Everything is back: drop the reports and emptied folders, keep the journal under a new name
    (so a new labelling run into this folder starts afresh, and the history is not lost)."""
    out = journal.parent
    for name in (CSV_NAME, ERRORS_NAME):
        with contextlib.suppress(FileNotFoundError):
            (out / name).unlink()
    for folder in sorted({Path(d).parent for d in destinations}, key=lambda p: -len(p.parts)):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty: anything the user put there stays
    archived = journal.with_name(f"{journal.stem}-undone-{time.strftime('%Y%m%d-%H%M%S')}.jsonl")
    os.replace(journal, archived)
    return archived


__all__ = ["UndoSummary", "undo_labelling"]
