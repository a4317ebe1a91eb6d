"""``fewshot-studio train``: a classifier file from a folder of class folders, headless.

The same engine and defaults as the app (``train_classifier``), so a file trained here and one
exported from the window behave the same; the held-out accuracy printed is the one the app shows.
"""
from __future__ import annotations

import argparse
import sys

from fewshot_studio.cli.progress_bar import TqdmProgress


def add_parser(sub) -> None:
    p = sub.add_parser("train", help="train a classifier file from DATASET_DIR/<class>/<image>",
                       description="Train a classifier from a folder of class folders (DATASET_DIR/<class>/<image>) "
                                   "and save it as a .fewshot file. Prints the held-out accuracy.")
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
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # the output cannot be written (read-only folder, full disk)
        print(f"error: could not write {exc.filename or out}: {exc.strerror or exc}; nothing was written.",
              file=sys.stderr)
        return 1
    except (KeyboardInterrupt, Cancelled):
        print("Interrupted: nothing was written.", file=sys.stderr)
        return 130
    ev, clf = result.evaluation, result.classifier
    n = sum(len(v) for v in examples.values()) - len(result.skipped)
    chosen = getattr(clf.method, "chosen", None)
    method = f"{clf.method.name} ({chosen.name})" if chosen is not None else clf.method.name
    print(f"Trained on {n} images in {len(clf.class_names)} classes ({', '.join(clf.class_names)}), "
          f"method {method}, backbone {clf.backbone_id}, on {result.device_name}.")
    if ev.n_heldout:
        lo, hi = ev.accuracy_ci95
        print(f"Cross-validated accuracy: {ev.sentence()}.")
        print(f"  accuracy {ev.accuracy:.1%}, 95 % interval {lo:.1%}–{hi:.1%}, calibration error {ev.ece:.3f}; "
              "each photo was predicted by a model that never saw it")
        for name, d in ev.per_class.items():
            if d.get("n"):
                print(f"  {name:<24} {int(d['correct'])} of {int(d['n'])} right ({d['accuracy']:.0%})")
    else:
        print("Accuracy: not measured (every class needs at least two images).")
    for w in result.warnings:
        print(f"warning: {getattr(w, 'message', w)}")
    for s in result.skipped:
        print(f"skipped {s.path}: {s.reason}")
    print(f"Saved {path} ({path.stat().st_size / 1024:.0f} KiB).")
    return 0
