"""ImageNet backbone vs meta-trained backbones, with the same 600 episodes as ``fewshot-studio bench``.

For every backbone (a stock name or a .fewshot-backbone file) and held-out data set, runs
``core.bench.run_bench`` with the ``prototypes`` head, 5-way and 20-way (where the set has 20
classes), 1 and 5 shots, and appends one JSON line per record, so a long run can be stopped and
its finished parts kept. ``--stock-at RES`` first writes the ImageNet weights as a backbone file at
that input size, to separate the effect of meta-training from the effect of resolution.

    python benchmarks/metatrain_bench.py --datasets ../shared/data/flowers12 ... \
        --backbones efficientnet-lite0 /tmp/mt/ti-mb.fewshot-backbone --jsonl /tmp/mt/bench.jsonl
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def stock_at(resolution: int, out_dir: str) -> str:
    from fewshot_studio.core.features.backbone_file import save_backbone_file
    from fewshot_studio.core.features.loading import load_backbone

    path = Path(out_dir) / f"imagenet-{resolution}.fewshot-backbone"
    if not path.exists():
        save_backbone_file(path, load_backbone("efficientnet-lite0", "cpu").net, "efficientnet-lite0", resolution,
                           label=f"ImageNet weights at {resolution} px")
    return str(path)


def main() -> None:
    from fewshot_studio.core.bench import run_bench
    from fewshot_studio.core.imaging.images import class_folders

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", nargs="+", required=True)
    ap.add_argument("--backbones", nargs="+", default=["efficientnet-lite0"])
    ap.add_argument("--stock-at", type=int, nargs="*", default=[], help="also bench ImageNet weights at these sizes")
    ap.add_argument("--ways", type=int, nargs="+", default=[5, 20])
    ap.add_argument("--shots", type=int, nargs="+", default=[1, 5])
    ap.add_argument("--episodes", type=int, default=600)
    ap.add_argument("--jsonl", required=True)
    ap.add_argument("--device", default="cpu")
    args = ap.parse_args()
    backbones = list(args.backbones) + [stock_at(r, str(Path(args.jsonl).parent)) for r in args.stock_at]
    for bb in backbones:
        for ds in args.datasets:
            n_classes = len(class_folders(ds))
            for ways in args.ways:
                if ways > n_classes:
                    print(f"skip {Path(ds).name} {ways}-way: only {n_classes} classes", flush=True)
                    continue
                t = time.perf_counter()
                records, info = run_bench(ds, ways=ways, shots=args.shots, episodes=args.episodes,
                                          methods=["prototypes"], backbone=bb, device=args.device)
                for r in records:
                    row = {"backbone": bb, "backbone_id": info["backbone"], "dataset": Path(ds).name, **r.as_json(),
                           "embed_seconds": info["embed_seconds"], "seconds": time.perf_counter() - t}
                    with open(args.jsonl, "a") as fh:
                        fh.write(json.dumps(row) + "\n")
                    print(f"{Path(bb).name:<34}{Path(ds).name:<20}{ways:>3}-way {r.shots}-shot "
                          f"{100 * r.accuracy:6.2f} ± {100 * r.ci95:.2f}", flush=True)


if __name__ == "__main__":
    main()
