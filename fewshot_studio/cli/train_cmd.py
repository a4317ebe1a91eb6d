"""``fewshot-studio train``: a classifier file from a folder of class folders, headless.

The same engine and defaults as the app (``train_classifier``), so a file trained here and one
exported from the window behave the same; the cross-validated accuracy printed is the one the app shows.
"""
from __future__ import annotations

import argparse
import math

from fewshot_studio.cli.output import error, interrupted, shell_path, warning, write_json
from fewshot_studio.cli.progress_bar import TqdmProgress


def add_parser(sub) -> None:
    p = sub.add_parser("train", help="train a classifier file from DATASET_DIR/<class>/<image>",
                       description="Train a classifier from a folder of class folders (DATASET_DIR/<class>/<image>) "
                                   "and save it as a .fewshot file. Prints the cross-validated accuracy "
                                   "and its 95 % interval.")
    p.add_argument("dataset_dir")
    p.add_argument("--out", required=True, metavar="NAME.fewshot", help="the classifier file to write")
    p.add_argument("--method", default="auto",
                   help="adaptation method: auto (default), prototypes, logreg, self-training, dense-head, transductive")
    p.add_argument("--backbone", default="efficientnet-lite0",
                   help="fast (efficientnet-lite0, default), balanced, accurate, or a .fewshot-backbone file")
    p.add_argument("--finetune", action="store_true", help="also fine-tune the backbone's last blocks (slower)")
    p.add_argument("--tta", action="store_true", help="average each image with its mirror image")
    p.add_argument("--test", metavar="FOLDER", default=None,
                   help="unlabelled images the transductive methods (transductive, self-training, auto) may look at (optional)")
    p.add_argument("--device", default=None, help="auto (default), cpu, cuda or mps")
    p.add_argument("--json", action="store_true",
                   help="print a JSON summary on stdout instead of the text (accuracy and its 95 %% interval, "
                        "images per class, the file written); warnings stay on stderr")


def run(args: argparse.Namespace) -> int:
    from fewshot_studio.core.classifier.file_format import ClassifierFileError, save_classifier
    from fewshot_studio.core.classifier.training import NotEnoughData, train_classifier
    from fewshot_studio.core.features.backbone_file import BackboneFileError
    from fewshot_studio.core.imaging.images import ImageLoadError, class_folders, iter_images
    from fewshot_studio.core.util.progress import Cancelled

    out = args.out if args.out.endswith(".fewshot") else f"{args.out}.fewshot"
    try:
        examples = {name: [str(p) for p in paths] for name, paths in class_folders(args.dataset_dir).items()}
        tests = [str(p) for p in iter_images(args.test)] if args.test else []
        with TqdmProgress() as bar:
            result = train_classifier(examples, backbone=args.backbone, method=args.method, test_paths=tests,
                                      device=args.device, tta=args.tta, finetune=args.finetune, progress=bar)
        path = save_classifier(result.classifier, out)
    except (ImageLoadError, NotEnoughData, ClassifierFileError, BackboneFileError, ValueError, RuntimeError) as exc:
        return error(str(exc), args.dataset_dir, out, args.test, args.backbone)
    except OSError as exc:  # the output cannot be written (read-only folder, full disk)
        return error(f"could not write {exc.filename or out}: {exc.strerror or exc}; nothing was written.",
                     exc.filename, out)
    except (KeyboardInterrupt, Cancelled):
        return interrupted("Interrupted: nothing was written.")
    for w in result.warnings:
        warning(getattr(w, "message", w))
    for s in result.skipped:
        warning(f"skipped {shell_path(s.path)}: {s.reason}")
    summary = _summary(result, examples, path)
    if args.json:
        write_json(summary)
    else:
        _print_text(summary)
    return 0


def _summary(result, examples: dict[str, list[str]], path) -> dict:
    """What ``--json`` prints; the text output is made from the same facts."""
    ev, clf = result.evaluation, result.classifier
    skipped = {s.path for s in result.skipped}
    chosen = getattr(clf.method, "chosen", None)
    lo, hi = ev.accuracy_ci95 if ev.n_heldout else (None, None)
    return {
        "classifier_file": str(path),
        "size_bytes": path.stat().st_size,
        "classes": list(clf.class_names),
        "images_per_class": {name: sum(p not in skipped for p in paths) for name, paths in examples.items()},
        "method": clf.method.name,
        "chosen_method": chosen.name if chosen is not None else None,
        "backbone": clf.backbone_id,
        "device": result.device_name,
        "accuracy": _number(ev.accuracy) if ev.n_heldout else None,
        "accuracy_ci95": [_number(lo), _number(hi)] if ev.n_heldout else None,
        "n_correct": ev.n_correct,
        "n_heldout": ev.n_heldout,
        "accuracy_sentence": ev.sentence(),
        "calibration_error": _number(ev.ece) if ev.n_heldout else None,
        "per_class": {name: {"accuracy": _number(d.get("accuracy")), "correct": int(d.get("correct") or 0),
                             "n_heldout": int(d.get("n") or 0)}
                      for name, d in ev.per_class.items()},
        "warnings": [getattr(w, "message", str(w)) for w in result.warnings],
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
    }


def _number(x) -> float | None:
    """A plain float for JSON; None for what is not a number (JSON has no NaN)."""
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _print_text(s: dict) -> None:
    n = sum(s["images_per_class"].values())
    method = f"{s['method']} ({s['chosen_method']})" if s["chosen_method"] else s["method"]
    print(f"Trained on {n} images in {len(s['classes'])} classes ({', '.join(s['classes'])}), "
          f"method {method}, backbone {s['backbone']}, on {s['device']}.")
    if s["n_heldout"] and s["accuracy"] is not None:
        lo, hi = s["accuracy_ci95"]
        ece = "n/a" if s["calibration_error"] is None else f"{s['calibration_error']:.3f}"
        print(f"Cross-validated accuracy: {s['accuracy_sentence']}.")
        print(f"  accuracy {s['accuracy']:.1%}, 95 % interval {lo:.1%}–{hi:.1%}, calibration error {ece}; "
              "each photo was predicted by a model that never saw it")
        for name, d in s["per_class"].items():
            if d["n_heldout"] and d["accuracy"] is not None:
                print(f"  {name:<24} {d['correct']} of {d['n_heldout']} right ({d['accuracy']:.0%})")
    else:
        print("Accuracy: not measured (every class needs at least two images).")
    print(f"Saved {shell_path(s['classifier_file'])} ({s['size_bytes'] / 1024:.0f} KiB).")
