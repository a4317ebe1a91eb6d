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
    p.add_argument("--shots", type=positive_int, nargs="+", default=[1, 5])
    p.add_argument("--episodes", type=positive_int, default=600)
    p.add_argument("--methods", nargs="+", default=["auto", "prototypes", "logreg", "dense-head"],
                   help="any of: auto prototypes logreg self-training dense-head transductive finetune")
    p.add_argument("--finetune-episodes", type=positive_int, default=None,
                   help="episodes for 'finetune' (it is ~1000x slower than the heads); default: --episodes")
    p.add_argument("--backbone", default="efficientnet-lite0")
    p.add_argument("--tta", action="store_true", help="average features of each image and its mirror")
    p.add_argument("--unbalanced", action="store_true", help="draw 1..15 queries per class instead of 15")
    p.add_argument("--queries", type=positive_int, default=15)
    p.add_argument("--seed", type=non_negative_int, default=0)
    p.add_argument("--device", default=None)
    p.add_argument("--json", dest="json_out", default=None, metavar="FILE",
                   help="write the records as JSON to FILE ('-': to stdout, and the table to stderr)")
    p.add_argument("--no-throughput", dest="throughput", action="store_false",
                   help="skip timing the network alone (about 100 images' worth of compute)")


def run(args: argparse.Namespace) -> int:
    from fewshot_studio.core.bench import backbone_throughput, format_table, run_bench
    from fewshot_studio.core.imaging.images import ImageLoadError
    from fewshot_studio.core.util.progress import Cancelled

    try:
        with cancel_on_ctrl_c("stopping the benchmark…") as token, TqdmProgress() as bar:
            records, info = run_bench(
                args.dataset_dir, ways=args.ways, shots=args.shots, episodes=args.episodes, methods=args.methods,
                finetune_episodes=args.finetune_episodes, backbone=args.backbone, tta=args.tta,
                unbalanced=args.unbalanced, queries=args.queries, seed=args.seed, device=args.device, progress=bar,
                cancel=token,
            )
            throughput = backbone_throughput(args.backbone, device=args.device) if args.throughput else None
    except (Cancelled, KeyboardInterrupt):
        return interrupted("Interrupted: no results were written.")
    except (ImageLoadError, ValueError, OSError) as exc:
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
