"""``fewshot-studio label``: sort or list a folder of photos with a classifier file."""
from __future__ import annotations

import argparse
import sys

from fewshot_studio.cli.output import error, interrupted, positive_int, probability, shell_path, write_json

MODE_HELP = ("csv: only write OUT/labels.csv (default); copy / move / link: also put each photo in "
             "OUT/<class>/ (OUT/_unknown/ when it looks like none of the classes, OUT/_unsure/ below the threshold)")


def add_parser(sub) -> None:
    p = sub.add_parser("label", help="label (and optionally sort) a folder of photos",
                       description="Predict every photo in FOLDER with MODEL.fewshot. Writes OUT/labels.csv; with "
                                   "--mode copy/move/link also sorts the photos into OUT/<class>/, OUT/_unknown/ (none of "
                                   "the classes) and OUT/_unsure/ (torn between classes). "
                                   "Unreadable files are listed in OUT/_errors.csv. Never overwrites; an "
                                   "interrupted run resumes when run again; a move can be undone with "
                                   "`fewshot-studio undo OUT` (the output folder).")
    p.add_argument("model", metavar="MODEL.fewshot")
    p.add_argument("folder", metavar="FOLDER")
    p.add_argument("--out", metavar="DIR", default=None, help="output folder (default: FOLDER-labelled beside FOLDER)")
    p.add_argument("--mode", choices=["csv", "copy", "move", "link"], default="csv", help=MODE_HELP)
    p.add_argument("--threshold", type=probability, default=None, metavar="P",
                   help="confidence below which a photo is 'unsure' (default: the classifier's own)")
    p.add_argument("--unknown-threshold", type=float, default=None, metavar="P",
                   help="known_score below which a photo is 'unknown' (None of these) and goes to OUT/_unknown/ "
                        "(default: the classifier's own; 0 turns it off)")
    p.add_argument("--recursive", action="store_true", help="also label photos in subfolders")
    p.add_argument("--dry-run", action="store_true", help="predict and show what would happen; change nothing")
    p.add_argument("--engine", choices=["auto", "onnx", "torch"], default="auto",
                   help="how the network runs (auto: onnxruntime on a CPU, torch on a GPU)")
    p.add_argument("--batch-size", type=positive_int, default=32, help="photos per forward pass (default: 32)")
    p.add_argument("--workers", type=positive_int, default=None,
                   help="image-decoding threads (default: CPU count, 2..8)")
    p.add_argument("--no-cache", dest="use_cache", action="store_false", help="do not read or write the embedding cache")
    p.add_argument("--ray", nargs="?", const="local", default=None, metavar="ADDRESS",
                   help="run the predictions as a Ray Data pipeline: on a local Ray, or on the cluster at ADDRESS "
                        "(needs pip install 'fewshot-studio[ray]')")
    p.add_argument("--device", default=None, help="auto (default), cpu, cuda or mps")
    p.add_argument("--json", action="store_true",
                   help="print a JSON summary on stdout instead of the text (counts per class, where the files went)")


class _Bar:
    """tqdm fed from core progress: count, rate and ETA; photos done by an earlier run are the start."""

    def __init__(self) -> None:
        self.bar = None

    def __call__(self, p) -> None:
        from tqdm import tqdm

        if self.bar is None:
            self.bar = tqdm(total=p.total, initial=p.done, desc=p.stage, unit="img", dynamic_ncols=True,
                            disable=None if sys.stderr.isatty() else True)
        self.bar.update(p.done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _print_summary(s, mode: str) -> None:
    names = {"_unsure": "unsure", "_unknown": "none of these (unknown)", "unreadable": "unreadable",
             "failed": "could not be placed"}
    if s.dry_run:
        print(f"Dry run: {s.processed} photos would be labelled ({s.already_done} already done); nothing was changed.")
        for item in s.planned[:20]:
            where = item.dst or ("(listed in the CSV only)" if item.status != "unreadable" else "(left in place)")
            where = shell_path(item.dst) if item.dst else where
            print(f"  {shell_path(item.src)} -> {where}   [{item.status}{f' {item.predicted} {item.confidence:.2f}' if item.predicted else ''}]")
        if len(s.planned) > 20:
            print(f"  … and {len(s.planned) - 20} more")
    else:
        rate = f" ({s.images_per_second:.1f} photos/s, {s.engine})" if s.processed else ""
        earlier = f"; {s.already_done} were done by an earlier run" if s.already_done else ""
        print(f"Labelled {s.processed} photos in {s.seconds:.1f} s{rate}{earlier}.")
    for key, n in sorted(s.counts.items(), key=lambda kv: -kv[1]):
        print(f"  {names.get(key, key):<24} {n}")
    if not s.dry_run:
        print(f"Results: {shell_path(s.csv_path)}")
        if s.counts.get("unreadable") or s.counts.get("failed"):
            print(f"Problems: {shell_path(s.errors_path)}")
        if mode != "csv":
            print(f"Undo with: fewshot-studio undo {shell_path(s.journal_path)}")


def _summary_json(s, mode: str) -> dict:
    """What ``--json`` prints: the same facts as the text, for scripts."""
    wrote = not s.dry_run
    problems = bool(s.counts.get("unreadable") or s.counts.get("failed"))
    return {
        "folder": str(s.folder),
        "out_dir": str(s.out_dir),
        "mode": mode,
        "dry_run": s.dry_run,
        "photos": s.total,
        "processed": s.processed,
        "already_done": s.already_done,
        "counts": dict(sorted(s.counts.items(), key=lambda kv: -kv[1])),
        "seconds": round(s.seconds, 3),
        "photos_per_second": round(s.images_per_second, 2) if s.processed and s.seconds > 0 else None,
        "engine": s.engine or None,
        "labels_csv": str(s.csv_path) if wrote else None,
        "errors_csv": str(s.errors_path) if wrote and problems else None,
        "journal": str(s.journal_path) if wrote and mode != "csv" else None,
        "planned": [{"src": i.src, "dst": i.dst, "status": i.status, "predicted": i.predicted,
                     "confidence": i.confidence} for i in s.planned] if s.dry_run else None,
    }


def run(args: argparse.Namespace) -> int:
    from fewshot_studio.core.classifier.file_format import ClassifierFileError, load_trained_classifier
    from fewshot_studio.core.imaging.images import ImageLoadError
    from fewshot_studio.core.labelling.folder_run import LabelOptions, LabelOutputError, label_folder
    from fewshot_studio.core.labelling.journal import JournalError

    try:
        from fewshot_studio.core.labelling.ray_runner import RayUnavailable
    except ImportError:  # pragma: no cover
        RayUnavailable = RuntimeError  # noqa: N806
    opts = LabelOptions(out_dir=args.out, mode=args.mode, threshold=args.threshold,
                        unknown_threshold=args.unknown_threshold, recursive=args.recursive,
                        dry_run=args.dry_run, engine=args.engine, batch_size=args.batch_size, workers=args.workers,
                        use_cache=args.use_cache, ray_address=args.ray)
    bar = _Bar()
    try:
        clf, _ = load_trained_classifier(args.model, args.device)
        summary = label_folder(clf, args.folder, opts, progress=bar)
    except (ClassifierFileError, ImageLoadError, JournalError, RayUnavailable, LabelOutputError, ValueError,
            OSError) as exc:
        bar.close()
        return error(str(exc), args.model, args.folder, args.out)
    except KeyboardInterrupt:
        bar.close()
        return interrupted("\nInterrupted. Nothing is lost: run the same command again to continue where it stopped.")
    bar.close()
    if args.json:
        write_json(_summary_json(summary, args.mode))
    else:
        _print_summary(summary, args.mode)
    return 0
