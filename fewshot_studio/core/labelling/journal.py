"""The labelling journal and the file moves it protects: nothing lost, nothing done twice.

Every decision is appended (and fsynced) to ``OUT/.fewshot-journal.jsonl`` (a hidden file: it is
the app's bookkeeping, not one of the user's photos or reports) *before* any file is touched;
each placement is atomic (a hard link, or a copy to a temporary name renamed into place) and never
overwrites. So after a kill at any instant the journal plus the file system say exactly which
files are done; a resumed run finishes half-done placements, skips everything journalled, and
``undo`` can put every file back.
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fewshot_studio.core.util import json_text
from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP

JOURNAL_NAME = ".fewshot-journal.jsonl"
LEGACY_JOURNAL_NAME = "_journal.jsonl"  # what runs before version 0.x wrote; still resumed and undone
JOURNAL_VERSION = 1


class JournalError(Exception):
    """The journal cannot be used as asked; the message is for the user."""


_TEXT, _OPT_TEXT, _NUMBER = (str,), (str, type(None)), (int, float, type(None))
# What each kind of record must hold for the code that reads it; anything else is a damaged line.
_FIELDS = {
    "start": {"folder": _TEXT, "mode": _TEXT},
    "item": {"src": _TEXT, "dst": _OPT_TEXT, "status": _TEXT, "class": _OPT_TEXT, "conf": _NUMBER,
             "reason": _OPT_TEXT},
    "failed": {"src": _TEXT, "reason": _OPT_TEXT},
    "retried": {"src": _TEXT},
}
_OPTIONAL = {"class", "conf", "reason"}


def _check_record(rec: dict[str, Any], path: Path, line_no: int) -> None:
    for key, kinds in _FIELDS.get(rec.get("op"), {}).items():
        if key not in rec and key in _OPTIONAL:
            continue
        value = rec.get(key, KeyError)
        if isinstance(value, bool) or not isinstance(value, kinds):
            said = (QT_TRANSLATE_NOOP("engine", "{0} is damaged: line {1} (a {2} record) lacks {3}") if value is KeyError
                    else QT_TRANSLATE_NOOP("engine", "{0} is damaged: line {1} (a {2} record) has a wrong {3}"))
            raise JournalError(said.format(path, line_no, rec["op"], repr(key)))
    top = rec.get("top")
    if top is not None and not (isinstance(top, list) and all(
            isinstance(t, list) and len(t) == 2 and isinstance(t[0], str) and isinstance(t[1], (int, float))
            for t in top)):
        raise JournalError(QT_TRANSLATE_NOOP("engine", "{0} is damaged: line {1} has a wrong 'top'").format(path, line_no))


def journal_file(out_dir: Path) -> Path:
    """The journal of the labelling output folder ``out_dir``: the hidden one, or an older run's
    visible ``_journal.jsonl`` when only that exists (so an old run still resumes and undoes)."""
    legacy = out_dir / LEGACY_JOURNAL_NAME
    current = out_dir / JOURNAL_NAME
    return legacy if legacy.is_file() and not current.exists() else current


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """Every complete record, in order (a torn last line from a kill is ignored); a line that is not
    what this app writes raises ``JournalError`` naming the file and the line."""
    with open(path, "rb") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.endswith(b"\n"):
                return
            try:
                rec = json.loads(line)
            except (ValueError, RecursionError):
                raise JournalError(QT_TRANSLATE_NOOP("engine", "{0} is damaged (line {1} is not valid JSON)").format(path, line_no)) from None
            if isinstance(rec, dict):
                _check_record(rec, path, line_no)
                yield rec


def failures(records: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> dict[str, str]:
    """Source -> reason of every placement that failed and was not placed by a later retry."""
    out: dict[str, str] = {}
    for rec in records:
        if rec.get("op") == "failed":
            out[rec["src"]] = rec.get("reason") or ""
        elif rec.get("op") == "retried":
            out.pop(rec["src"], None)
    return out


class Journal:
    """Append-only JSON lines, one fsync per batch; locked against a second run on the same folder."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(path, "ab+", buffering=0)  # unbuffered: a failed write leaves nothing to flush at close
        self._lock()
        self._drop_torn_tail()

    def _lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory lock; one run per folder is on the user
            return
        try:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._fh.close()
            raise JournalError(QT_TRANSLATE_NOOP("engine", "another labelling run is using {0} right now").format(self.path.parent)) from None

    def _drop_torn_tail(self) -> None:
        """A kill mid-write can leave half a line: cut it, so the next record starts cleanly."""
        self._fh.seek(0, os.SEEK_END)
        size = self._fh.tell()
        if size == 0:
            return
        self._fh.seek(max(0, size - (1 << 16)))
        tail = self._fh.read()
        if tail.endswith(b"\n"):
            return
        cut = tail.rfind(b"\n")
        keep = size - len(tail) + cut + 1 if cut >= 0 else 0
        if cut < 0 and size > len(tail):
            raise JournalError(QT_TRANSLATE_NOOP("engine", "{0} ends in a line too long to be a record; it is damaged").format(self.path))
        self._fh.truncate(keep)

    def write(self, records: list[dict[str, Any]]) -> None:
        if not records:
            return
        data = "".join(json_text.dumps(r) + "\n" for r in records).encode("utf-8")
        end = self._fh.seek(0, os.SEEK_END)
        try:
            view = memoryview(data)
            while view:
                view = view[self._fh.write(view):]
            os.fsync(self._fh.fileno())
        except OSError:
            with contextlib.suppress(OSError):  # no half record left behind (a resume would cut it anyway)
                self._fh.truncate(end)
            raise

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def partial_name(dst: Path) -> Path:
    """Where a copy is written before it is renamed into place (fixed, so a resume can clean it)."""
    return dst.with_name(f".{dst.name}.partial")


def _no_clobber_rename(tmp: Path, dst: Path) -> None:
    try:
        os.link(tmp, dst)  # fails if dst exists: never overwrites, even in a race
        os.unlink(tmp)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (FAT, some network shares)
        if os.path.lexists(dst):
            raise FileExistsError(errno.EEXIST, "destination exists", str(dst)) from None
        os.replace(tmp, dst)


def _copy_into_place(src: Path, dst: Path) -> None:
    tmp = partial_name(dst)
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        shutil.copy2(src, tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        _no_clobber_rename(tmp, dst)
    except BaseException:  # a full disk or a kill: no half copy is left beside the user's files
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def place(src: Path, dst: Path, mode: str) -> None:
    """Put ``src`` at ``dst`` by ``mode`` (copy, move, link); raises FileExistsError rather than overwrite."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    if mode == "copy":
        _copy_into_place(src, dst)
    elif mode == "link":
        os.symlink(os.path.abspath(src), dst)
    elif mode == "move":
        if os.path.islink(src):  # move the link itself, as a file manager does, not what it points to
            if os.path.lexists(dst):
                raise FileExistsError(errno.EEXIST, "destination exists", str(dst))
            os.rename(src, dst)
            return
        try:
            os.link(src, dst)  # same file system: atomic, and the file is never in two halves
        except FileExistsError:
            raise
        except OSError:  # another file system (or no hard links): copy, rename into place, then delete
            _copy_into_place(src, dst)
        os.unlink(src)
    else:
        raise ValueError(f"unknown mode {mode!r}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        if os.path.samefile(a, b):
            return True
        return a.stat().st_size == b.stat().st_size and _digest(a) == _digest(b)
    except OSError:
        return False


def _digest(p: Path) -> str:
    from fewshot_studio.core.features.embedding_cache import content_hash

    return content_hash(p)


def finish_placement(src: Path, dst: Path, mode: str) -> str:
    """Bring one journalled placement to its end state after a kill; says what it found.

    Returns "done" (it had completed), "redone" (it had not started and was done now),
    "completed" (a move interrupted between its two steps was finished), or "missing" (the source
    is gone and the destination absent: someone moved it; it is reported, not guessed).
    """
    with contextlib.suppress(FileNotFoundError):
        partial_name(dst).unlink()
    dst_there, src_there = os.path.lexists(dst), os.path.lexists(src)
    if mode in ("copy", "link"):
        if dst_there:
            return "done"
        if not src_there:
            return "missing"
        place(src, dst, mode)
        return "redone"
    if dst_there and not src_there:
        return "done"
    if dst_there and src_there:
        if _same_file(src, dst):
            os.unlink(src)
            return "completed"
        return "done"  # a different file now sits at src: it is the user's, leave it alone
    if src_there:
        place(src, dst, mode)
        return "redone"
    return "missing"


def undo_placement(src: Path, dst: Path, mode: str, dry_run: bool = False) -> str:
    """Reverse one placement; returns "restored", "removed", "already" or "conflict" (never overwrites).

    With ``dry_run`` it only says which of those it would be.
    """
    if not dry_run:
        with contextlib.suppress(FileNotFoundError):
            partial_name(dst).unlink()
    if not os.path.lexists(dst):
        return "already"
    if mode == "move":
        if os.path.lexists(src):
            if not _same_file(src, dst):
                return "conflict"  # something new sits where the photo was: never overwrite it
            if not dry_run:  # an undo killed between its two steps
                os.unlink(dst)
            return "restored"
        if not dry_run:
            place(dst, src, "move")
        return "restored"
    if mode == "link":
        if not (os.path.islink(dst) and os.readlink(dst) == os.path.abspath(src)):
            return "conflict"
    elif not os.path.exists(src) or not _same_file(src, dst):
        return "conflict"  # the original is gone, or the copy was edited since: it is the user's now
    if not dry_run:
        os.unlink(dst)
    return "removed"


__all__ = ["JOURNAL_NAME", "JOURNAL_VERSION", "LEGACY_JOURNAL_NAME", "Journal", "JournalError", "failures",
           "journal_file", "finish_placement", "partial_name",
           "place", "read_records", "undo_placement"]
