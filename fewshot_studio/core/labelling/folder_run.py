"""Label a folder of photos with a trained classifier: a CSV, and optionally the photos sorted.

``OUT/labels.csv`` gets one row per photo; in copy/move/link modes each photo also goes to
``OUT/<class>/``, or ``OUT/_unknown/`` when it looks like none of the classes ("None of these",
``known_score`` below the unknown threshold), or ``OUT/_unsure/`` when the classifier is torn
between classes (confidence below the threshold); unreadable files are listed in
``OUT/_errors.csv`` and left where they are. Nothing is ever overwritten (names get a ``_1``
suffix), every decision is journalled before a file is touched, a killed run resumes where it
stopped without handling any photo twice, and ``undo_labelling`` puts everything back. The CLI,
the app's dialog and the Ray path all run this one function.
"""
from __future__ import annotations

import hashlib
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from fewshot_studio.core.classifier.trained import Predictions, TrainedClassifier
from fewshot_studio.core.features.cache_limit import prune_embeddings
from fewshot_studio.core.imaging.images import ImageLoadError, iter_images
from fewshot_studio.core.labelling.engine import BatchOutcome, make_engine, predict_stream
from fewshot_studio.core.labelling.journal import (
    JOURNAL_NAME,
    JOURNAL_VERSION,
    LEGACY_JOURNAL_NAME,
    Journal,
    JournalError,
    failures,
    finish_placement,
    journal_file,
    place,
    read_records,
)
from fewshot_studio.core.labelling.options import LabelOptions
from fewshot_studio.core.labelling.output_folder import LabelOutputError, check_folders, explain_output_error, inside
from fewshot_studio.core.labelling.ray_runner import ray_predictor
from fewshot_studio.core.labelling.report import CSV_NAME, ERRORS_NAME, STATUS_DIRS, UNKNOWN_DIR, UNSURE_DIR, write_reports
from fewshot_studio.core.util.progress import Cancelled, CancelToken, Progress, ProgressCallback, no_progress
from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP

MODES = ("csv", "copy", "move", "link")
STAGE = "Labelling images"
Predictor = Callable[[list[str]], Iterator[BatchOutcome]]


@dataclass
class PlannedItem:
    src: str
    dst: str | None
    status: str  # labelled | unsure | unknown | unreadable
    predicted: str | None
    confidence: float | None


@dataclass
class LabelSummary:
    folder: Path
    out_dir: Path
    mode: str
    total: int  # photos found in the folder (and earlier runs' moved ones)
    already_done: int  # handled by an earlier, interrupted run
    processed: int  # handled by this run
    counts: Counter = field(default_factory=Counter)  # class / _unsure / _unknown / unreadable / failed -> photos
    recovered: Counter = field(default_factory=Counter)  # placements an interrupted run left half-done
    seconds: float = 0.0
    engine: str = ""
    dry_run: bool = False
    planned: list[PlannedItem] = field(default_factory=list)

    @property
    def csv_path(self) -> Path:
        return self.out_dir / CSV_NAME

    @property
    def errors_path(self) -> Path:
        return self.out_dir / ERRORS_NAME

    @property
    def journal_path(self) -> Path:
        return journal_file(self.out_dir)

    @property
    def images_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else float("nan")


def default_out_dir(folder: str | os.PathLike[str]) -> Path:
    folder = Path(os.path.abspath(folder))
    return folder.with_name(f"{folder.name}-labelled")


_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')


def class_folders(class_names: list[str]) -> dict[str, str]:
    """A safe, unique folder name per class: a name from a file can never escape OUT/."""
    out: dict[str, str] = {}
    taken = {UNSURE_DIR.lower(), UNKNOWN_DIR.lower(), "_errors", CSV_NAME.lower(), JOURNAL_NAME.lower(),
             LEGACY_JOURNAL_NAME.lower()}
    for name in class_names:
        base = _UNSAFE.sub("_", name).strip(" .") or "class"
        if base.startswith("_") or base.upper() in {"CON", "PRN", "AUX", "NUL"}:
            base = f"class{base}"
        folder, n = base, 1
        while folder.lower() in taken:
            folder, n = f"{base}_{n}", n + 1
        taken.add(folder.lower())
        out[name] = folder
    return out


def fingerprint(clf: TrainedClassifier) -> str:
    """What a resumed run must share with the first: the same model (classes, backbone, head)."""
    h = hashlib.sha256(repr((clf.class_names, clf.backbone_id, float(clf.temperature), bool(clf.tta))).encode())
    familiarity = clf.familiarity.state() if clf.familiarity is not None else {}
    for key, value in [*sorted(clf.method.state().items()), *sorted(familiarity.items())]:
        h.update(key.encode())
        h.update(np.ascontiguousarray(value).tobytes())
    return h.hexdigest()[:24]


def _free_name(folder: Path, name: str, reserved: set[str]) -> Path:
    """``photo.jpg``, else ``photo_1.jpg``, ``photo_2.jpg`` … : never an existing or promised name."""
    stem, suffix = os.path.splitext(name)
    candidate, n = folder / name, 1
    while str(candidate) in reserved or os.path.lexists(candidate):
        candidate, n = folder / f"{stem}_{n}{suffix}", n + 1
    reserved.add(str(candidate))
    return candidate


def _scan(folder: Path, out_dir: Path, recursive: bool) -> list[str]:
    """The photos to label; the output folder is left out, however it is reached (real paths compared)."""
    out, real_out = str(out_dir) + os.sep, os.path.realpath(out_dir)
    in_out = (lambda d: inside(os.path.realpath(d), real_out))
    return [str(p) for p in iter_images(folder, recursive=recursive, skip_dir=in_out) if not str(p).startswith(out)]


# What a resumed run must share with the first, as its message names it.
SETTINGS = {"folder": QT_TRANSLATE_NOOP("engine", "folder"), "mode": QT_TRANSLATE_NOOP("engine", "mode"),
            "model": QT_TRANSLATE_NOOP("engine", "model"), "threshold": QT_TRANSLATE_NOOP("engine", "threshold"),
            "unknown_threshold": QT_TRANSLATE_NOOP("engine", "unknown_threshold")}


def _previous(journal: Path, start: dict) -> tuple[list[dict], set[str]]:
    """Items an earlier run journalled (after checking it was the same job) and the names it used."""
    if not journal.is_file():
        return [], set()
    items: list[dict] = []
    records = list(read_records(journal))
    failed = failures(records)
    for rec in records:
        if rec.get("op") == "start":
            if not isinstance(rec.get("version"), int) or rec["version"] > JOURNAL_VERSION:
                raise JournalError(QT_TRANSLATE_NOOP("engine", "{0} was written by a newer Fewshot Studio; update it to resume "
                                                     "this run").format(journal))
            for key in SETTINGS:
                if rec.get(key) != start[key]:
                    raise JournalError(QT_TRANSLATE_NOOP(
                        "engine", "{0} holds a labelling run with another {1} ({2}); choose another output folder, or "
                        "run again with the same settings to resume it").format(journal.parent, SETTINGS[key], str(rec.get(key))))
        elif rec.get("op") == "item":
            items.append(rec)
    for rec in items:
        rec["_failed"] = rec["src"] in failed
    return items, {r["dst"] for r in items if r.get("dst")}


def _decide(outcome: BatchOutcome, clf: TrainedClassifier, threshold: float, unknown_threshold: float, mode: str,
            out_dir: Path, folders: dict[str, str], reserved: set[str]) -> list[dict]:
    records = []
    # The one rule the app and the API use: "None of these" first, then "unsure", else the class.
    statuses = Predictions(outcome.probs, threshold, outcome.known, unknown_threshold).status
    rows = iter(zip(outcome.probs, outcome.known, statuses))
    for k, src in enumerate(outcome.paths):
        if k in outcome.errors:
            records.append({"op": "item", "src": src, "dst": None, "status": "unreadable", "class": None,
                            "conf": None, "known": None, "top": [], "reason": outcome.errors[k]})
            continue
        p, known, status = next(rows)
        order = np.argsort(-p, kind="stable")[:3]
        top = int(order[0])
        dst = None
        if mode != "csv":
            target = out_dir / STATUS_DIRS.get(status, folders[clf.class_names[top]])
            dst = str(_free_name(target, os.path.basename(src), reserved))
        records.append({"op": "item", "src": src, "dst": dst, "status": status, "class": clf.class_names[top],
                        "conf": float(p[top]), "known": None if np.isnan(known) else float(known),
                        "top": [[clf.class_names[int(c)], float(p[c])] for c in order], "reason": None})
    return records


def _predictor(clf: TrainedClassifier, opts: LabelOptions, cancel: CancelToken | None) -> tuple[Predictor, str]:
    if opts.ray_address is not None:
        return ray_predictor(clf, opts), "ray"
    engine = make_engine(clf, opts.engine)
    return (lambda paths: predict_stream(paths, clf, engine, batch_size=opts.batch_size, workers=opts.workers,
                                         use_cache=opts.use_cache, cancel=cancel)), engine.name


def label_folder(classifier: TrainedClassifier, folder: str | os.PathLike[str], options: LabelOptions | None = None,
                 *, progress: ProgressCallback = no_progress, cancel: CancelToken | None = None) -> LabelSummary:
    """Label every photo in ``folder`` (see the module docstring); resumes an interrupted run in ``out_dir``.

    An output that cannot be written (read-only, a full disk) raises ``LabelOutputError`` saying
    what was kept; the journal still says where every photo is, so a rerun continues.
    """
    opts = options or LabelOptions()
    out_dir = Path(os.path.abspath(opts.out_dir)) if opts.out_dir else default_out_dir(Path(os.path.abspath(folder)))
    try:
        return _label_folder(classifier, folder, opts, progress, cancel)
    except OSError as exc:
        raise LabelOutputError(explain_output_error(exc, out_dir)) from None


def _label_folder(classifier: TrainedClassifier, folder: str | os.PathLike[str], opts: LabelOptions,
                  progress: ProgressCallback, cancel: CancelToken | None) -> LabelSummary:
    if opts.mode not in MODES:
        raise ValueError(QT_TRANSLATE_NOOP("engine", "unknown mode {0}; choose one of {1}").format(repr(opts.mode), ", ".join(MODES)))
    threshold = classifier.threshold if opts.threshold is None else float(opts.threshold)
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(QT_TRANSLATE_NOOP("engine", "the threshold must be between 0 and 1 (got {0})").format(threshold))
    unknown_threshold = classifier.unknown_threshold if opts.unknown_threshold is None else float(opts.unknown_threshold)
    if not 0.0 <= unknown_threshold <= 1.0:
        raise ValueError(QT_TRANSLATE_NOOP("engine", "the unknown threshold must be between 0 and 1 (got {0})").format(
            unknown_threshold))
    folder = Path(os.path.abspath(folder))
    if not folder.is_dir():
        raise ImageLoadError(folder, QT_TRANSLATE_NOOP("engine", "the folder does not exist"))
    out_dir = Path(os.path.abspath(opts.out_dir)) if opts.out_dir else default_out_dir(folder)
    check_folders(folder, out_dir, default_out_dir(folder))
    journal_path = journal_file(out_dir)
    start = {"op": "start", "version": JOURNAL_VERSION, "folder": str(folder), "out": str(out_dir), "mode": opts.mode,
             "model": fingerprint(classifier), "threshold": threshold, "unknown_threshold": unknown_threshold,
             "time": time.time()}
    previous, reserved = _previous(journal_path, start)
    done = {r["src"] for r in previous}
    paths = _scan(folder, out_dir, opts.recursive)
    todo = [p for p in paths if p not in done]
    summary = LabelSummary(folder, out_dir, opts.mode, len(todo) + len(done), len(done), 0, dry_run=opts.dry_run)
    folders = class_folders(classifier.class_names)
    started = time.perf_counter()
    journal = None if opts.dry_run else Journal(journal_path)
    try:
        if journal is not None:
            for rec in previous:  # finish what a killed run left half-done
                if rec.get("dst") and not rec["_failed"]:
                    summary.recovered[finish_placement(Path(rec["src"]), Path(rec["dst"]), opts.mode)] += 1
            journal.write([start])
            journal.write(_retry_failed(previous, opts.mode, summary))
        progress(Progress(STAGE, summary.already_done, summary.total))
        predict, summary.engine = _predictor(classifier, opts, cancel)
        for outcome in predict(todo) if todo else ():
            records = _decide(outcome, classifier, threshold, unknown_threshold, opts.mode, out_dir, folders, reserved)
            if journal is None:
                summary.planned += [PlannedItem(r["src"], r["dst"], r["status"], r["class"], r["conf"]) for r in records]
            else:
                journal.write(records)  # before any file moves: a kill from here on is recoverable
                journal.write(_place_all(records, opts.mode))
            summary.processed += len(records)
            progress(Progress(STAGE, summary.already_done + summary.processed, summary.total))
            if cancel is not None:
                cancel.raise_if_cancelled()
        if journal is not None:
            journal.write([{"op": "finish", "time": time.time()}])
    except (Cancelled, KeyboardInterrupt):  # the CSV still says what was done; a rerun continues
        if journal is not None:
            write_reports(journal_path, folder, out_dir)
        raise
    finally:
        summary.seconds = time.perf_counter() - started
        if journal is not None:
            journal.close()
    if journal is not None:
        summary.counts, _ = write_reports(journal_path, folder, out_dir)
    else:
        summary.counts = Counter(STATUS_DIRS.get(p.status, p.predicted if p.status == "labelled" else p.status)
                                 for p in summary.planned)
    if opts.use_cache:
        prune_embeddings()  # a big folder just added one cache entry per photo
    return summary


def _retry_failed(previous: list[dict], mode: str, summary: LabelSummary) -> list[dict]:
    """Placements that failed last time (a read-only class folder, a full disk) are tried again;
    a destination someone has taken since is left alone (the photo stays listed as failed)."""
    retried = []
    for rec in previous:
        if rec.get("dst") and rec["_failed"] and not os.path.lexists(rec["dst"]):
            try:
                place(Path(rec["src"]), Path(rec["dst"]), mode)
            except OSError:
                continue
            retried.append({"op": "retried", "src": rec["src"]})
            summary.recovered["retried"] += 1
    return retried


def _place_all(records: list[dict], mode: str) -> list[dict]:
    """Do the journalled placements; a file that cannot be placed is recorded as failed, not lost."""
    failed = []
    for rec in records:
        if rec["dst"] is None:
            continue
        try:
            place(Path(rec["src"]), Path(rec["dst"]), mode)
        except OSError as exc:
            reason = f"could not {mode} it: {exc.strerror or exc}"
            failed.append({"op": "failed", "src": rec["src"], "reason": reason})
    return failed


def iter_journal_items(journal: str | os.PathLike[str]) -> Iterable[dict]:
    return (r for r in read_records(Path(journal)) if r.get("op") == "item")


__all__ = ["MODES", "LabelOptions", "LabelOutputError", "LabelSummary", "PlannedItem", "class_folders", "default_out_dir",
           "label_folder", "JournalError"]
