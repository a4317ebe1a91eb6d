"""Turn ``fewshot-studio bench --json`` files into the Markdown tables of RESULTS.md.

    python benchmarks/results_table.py .bench/lite0-flowers12.json [...]

Each file's table also gets the "auto − dense-head" margin that the engine's targets are about.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def table(records: list[dict]) -> str:
    rows = ["| method | shots | episodes | accuracy % (± 95 % CI) | fit ms | ECE | T | threshold rejecting 5 % of correct | correct rejected at 0.5 |",
            "|---|---|---|---|---|---|---|---|---|"]
    for r in records:
        ci = f"{100 * r['ci95']:.2f}" if r.get("ci95") is not None else "–"
        rows.append(
            f"| {r['method']} | {r['shots']} | {r['episodes']} | {100 * r['accuracy']:.2f} ± {ci} | {r['fit_ms']:.1f} | "
            f"{r['ece']:.3f} | {r['temperature']:.2f} | {r['threshold_5pct']:.2f} | {100 * r['reject_correct_at_default']:.1f} % |"
        )
    by = {(r["method"], r["shots"]): r for r in records}
    margins = []
    for shots in sorted({r["shots"] for r in records}):
        a, d = by.get(("auto", shots)), by.get(("dense-head", shots))
        if a and d:
            margins.append(f"{shots}-shot: auto − dense-head = {100 * (a['accuracy'] - d['accuracy']):+.2f} points")
    return "\n".join(rows) + ("\n\n" + "; ".join(margins) if margins else "")


def main(files: list[str]) -> int:
    for f in files:
        print(f"#### {Path(f).stem}\n")
        print(table(json.loads(Path(f).read_text())))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
