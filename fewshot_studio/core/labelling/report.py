"""The labelling results a person reads: ``labels.csv`` and ``_errors.csv``, rebuilt from the journal.

Both are written atomically from the journal at the end of every run (and when a run is
stopped), so they always describe every file handled so far, in folder order, whether the work
took one run, a resumed one or a Ray cluster — the same journal gives the same bytes.
"""
from __future__ import annotations

import csv
import io
import os
from collections import Counter
from pathlib import Path

from fewshot_studio.core.labelling.journal import failures as journal_failures
from fewshot_studio.core.labelling.journal import read_records
from fewshot_studio.core.util.atomic import atomic_write, atomic_write_bytes

CSV_NAME, ERRORS_NAME = "labels.csv", "_errors.csv"
UNSURE_DIR, UNKNOWN_DIR = "_unsure", "_unknown"
# "top3" is for people ("daisy 0.9300; iris 0.0500; rose 0.0100"); the top2_/top3_ columns after
# it say the same for programs (predicted_class and confidence are the first), so a class name
# with "; " in it cannot break a parser.
COLUMNS = ["path", "predicted_class", "confidence", "known_score", "top3", "status", "destination", "note",
           "top2_class", "top2_confidence", "top3_class", "top3_confidence"]
STATUS, NOTE = COLUMNS.index("status"), COLUMNS.index("note")
# Where each status that is not a class puts a photo (and how it is counted).
STATUS_DIRS = {"unsure": UNSURE_DIR, "unknown": UNKNOWN_DIR}
# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): a file or class name can start so.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Text as a spreadsheet shows it, never as a formula: a leading quote, as OWASP recommends."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _open_csv(fh):
    """File names that are not valid UTF-8 keep their very bytes (as ``ls`` prints them)."""
    return io.TextIOWrapper(fh, encoding="utf-8", errors="surrogateescape", newline="")


def _rel(path: str | None, base: Path) -> str:
    if not path:
        return ""
    try:
        return Path(os.path.relpath(path, base)).as_posix() if Path(path).is_relative_to(base) else path
    except ValueError:  # another drive on Windows
        return path


def item_row(rec: dict, folder: Path, out_dir: Path, failure: str | None = None) -> list[str]:
    top = "; ".join(f"{name} {p:.4f}" for name, p in rec.get("top") or [])
    conf, known = rec.get("conf"), rec.get("known")
    status, note, dst = rec["status"], rec.get("reason") or "", rec.get("dst")
    if failure is not None:
        status, note, dst = "failed", failure, None
    ranked = [[name, f"{p:.4f}"] for name, p in (rec.get("top") or [])[1:3]]
    ranked += [["", ""]] * (2 - len(ranked))  # fewer than three classes
    row = [_rel(rec["src"], folder), rec.get("class") or "", "" if conf is None else f"{conf:.4f}",
           "" if known is None else f"{known:.4f}", top, status, _rel(dst, out_dir), note, *ranked[0], *ranked[1]]
    return [safe_cell(cell) for cell in row]


def write_reports(journal: Path, folder: Path, out_dir: Path) -> tuple[Counter, int]:
    """Write ``labels.csv`` (and ``_errors.csv`` when a file failed); per-destination counts and errors.

    Streams from the journal to the file: memory does not grow with the folder.
    """
    failures = journal_failures(read_records(journal))
    counts: Counter = Counter()
    error_rows: list[list[str]] = []

    def write(fh) -> None:
        text = _open_csv(fh)
        main = csv.writer(text, lineterminator="\n")
        main.writerow(COLUMNS)
        for rec in read_records(journal):
            if rec.get("op") != "item":
                continue
            row = item_row(rec, folder, out_dir, failures.get(rec["src"]))
            main.writerow(row)
            if row[STATUS] in ("unreadable", "failed"):
                error_rows.append([row[0], row[NOTE]])
                counts[row[STATUS]] += 1
            else:
                counts[STATUS_DIRS.get(row[STATUS], rec["class"])] += 1
        text.flush()
        text.detach()

    atomic_write(out_dir / CSV_NAME, write)
    if error_rows:
        buf = io.StringIO()
        errs = csv.writer(buf, lineterminator="\n")
        errs.writerow(["path", "reason"])
        errs.writerows(error_rows)
        atomic_write_bytes(out_dir / ERRORS_NAME, buf.getvalue().encode("utf-8", "surrogateescape"))
    return counts, len(error_rows)
