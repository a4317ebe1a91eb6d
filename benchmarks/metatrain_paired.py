"""Paired comparison of two backbones on the very episodes ``fewshot-studio bench`` draws.

Both backbones see the same support and query images in every episode, so the per-episode
difference in accuracy has a much tighter confidence interval than the two separate means: this
is what decides whether a meta-trained backbone really beats the default.

    python benchmarks/metatrain_paired.py DATASET --a efficientnet-lite0 --b /tmp/mt/ti-mb-224.fewshot-backbone
"""
from __future__ import annotations

import argparse
import json

import numpy as np


def episode_accuracies(dataset: str, backbone: str, ways: int, shots: int, episodes: int, seed: int = 0) -> np.ndarray:
    from fewshot_studio.core.bench import QUERIES, sample_episodes
    from fewshot_studio.core.features.embeddings import embed_paths
    from fewshot_studio.core.features.loading import load_backbone
    from fewshot_studio.core.imaging.images import class_folders
    from fewshot_studio.core.methods.prototypes import Prototypes

    classes = class_folders(dataset)
    paths = [str(p) for imgs in classes.values() for p in imgs]
    labels = np.array([c for c, imgs in enumerate(classes.values()) for _ in imgs])
    bb = load_backbone(backbone, "cpu")
    emb = embed_paths(paths, bb)
    feats = np.zeros((len(paths), bb.spec.feature_dim), np.float32)
    feats[emb.index] = emb.features
    accs = []
    for ep in sample_episodes(labels, ways, shots, episodes, QUERIES, seed + 1000 * shots):  # as run_bench does
        m = Prototypes().fit(feats[ep.support], ep.support_labels, ways)
        accs.append(float((m.logits(feats[ep.query]).argmax(1) == ep.query_labels).mean()))
    return np.array(accs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("datasets", nargs="+")
    ap.add_argument("--a", required=True)
    ap.add_argument("--b", required=True)
    ap.add_argument("--ways", type=int, nargs="+", default=[5])
    ap.add_argument("--shots", type=int, nargs="+", default=[1, 5])
    ap.add_argument("--episodes", type=int, default=600)
    ap.add_argument("--jsonl", default=None)
    args = ap.parse_args()
    for ds in args.datasets:
        for ways in args.ways:
            for k in args.shots:
                a = episode_accuracies(ds, args.a, ways, k, args.episodes)
                b = episode_accuracies(ds, args.b, ways, k, args.episodes)
                d = b - a
                ci = 1.96 * d.std(ddof=1) / np.sqrt(len(d))
                row = {"dataset": ds, "ways": ways, "shots": k, "a": args.a, "b": args.b, "acc_a": a.mean(),
                       "acc_b": b.mean(), "diff": d.mean(), "diff_ci95": ci}
                print(f"{ds} {ways}-way {k}-shot: {100 * a.mean():.2f} -> {100 * b.mean():.2f}, "
                      f"difference {100 * d.mean():+.2f} ± {100 * ci:.2f} (paired, 95 % CI)", flush=True)
                if args.jsonl:
                    with open(args.jsonl, "a") as fh:
                        fh.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
