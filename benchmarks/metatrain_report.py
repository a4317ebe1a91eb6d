"""Markdown tables for benchmarks/RESULTS.md from the JSON the metatrain benchmarks wrote,
so the published numbers are exactly the measured ones.

    python benchmarks/metatrain_report.py --bench /tmp/mt/bench.jsonl --runs /tmp/mt/runs*.json \
        --distill /tmp/mt/distill.jsonl
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path


def _name(backbone: str, names: dict[str, str]) -> str:
    return names.get(backbone, names.get(Path(backbone).name, Path(backbone).name.replace(".fewshot-backbone", "")))


def bench_table(rows: list[dict], names: dict[str, str]) -> str:
    by_ds: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_ds[r["dataset"]].append(r)
    out = []
    for ds, rs in by_ds.items():
        cols = sorted({(r["ways"], r["shots"]) for r in rs})
        out.append(f"**{ds}** (prototypes head, {rs[0]['episodes']} episodes, 15 queries per class, accuracy % ± 95 % CI)\n")
        out.append("| backbone | " + " | ".join(f"{w}-way {k}-shot" for w, k in cols) + " |")
        out.append("|---|" + "---:|" * len(cols))
        seen: dict[str, dict] = {}
        for r in rs:
            seen.setdefault(r["backbone"], {})[(r["ways"], r["shots"])] = r
        for bb, cells in seen.items():
            vals = [f"{100 * cells[c]['accuracy']:.2f} ± {100 * cells[c]['ci95']:.2f}" if c in cells else "–" for c in cols]
            out.append(f"| {_name(bb, names)} | " + " | ".join(vals) + " |")
        out.append("")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default=None)
    ap.add_argument("--runs", nargs="*", default=[])
    ap.add_argument("--distill", default=None)
    ap.add_argument("--names", default=None, help="JSON {file name or backbone: display name}")
    args = ap.parse_args()
    names = json.loads(Path(args.names).read_text()) if args.names else {}
    if args.bench:
        rows = [json.loads(line) for line in Path(args.bench).read_text().splitlines() if line.strip()]
        print(bench_table(rows, names))
    if args.runs:
        print("| backbone | error % (20 runs, 20-way 1-shot) |\n|---|---:|")
        for f in args.runs:
            for r in json.loads(Path(f).read_text()):
                print(f"| {_name(r['backbone_arg'], names)} | {r['error_pct']:.1f} |")
        print()
    if args.distill:
        rows = [json.loads(line) for line in Path(args.distill).read_text().splitlines() if line.strip()]
        print("| backbone | data set | 5-way 1-shot | 5-way 5-shot | CPU img/s |\n|---|---|---:|---:|---:|")
        cells: dict = defaultdict(dict)
        for r in rows:
            cells[(r["backbone"], r["dataset"])][r["shots"]] = r
        for (bb, ds), c in cells.items():
            acc = [f"{100 * c[k]['accuracy']:.2f} ± {100 * c[k]['ci95']:.2f}" if k in c else "–" for k in (1, 5)]
            ips = next(iter(c.values()))["img_per_s"]
            print(f"| {_name(bb, names)} | {ds} | {acc[0]} | {acc[1]} | {ips:.1f} |")


if __name__ == "__main__":
    main()
