"""``fewshot-studio bench``: compare adaptation methods on episodes from a folder of class folders."""
from __future__ import annotations

import argparse
import json
import sys

from fewshot_studio.cli.progress_bar import TqdmProgress


def add_parser(sub) -> None:
    p = sub.add_parser("bench", help="episodic N-way K-shot benchmark of the adaptation methods",
                       description="Episodic N-way K-shot evaluation (15 queries per class) on DATASET_DIR/<class>/<image>.")
    p.add_argument("dataset_dir")
    p.add_argument("--ways", type=int, default=5)
    p.add_argument("--shots", type=int, nargs="+", default=[1, 5])
    p.add_argument("--episodes", type=int, default=600)
    p.add_argument("--methods", nargs="+", default=["auto", "prototypes", "logreg", "dense-head"],
                   help="any of: auto prototypes logreg self-training dense-head transductive finetune")
    p.add_argument("--finetune-episodes", type=int, default=None,
                   help="episodes for 'finetune' (it is ~1000x slower than the heads); default: --episodes")
    p.add_argument("--backbone", default="efficientnet-lite0")
    p.add_argument("--tta", action="store_true", help="average features of each image and its mirror")
    p.add_argument("--unbalanced", action="store_true", help="draw 1..15 queries per class instead of 15")
    p.add_argument("--queries", type=int, default=15)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", default=None)
    p.add_argument("--json", dest="json_out", default=None, help="write the records as JSON to this file")
    p.add_argument("--no-throughput", dest="throughput", action="store_false",
                   help="skip timing the network alone (about 100 images' worth of compute)")


def run(args: argparse.Namespace) -> int:
    from fewshot_studio.core.bench import backbone_throughput, format_table, run_bench
    from fewshot_studio.core.features.backbone_file import BackboneFileError
    from fewshot_studio.core.imaging.images import ImageLoadError
    from fewshot_studio.core.util.atomic import atomic_write_text

    try:
        with TqdmProgress() as bar:
            records, info = run_bench(
                args.dataset_dir, ways=args.ways, shots=args.shots, episodes=args.episodes, methods=args.methods,
                finetune_episodes=args.finetune_episodes, backbone=args.backbone, tta=args.tta,
                unbalanced=args.unbalanced, queries=args.queries, seed=args.seed, device=args.device, progress=bar,
            )
    except (ImageLoadError, BackboneFileError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{info['dataset']}: {info['images']} images, {info['classes']} classes, backbone {info['backbone']} on {info['device']}, "
          f"queries {info['queries']}, TTA {'on' if info['tta'] else 'off'}")
    line = f"embedding: {info['embed_seconds']:.1f} s ({info['cache_hits']} from cache)"
    if args.throughput:
        line += f"; backbone alone {backbone_throughput(args.backbone, device=args.device):.1f} img/s"
    print(line)
    print(format_table(records))
    if args.json_out:
        atomic_write_text(args.json_out, json.dumps([r.as_json() for r in records], indent=2))
    return 0
