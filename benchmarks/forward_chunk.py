"""Images per forward pass on a CPU: the network alone on 64 ready-made inputs, then the app's
embedding pipeline (decode, preprocess, network; cache off) on real photos, with each chunk
size, interleaved over rounds and reported as a ratio to 32 (what every forward pass used before
``Backbone.chunk``, now two per torch thread), so load on a shared machine hits every size alike.

    python benchmarks/forward_chunk.py [--images 192] [--rounds 3] [--chunks 32 16 8 4 2 1]
"""
from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def photos(n: int) -> list[str]:
    """Half flower photos (JPEG), half Fashion-MNIST (PNG): both kinds of decode the app sees."""
    from fewshot_studio.core.imaging.images import iter_images

    half = n // 2
    return ([str(p) for p in iter_images(SHARED / "flowers12")][:half]
            + [str(p) for p in iter_images(SHARED / "fashion_mnist_100")][: n - half])


def main() -> None:
    import torch

    from fewshot_studio.core.features.embeddings import embed_paths
    from fewshot_studio.core.features.loading import load_backbone

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--images", type=int, default=192)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--chunks", type=int, nargs="+", default=[32, 16, 8, 4, 2, 1], help="the first is the baseline")
    args = ap.parse_args()
    bb = load_backbone(device="cpu")
    x = np.random.default_rng(0).standard_normal((64, 3, bb.spec.resolution, bb.spec.resolution)).astype(np.float32)
    paths = photos(args.images)
    print(f"{torch.get_num_threads()} torch threads, {args.rounds} rounds")
    table(f"network alone, {len(x)} inputs", args, lambda: len(bb.embed_arrays(x)))
    table(f"embedding pipeline, {len(paths)} photos", args, lambda: len(embed_paths(paths, bb, use_cache=False).index))


def table(title: str, args: argparse.Namespace, work: Callable[[], int]) -> None:
    from fewshot_studio.core.features.backbone import Backbone

    rates: dict[int, list[float]] = {c: [] for c in args.chunks}
    for r in range(args.rounds + 1):  # round 0 warms up every size and is not counted
        for c in args.chunks:
            Backbone.chunk = property(lambda self, c=c: c)
            t = time.perf_counter()
            n = work()
            if r:
                rates[c].append(n / (time.perf_counter() - t))
    base = statistics.median(rates[args.chunks[0]])
    print(f"\n{title}\n{'images per pass':<17}{'img/s (median)':>16}{'all rounds':>22}{'× ' + str(args.chunks[0]):>8}")
    for c, r in rates.items():
        print(f"{c:<17}{statistics.median(r):>16.1f}{' '.join(f'{v:.0f}' for v in r):>22}{statistics.median(r) / base:>8.2f}")

if __name__ == "__main__":
    main()
