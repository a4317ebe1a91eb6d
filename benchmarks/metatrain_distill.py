"""Distillation trade-off on CPU: the 224 px teacher vs a 128 px student, undistilled and distilled.

The student is distilled on generic natural images (a Tiny ImageNet sample, never the evaluation
sets), then every backbone is benchmarked with the same 600 episodes (prototypes head) and timed
on the network alone (images/s on CPU, batch 32).

    python benchmarks/metatrain_distill.py --images /tmp/ti/tiny_imagenet_base --per-class 10 \
        --datasets ../shared/data/flowers12 ../shared/data/fashion_mnist_100 --out-dir /tmp/mt
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path


def main() -> None:
    from fewshot_studio.core.bench import backbone_throughput, run_bench
    from fewshot_studio.core.imaging.images import class_folders
    from fewshot_studio.core.tuning.distill import DistillConfig, distill

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--images", required=True, help="folder of class folders used as unlabelled distillation images")
    ap.add_argument("--per-class", type=int, default=10)
    ap.add_argument("--datasets", nargs="+", required=True)
    ap.add_argument("--resolution", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--episodes", type=int, default=600)
    ap.add_argument("--out-dir", required=True)
    args = ap.parse_args()
    out = Path(args.out_dir)
    imgs = [str(p) for ps in class_folders(args.images).values() for p in ps[: args.per_class]]
    student = out / f"distilled-{args.resolution}.fewshot-backbone"
    if not student.exists():
        r = distill(imgs, student, DistillConfig(student_resolution=args.resolution, epochs=args.epochs,
                                                  max_images=None, device="cpu"), log=lambda s: print(s, flush=True))
        print(f"distilled in {r.seconds / 60:.1f} min: cosine {r.heldout_cosine_before:.4f} -> {r.heldout_cosine_after:.4f}")
    stock = out / f"imagenet-{args.resolution}.fewshot-backbone"
    if not stock.exists():
        from fewshot_studio.core.features.backbone_file import save_backbone_file
        from fewshot_studio.core.features.loading import load_backbone

        save_backbone_file(stock, load_backbone("efficientnet-lite0", "cpu").net, "efficientnet-lite0", args.resolution)
    rows = []
    for bb in ("efficientnet-lite0", str(stock), str(student)):
        ips = backbone_throughput(bb, device="cpu", repeats=5)
        for ds in args.datasets:
            records, info = run_bench(ds, ways=5, shots=(1, 5), episodes=args.episodes, methods=["prototypes"],
                                      backbone=bb, device="cpu")
            for r in records:
                row = {"backbone": bb, "backbone_id": info["backbone"], "dataset": Path(ds).name, "img_per_s": ips,
                       **r.as_json()}
                rows.append(row)
                print(f"{Path(bb).name:<34}{Path(ds).name:<20}5-way {r.shots}-shot {100 * r.accuracy:6.2f} ± "
                      f"{100 * r.ci95:.2f}   {ips:6.1f} img/s", flush=True)
    with open(out / "distill.jsonl", "a") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
