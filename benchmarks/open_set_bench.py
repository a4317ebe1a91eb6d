"""Open-set tables for benchmarks/RESULTS.md: each shared set against the others as far unknowns.

Per known set: 5-way episodes (200, 8 queries per class) from the set, near unknowns from its other
classes, far unknowns from the other shared sets *and* 1,000 natural photos of 50 Tiny-ImageNet
classes (unzipped to a temporary folder and removed afterwards), so "far" includes photos of the
same kind as a user's. Both ways photos are met (trained then applied; in the test pool), with the
top-probability baseline on the same episodes.

    python benchmarks/open_set_bench.py [--episodes 200] [--shots 1 5] [--json .bench/open-set.json]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FEWSHOT_SHARED_DATA", REPO.parent / "shared" / "data"))
SETS = ("flowers12", "fashion_mnist_100", "omniglot_small")


def tiny_subset(root: Path, classes: int = 50, per_class: int = 20) -> Path:
    """The first ``classes`` × ``per_class`` photos of the Tiny-ImageNet base set, as class folders."""
    with zipfile.ZipFile(SHARED / "tiny_imagenet_base.zip") as zf:
        names = sorted(n for n in zf.namelist() if n.lower().endswith(".jpeg") or n.lower().endswith(".jpg"))
        by_class: dict[str, list[str]] = {}
        for n in names:
            by_class.setdefault(n.split("/")[-2], []).append(n)
        for c in sorted(by_class)[:classes]:
            for n in by_class[c][:per_class]:
                target = root / "tiny50" / c / Path(n).name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(zf.read(n))
    return root / "tiny50"


def row(r: dict) -> str:
    def pm(key: str) -> str:
        v, ci = r[key], r[key + "_ci95"]
        return "–" if v is None else f"{v:.2f} ± {ci:.2f}" if ci is not None else f"{v:.2f}"

    delta = "" if r["accuracy_without_unknowns"] is None else f"{r['accuracy'] - r['accuracy_without_unknowns']:+.2f}"
    return (f"| {r['dataset']} | {r['shots']} | {r['regime']} | {pm('accuracy')} | {delta or '–'} | "
            f"{pm('auroc_near')} ({r['baseline_auroc_near']:.1f}) | {pm('auroc_far')} ({r['baseline_auroc_far']:.1f}) | "
            f"{r['rejected_near']:.1f} ({r['baseline_rejected_near']:.1f}) | {r['rejected_far']:.1f} ({r['baseline_rejected_far']:.1f}) | "
            f"{r['kept_correct']:.1f} | {r['right_and_kept']:.1f} ({r['baseline_right_and_kept']:.1f}) |")


def main(argv: list[str] | None = None) -> int:
    from fewshot_studio.core.open_set import run_open_set

    ap = argparse.ArgumentParser()
    ap.add_argument("--episodes", type=int, default=200)
    ap.add_argument("--shots", type=int, nargs="+", default=[1, 5])
    ap.add_argument("--sets", nargs="+", default=list(SETS))
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="fewshot-open-set-"))
    records = []
    try:
        tiny = tiny_subset(work)
        for name in args.sets:
            far = [str(SHARED / s) for s in SETS if s != name] + [str(tiny)]
            recs, info = run_open_set(str(SHARED / name), far_dirs=far, shots=args.shots, episodes=args.episodes)
            for r in recs:
                records.append({**r.as_json(), "dataset": name, "far": [Path(f).name for f in far]})
            print(f"{name}: far = {', '.join(Path(f).name for f in far)} ({info['far_images']} photos)", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("| set | shots | regime | accuracy % | Δ vs no unknowns | AUROC near (top-prob) | AUROC far (top-prob) | "
          "rejected near % (top-prob) | rejected far % (top-prob) | correct kept % | right and kept % (top-prob) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in records:
        print(row(r))
    if args.json:
        Path(args.json).write_text(json.dumps(records, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
