"""Network-only throughput of the candidate backbones, interleaved and reported as a ratio to the
first one, so that load on a shared machine hits every candidate alike.

    python benchmarks/backbone_speed.py efficientnet-lite0 efficientnet-lite1 efficientnet-lite2 \\
        [a.fewshot-backbone ...] --rounds 5
"""
from __future__ import annotations

import argparse
import statistics
from pathlib import Path


def main() -> None:
    from fewshot_studio.core.bench import backbone_throughput
    from fewshot_studio.core.features.loading import load_backbone

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("backbones", nargs="+")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--device", default="cpu")
    args = ap.parse_args()
    rates: dict[str, list[float]] = {b: [] for b in args.backbones}
    for _ in range(args.rounds):
        for b in args.backbones:
            rates[b].append(backbone_throughput(b, batch=16, repeats=2, device=args.device))
    base = statistics.median(rates[args.backbones[0]])
    print(f"{'backbone':<36}{'input px':>9}{'img/s (median)':>16}{'× first':>9}")
    for b, r in rates.items():
        res = load_backbone(b, args.device).spec.resolution
        print(f"{Path(b).name:<36}{res:>9}{statistics.median(r):>16.1f}{statistics.median(r) / base:>9.2f}")


if __name__ == "__main__":
    main()
