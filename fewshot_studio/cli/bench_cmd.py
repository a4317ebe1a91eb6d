"""``fewshot-studio bench``: compare adaptation methods on episodes from a folder of class folders."""
from __future__ import annotations

import argparse
import sys

from fewshot_studio.cli.output import (cancel_on_ctrl_c, error, interrupted, non_negative_int, positive_int, shell_path,
                                       write_json)
from fewshot_studio.cli.progress_bar import TqdmProgress


def add_parser(sub) -> None:
    p = sub.add_parser("bench", help="episodic N-way K-shot benchmark of the adaptation methods",
                       description="Episodic N-way K-shot evaluation (15 queries per class) on DATASET_DIR/<class>/<image>.")
    p.add_argument("dataset_dir")
    p.add_argument("--ways", type=positive_int, default=5)
    p.add_argument("--shots", type=positive_int, nargs="+", default=None, help="default: 1 5 (open set: 5)")
    p.add_argument("--episodes", type=positive_int, default=None, help="default: 600 (open set: 200)")
    p.add_argument("--methods", nargs="+", default=None,
                   help="any of: auto prototypes logreg self-training dense-head transductive finetune "
                        "(default: auto prototypes logreg dense-head; open set: auto)")
    p.add_argument("--finetune-episodes", type=positive_int, default=None,
                   help="episodes for 'finetune' (it is ~1000x slower than the heads); default: --episodes")
    p.add_argument("--backbone", default="efficientnet-lite0")
    p.add_argument("--tta", action="store_true", help="average features of each image and its mirror")
    p.add_argument("--unbalanced", action="store_true", help="draw 1..15 queries per class instead of 15")
    p.add_argument("--queries", type=positive_int, default=None, help="queries per class (default: 15; open set: 8)")
    p.add_argument("--seed", type=non_negative_int, default=0)
    p.add_argument("--device", default=None)
    p.add_argument("--json", dest="json_out", default=None, metavar="FILE",
                   help="write the records as JSON to FILE ('-': to stdout, and the table to stderr)")
    p.add_argument("--no-throughput", dest="throughput", action="store_false",
                   help="skip timing the network alone (about 100 images' worth of compute)")
    p.add_argument("--open-set", action="store_true",
                   help="open-set episodes: WAYS taught classes, as many other classes of DATASET_DIR as unknowns "
                        "('near'), and photos from --far folders ('far'); reports AUROC known-vs-unknown, rejection "
                        "and accuracy, trained-then-applied and with the unknowns in the test pool "
                        "(default 8 queries per class, 200 episodes, 5 shots, method auto)")
    p.add_argument("--far", action="append", default=[], metavar="OTHER_DIR",
                   help="with --open-set: a folder of class folders whose photos are the 'far' unknowns (repeatable)")
    p.add_argument("--unknown-threshold", type=float, default=None, metavar="P",
                   help="with --open-set: known_score below which a photo is 'None of these' (default: the app's)")


def _run_open_set(args: argparse.Namespace) -> int:
    from fewshot_studio.core.features.backbone_file import BackboneFileError
    from fewshot_studio.core.imaging.images import ImageLoadError
    from fewshot_studio.core.methods.familiarity import DEFAULT_UNKNOWN_THRESHOLD
    from fewshot_studio.core.open_set import QUERIES, format_open_set_table, run_open_set
    from fewshot_studio.core.util.progress import Cancelled

    shots, episodes = args.shots or [5], args.episodes or 200
    queries, methods = args.queries or QUERIES, args.methods or ["auto"]
    unknown = DEFAULT_UNKNOWN_THRESHOLD if args.unknown_threshold is None else args.unknown_threshold
    try:
        with cancel_on_ctrl_c("stopping the benchmark…") as token, TqdmProgress() as bar:
            records, info = run_open_set(args.dataset_dir, far_dirs=args.far, ways=args.ways, shots=shots,
                                         episodes=episodes, methods=methods, queries=queries, backbone=args.backbone,
                                         unknown_threshold=unknown, seed=args.seed, device=args.device, progress=bar,
                                         cancel=token)
    except (Cancelled, KeyboardInterrupt):
        return interrupted("Interrupted: no results were written.")
    except (ImageLoadError, BackboneFileError, ValueError, OSError) as exc:
        return error(str(exc), args.dataset_dir, *args.far, args.backbone, args.json_out)
    text = sys.stderr if args.json_out == "-" else sys.stdout  # stdout carries the JSON then
    print(f"{shell_path(info['dataset'])}: {info['images']} images, {info['classes']} classes; far unknowns: "
          f"{', '.join(shell_path(f) for f in info['far']) or 'none'} ({info['far_images']} images); "
          f"backbone {info['backbone']}; thresholds: unknown < {unknown}, unsure < {info['threshold']}", file=text)
    print("known_score against [the top probability] on the same episodes; rejected = None of these or unsure",
          file=text)
    print(format_open_set_table(records), file=text)
    if args.json_out:
        write_json([{**r.as_json(), "dataset": info["dataset"], "far": info["far"]} for r in records], args.json_out)
    return 0


def run(args: argparse.Namespace) -> int:
    if args.open_set:
        return _run_open_set(args)
    from fewshot_studio.core.bench import QUERIES, backbone_throughput, format_table, run_bench
    from fewshot_studio.core.features.backbone_file import BackboneFileError
    from fewshot_studio.core.imaging.images import ImageLoadError
    from fewshot_studio.core.util.progress import Cancelled

    try:
        with cancel_on_ctrl_c("stopping the benchmark…") as token, TqdmProgress() as bar:
            records, info = run_bench(
                args.dataset_dir, ways=args.ways, shots=args.shots or [1, 5], episodes=args.episodes or 600,
                methods=args.methods or ["auto", "prototypes", "logreg", "dense-head"],
                finetune_episodes=args.finetune_episodes, backbone=args.backbone, tta=args.tta,
                unbalanced=args.unbalanced, queries=args.queries or QUERIES, seed=args.seed, device=args.device,
                progress=bar, cancel=token,
            )
            throughput = backbone_throughput(args.backbone, device=args.device) if args.throughput else None
    except (Cancelled, KeyboardInterrupt):
        return interrupted("Interrupted: no results were written.")
    except (ImageLoadError, BackboneFileError, ValueError, OSError) as exc:
        return error(str(exc), args.dataset_dir, args.backbone, args.json_out)
    text = sys.stderr if args.json_out == "-" else sys.stdout  # stdout carries the JSON then
    print(f"{shell_path(info['dataset'])}: {info['images']} images, {info['classes']} classes, backbone "
          f"{info['backbone']} on {info['device']}, queries {info['queries']}, TTA {'on' if info['tta'] else 'off'}",
          file=text)
    line = f"embedding: {info['embed_seconds']:.1f} s ({info['cache_hits']} from cache)"
    if throughput is not None:
        line += f"; backbone alone {throughput:.1f} img/s"
    print(line, file=text)
    print(format_table(records), file=text)
    if args.json_out:
        write_json([r.as_json() for r in records], args.json_out)
    return 0
