"""Engine speed and memory, each against a baseline measured in the same run.

    python benchmarks/engine_bench.py [--images 5000] [--cache-images 300] [--heads-only]

1. Embedding cache: re-embedding an unchanged folder vs the first pass (target ≥ 20×).
2. Head fit on cached features, 20 classes × 20 images, each method vs the dense-head
   baseline (target < 0.5 s); the transductive ones also with a pool of 100 unlabelled images.
3. Peak RSS while embedding N images, vs the RSS right after loading the backbone
   (target < 1.5 GB).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil
from peak_rss import PeakRSS  # benchmarks/ is on sys.path when a script here runs

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def images(folder: Path, n: int) -> list[str]:
    from fewshot_studio.core.imaging.images import iter_images

    out = [str(p) for p in iter_images(folder)]
    return out[:n]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=5000)
    ap.add_argument("--cache-images", type=int, default=300)
    ap.add_argument("--heads-only", action="store_true", help="only section 2, on the usual embedding cache")
    args = ap.parse_args()
    if args.heads_only:
        return run(args, None)
    with tempfile.TemporaryDirectory(prefix="fewshot-bench-cache-") as tmp:  # removed afterwards: ~30 MB a run
        os.environ["FEWSHOT_CACHE_DIR"] = str(Path(tmp) / "cache")
        return run(args, Path(tmp))


def run(args, tmp: Path | None) -> int:
    from fewshot_studio.core.features.embeddings import embed_paths
    from fewshot_studio.core.features.loading import load_backbone
    from fewshot_studio.core.methods import make_method

    rss0 = psutil.Process().memory_info().rss
    bb = load_backbone("efficientnet-lite0")
    rss_loaded = psutil.Process().memory_info().rss

    if not args.heads_only:
        cache_section(args, bb, embed_paths)
    head_fit_section(bb, embed_paths, make_method)
    if not args.heads_only:
        memory_section(args, bb, embed_paths, rss0, rss_loaded, tmp)
    return 0


def cache_section(args, bb, embed_paths) -> None:
    paths = images(SHARED / "flowers12", args.cache_images)
    t = time.perf_counter(); first = embed_paths(paths, bb); t_first = time.perf_counter() - t
    t = time.perf_counter(); second = embed_paths(paths, bb); t_second = time.perf_counter() - t
    assert second.cache_hits == len(paths) and np.array_equal(first.features, second.features)
    print(f"\n1. Embedding cache, {len(paths)} flower photos")
    print(f"{'pass':<28}{'seconds':>10}{'img/s':>10}")
    print(f"{'first (computes)':<28}{t_first:>10.2f}{len(paths) / t_first:>10.1f}")
    print(f"{'again, unchanged (cache)':<28}{t_second:>10.3f}{len(paths) / t_second:>10.1f}")
    print(f"speed-up: {t_first / t_second:.0f}x (target >= 20x)")


def head_fit_section(bb, embed_paths, make_method) -> None:
    """20 classes x 20 images: real features from Omniglot characters; the pool is the
    characters' other images, as the app passes its test pool and held-out images."""
    from fewshot_studio.core.imaging.images import class_folders
    from fewshot_studio.core.methods import FitContext

    classes = list(class_folders(SHARED / "omniglot_small").values())[:20]
    fit_paths = [str(p) for c in classes for p in c[:20]]
    pool_paths = [str(p) for c in classes for p in c[-5:]]
    labels = np.repeat(np.arange(20), 20)
    feats = embed_paths(fit_paths, bb).features
    plain = FitContext(parts=bb.parts)
    pool = FitContext(unlabelled=embed_paths(pool_paths, bb).features, parts=bb.parts)
    print("\n2. Head fit, 20 classes x 20 images, cached features (median of 5)")
    print(f"{'method':<32}{'fit ms':>10}{'vs dense-head':>15}")
    times = {}
    for name, ctx in (("dense-head", plain), ("prototypes", plain), ("logreg", plain), ("auto", plain),
                      ("transductive", pool), ("self-training", pool), ("auto", pool)):
        runs = []
        for _ in range(5):
            t = time.perf_counter(); make_method(name).fit(feats, labels, 20, ctx); runs.append(time.perf_counter() - t)
        times[name + (" (pool of 100 images)" if ctx is pool else "")] = float(np.median(runs))
    for name, s in times.items():
        print(f"{name:<32}{1000 * s:>10.1f}{times['dense-head'] / s:>14.1f}x")


def memory_section(args, bb, embed_paths, rss0, rss_loaded, tmp: Path) -> None:
    """Peak RSS while embedding many images, in a fresh cache folder so that all are computed."""
    os.environ["FEWSHOT_CACHE_DIR"] = str(tmp / "memory-cache")
    many = images(SHARED / "omniglot_small", args.images)
    with PeakRSS(interval=0.05) as peak:
        t = time.perf_counter(); res = embed_paths(many, bb); t_many = time.perf_counter() - t
    print(f"\n3. Memory while embedding {len(many)} images ({len(many) / t_many:.1f} img/s)")
    print(f"{'state':<34}{'RSS MB':>10}")
    print(f"{'python + numpy':<34}{rss0 / 2**20:>10.0f}")
    print(f"{'backbone loaded (baseline)':<34}{rss_loaded / 2**20:>10.0f}")
    print(f"{'peak while embedding':<34}{peak.peak / 2**20:>10.0f}")
    print(f"peak / baseline: {peak.peak / rss_loaded:.2f}x; target peak < 1536 MB: {'OK' if peak.peak < 1536 * 2**20 else 'MISSED'}")
    assert len(res.index) == len(many)


if __name__ == "__main__":
    sys.exit(main())
