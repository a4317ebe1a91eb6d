"""``fewshot-studio export``: a classifier file as one ONNX graph, checked against the app on real photos."""
from __future__ import annotations

import argparse

from fewshot_studio.cli.output import error, interrupted, shell_path
from fewshot_studio.cli.progress_bar import TqdmProgress


def add_parser(sub) -> None:
    p = sub.add_parser("export", help="export a classifier file to ONNX (with a parity check)",
                       description="Write MODEL.fewshot as one ONNX graph (preprocessed uint8 pixels in, class "
                                   "probabilities out, dynamic batch), then check onnxruntime against the app on "
                                   "real photos. A file that disagrees is not written.")
    p.add_argument("model", metavar="MODEL.fewshot")
    p.add_argument("--onnx", required=True, metavar="OUT.onnx", help="the ONNX file to write")
    p.add_argument("--check-images", nargs="+", metavar="PATH", default=[],
                   help="photos or folders to check on (default: the demo photos that ship with the app)")


def run(args: argparse.Namespace) -> int:
    from fewshot_studio.core.classifier.file_format import ClassifierFileError, load_trained_classifier
    from fewshot_studio.core.classifier.onnx_export import ExportError, export_onnx
    from fewshot_studio.core.imaging.images import ImageLoadError, expand_paths

    try:
        clf, _ = load_trained_classifier(args.model)
        images = [str(p) for p in expand_paths(args.check_images, recursive=True)]
        with TqdmProgress() as bar:
            report = export_onnx(clf, args.onnx, check_images=images, progress=bar)
    except (ExportError, ClassifierFileError, ImageLoadError, ValueError, RuntimeError) as exc:
        return error(str(exc), args.model, args.onnx, *args.check_images)
    except OSError as exc:  # the output cannot be written (read-only folder, full disk)
        return error(f"could not write {exc.filename or args.onnx}: {exc.strerror or exc}; nothing was written.",
                     exc.filename, args.onnx)
    except KeyboardInterrupt:
        return interrupted("Interrupted: nothing was written.")
    print(f"Wrote {shell_path(report.path)} ({report.size_bytes / 1e6:.1f} MB) in {report.seconds:.0f} s: "
          f"{len(clf.class_names)} classes, input 'image' uint8 (N, {clf.backbone().spec.resolution}, "
          f"{clf.backbone().spec.resolution}, 3), output 'probabilities' (N, {len(clf.class_names)})"
          + (f" and 'known_score' (N,): below {clf.unknown_threshold} a photo is 'None of these'."
             if clf.familiarity is not None else "."))
    print(report.parity.summary())
    print("Class names, thresholds and preprocessing are in the file's metadata; see docs/EXPORT.md.")
    return 0
