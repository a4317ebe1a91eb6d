"""The embedding with taps (standard feature + the last two blocks, each part normalised) against
the standard feature alone, paired on the same episodes.

    python benchmarks/multilevel_features.py DATASET_DIR [--shots 5] [--episodes 200] [--seed 77] [--unbalanced]

"standard" runs each head exactly as before the taps existed (fitted without parts on the first
1280 columns); "taps" is what the app runs now. The dense head is the yardstick and reads the raw
standard feature either way; its row on the whole normalised embedding shows what the taps would
do for it. Seeds 77/78 are not the benchmark's (`fewshot-studio bench` uses 5000 for 5 shots).
"""
from __future__ import annotations

import argparse
import sys

import numpy as np


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    ap.add_argument("--shots", type=int, default=5)
    ap.add_argument("--episodes", type=int, default=200)
    ap.add_argument("--seed", type=int, default=77)
    ap.add_argument("--unbalanced", action="store_true")
    args = ap.parse_args()
    from fewshot_studio.core.bench import QUERIES, sample_episodes
    from fewshot_studio.core.features.embeddings import embed_paths
    from fewshot_studio.core.features.loading import load_backbone
    from fewshot_studio.core.imaging.images import class_folders
    from fewshot_studio.core.methods import FitContext, make_method
    from fewshot_studio.core.methods.features import multilevel

    bb = load_backbone()
    classes = class_folders(args.dataset)
    paths = [str(p) for imgs in classes.values() for p in imgs]
    labels = np.array([c for c, imgs in enumerate(classes.values()) for _ in imgs])
    emb = embed_paths(paths, bb)
    x, labels = emb.features, labels[emb.index]
    standard, normalised = np.ascontiguousarray(x[:, : bb.spec.feature_dim]), multilevel(x, bb.parts)
    heads = ["auto", "prototypes", "logreg", "self-training"] if args.shots >= 5 else ["auto", "prototypes", "logreg"]
    yardstick = "dense-head (yardstick: raw standard feature)"
    # name: (features, parts, method, the row it is paired with)
    rows = {yardstick: (standard, None, "dense-head", None),
            "dense-head on the normalised embedding": (normalised, None, "dense-head", yardstick)}
    for h in heads:
        rows[f"{h}, standard feature"] = (standard, None, h, None)
        rows[f"{h}, taps"] = (x, bb.parts, h, f"{h}, standard feature")
    acc: dict[str, list[float]] = {name: [] for name in rows}
    episodes = sample_episodes(labels, 5, args.shots, args.episodes, QUERIES, args.seed, args.unbalanced)
    for e, ep in enumerate(episodes):
        for name, (feats, parts, method, _) in rows.items():
            ctx = FitContext(unlabelled=feats[ep.query], seed=e, parts=parts)
            logits = make_method(method).fit(feats[ep.support], ep.support_labels, 5, ctx).logits(feats[ep.query])
            acc[name].append(float((logits.argmax(1) == ep.query_labels).mean()))
    pool = "unbalanced" if args.unbalanced else "balanced"
    print(f"\n{args.dataset}: 5-way {args.shots}-shot, {args.episodes} episodes (seed {args.seed}), {pool} pool\n")
    print("| head | accuracy % | taps vs standard (paired, ± 95 % CI) |\n|---|---:|---:|")
    for name, a in acc.items():
        a, against = np.array(a), rows[name][3]
        diff = ""
        if against:
            d = 100 * (a - np.array(acc[against]))
            diff = f"{d.mean():+.2f} ± {1.96 * d.std(ddof=1) / np.sqrt(len(d)):.2f}"
        print(f"| {name} | {100 * a.mean():.2f} | {diff} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
