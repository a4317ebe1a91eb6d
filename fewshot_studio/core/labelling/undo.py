"""Undo a labelling run from its journal: every moved photo goes back to where it was.

Copies and links the run made are removed (a copy only if it still equals its original, so
nothing edited since is lost); nothing is ever overwritten — a photo whose old place is taken
again is reported as a conflict and left where it is. Undo is itself safe to kill and re-run:
each step checks the file system, not a memory of what it did.
"""
from __future__ import annotations

import contextlib
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fewshot_studio.core.labelling.journal import Journal, JournalError, journal_file, read_records, undo_placement
from fewshot_studio.core.labelling.report import CSV_NAME, ERRORS_NAME
from fewshot_studio.core.util.progress import CancelToken, Progress, ProgressCallback, no_progress

STAGE = "Putting files back"


@dataclass
class UndoSummary:
    journal: Path
    mode: str
    outcomes: Counter = field(default_factory=Counter)  # restored / removed / already / conflict
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (original place, where it is now)
    archived_as: Path | None = None
    dry_run: bool = False


def undo_labelling(journal: str | os.PathLike[str], *, dry_run: bool = False, progress: ProgressCallback = no_progress,
                   cancel: CancelToken | None = None) -> UndoSummary:
    """Reverse every placement in ``journal`` (newest first); see the module docstring."""
    path = Path(journal)
    if path.is_dir():
        path = journal_file(path)
    if not path.is_file():
        raise JournalError(f"{path}: no such journal (give the labelling output folder, or the "
                           f"{path.name} in it)")
    records = list(read_records(path))
    modes = {r.get("mode") for r in records if r.get("op") == "start"}
    if len(modes) != 1:
        raise JournalError(f"{path} is not a labelling journal (no run recorded in it)")
    mode = modes.pop()
    failed = {r["src"] for r in records if r.get("op") == "failed"}
    items = [r for r in records if r.get("op") == "item" and r.get("dst") and r["src"] not in failed]
    summary = UndoSummary(path, mode, dry_run=dry_run)
    lock = None if dry_run else Journal(path)  # no labelling run may work on this folder meanwhile
    try:
        progress(Progress(STAGE, 0, len(items)))
        for n, rec in enumerate(reversed(items), 1):
            if cancel is not None:
                cancel.raise_if_cancelled()
            outcome = undo_placement(Path(rec["src"]), Path(rec["dst"]), mode, dry_run)
            summary.outcomes[outcome] += 1
            if outcome == "conflict":
                summary.conflicts.append((rec["src"], rec["dst"]))
            if n % 64 == 0 or n == len(items):
                progress(Progress(STAGE, n, len(items)))
    finally:
        if lock is not None:
            lock.close()
    if not dry_run and not summary.conflicts:
        summary.archived_as = _tidy(path, items)
    return summary


def _tidy(journal: Path, items: list[dict]) -> Path:
    """Everything is back: drop the reports and emptied folders, keep the journal under a new name
    (so a new labelling run into this folder starts afresh, and the history is not lost)."""
    out = journal.parent
    for name in (CSV_NAME, ERRORS_NAME):
        with contextlib.suppress(FileNotFoundError):
            (out / name).unlink()
    for folder in sorted({Path(r["dst"]).parent for r in items}, key=lambda p: -len(p.parts)):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty: anything the user put there stays
    archived = journal.with_name(f"{journal.stem}-undone-{time.strftime('%Y%m%d-%H%M%S')}.jsonl")
    os.replace(journal, archived)
    return archived


__all__ = ["UndoSummary", "undo_labelling"]
