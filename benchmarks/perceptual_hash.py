"""ImageHash's pHash against the NumPy one in core/imaging/perceptual_hash.py, on the shared sets.

    python benchmarks/perceptual_hash.py [--data ../shared/data]

For every image of every set: are the 64 bits the same? And the question that matters: does
duplicate detection (every pair within NEAR_DUPLICATE_BITS, across the whole set) find the same
pairs? Also the time per hash (load excluded) and what ImageHash adds to an install.
"""
from __future__ import annotations

import argparse
import time
from importlib import metadata
from pathlib import Path

import numpy as np

from fewshot_studio.core.classifier.data_checks import NEAR_DUPLICATE_BITS
from fewshot_studio.core.imaging.images import iter_images, load_image
from fewshot_studio.core.imaging.perceptual_hash import phash

SETS = ("flowers12", "fashion_mnist_100", "omniglot_small")


def near_pairs(hashes: list[int]) -> set[tuple[int, int]]:
    bits = np.unpackbits(np.array(hashes, dtype=">u8").view(np.uint8).reshape(len(hashes), 8), axis=1).astype(bool)
    pairs = set()
    for start in range(0, len(hashes), 256):
        dist = (bits[start : start + 256, None, :] != bits[None, :, :]).sum(axis=2)
        pairs |= {(start + a, b) for a, b in zip(*np.nonzero(dist <= NEAR_DUPLICATE_BITS)) if start + a < b}
    return pairs


def installed_mib(*dists: str) -> float:
    total = 0
    for name in dists:
        for f in metadata.distribution(name).files or []:
            try:
                total += f.locate().stat().st_size
            except OSError:
                pass
    return total / 2**20


def main() -> None:
    import imagehash

    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    args = ap.parse_args()
    print("| set | images | same 64 bits | largest bit difference | near-duplicate pairs (ImageHash / NumPy) "
          "| same pairs | ms per hash (ImageHash / NumPy) |")
    print("|---|---|---|---|---|---|---|")
    for name in SETS:
        images = [load_image(p) for p in iter_images(Path(args.data) / name, recursive=True)]
        t0 = time.perf_counter()
        ref = [int(str(imagehash.phash(im)), 16) for im in images]
        t1 = time.perf_counter()
        ours = [phash(im) for im in images]
        t2 = time.perf_counter()
        same = sum(a == b for a, b in zip(ref, ours))
        worst = max(bin(a ^ b).count("1") for a, b in zip(ref, ours))
        p_ref, p_ours = near_pairs(ref), near_pairs(ours)
        n = len(images)
        agree = "yes" if p_ref == p_ours else "NO"
        print(f"| {name} | {n} | {same} | {worst} | {len(p_ref)} / {len(p_ours)} | {agree} "
              f"| {1000 * (t1 - t0) / n:.3f} / {1000 * (t2 - t1) / n:.3f} |")
    print(f"\nImageHash + SciPy + PyWavelets installed: {installed_mib('ImageHash', 'scipy', 'PyWavelets'):.0f} MiB")


if __name__ == "__main__":
    main()
