"""The demo from a cold embedding cache to a trained result: torch vs onnxruntime, same run.

    python benchmarks/first_result_bench.py [--runs 3]

Each measurement is a fresh Python process with its own empty cache folder, doing what the app's
training worker does on the built-in demo (80 labelled + 15 test photos): import the engine and
load the backbone ("start"), then ``train_classifier`` ("train": embedding every photo, fitting,
checking on held-out photos, predicting the test photos). ``FEWSHOT_EMBED_ENGINE`` picks the
engine. onnxruntime is timed twice: with its exported graph already in the cache folder (every
start after the first), and truly first (the one-off export included). Torch and onnxruntime
alternate, so a busy neighbour on a shared CPU slows both alike; the median is reported.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from fewshot_studio.core.classifier.training import train_classifier
from fewshot_studio.core.features.loading import load_backbone
from fewshot_studio.core.project import load_project
from fewshot_studio.gui.project.session_files import prepare_demo
project = load_project(prepare_demo()).project
load_backbone("efficientnet-lite0")
t1 = time.perf_counter()
result = train_classifier(project.examples(), test_paths=list(project.test_pool.paths))
t2 = time.perf_counter()
print(json.dumps({"start": t1 - t0, "train": t2 - t1, "accuracy": result.evaluation.accuracy}))
"""


def measure(engine: str, graph_from: Path | None) -> dict:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, FEWSHOT_EMBED_ENGINE=engine, FEWSHOT_CACHE_DIR=f"{home}/cache",
                   FEWSHOT_DATA_DIR=f"{home}/data", FEWSHOT_CONFIG_DIR=f"{home}/config")
        if graph_from is not None:  # the exported graph only: the embedding cache stays empty
            shutil.copytree(graph_from, Path(home) / "cache" / "onnx")
        out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    graphs = Path(tempfile.mkdtemp())
    try:
        with tempfile.TemporaryDirectory() as home:  # export the graph once, for the "graph cached" runs
            env = dict(os.environ, FEWSHOT_CACHE_DIR=home)
            subprocess.run([sys.executable, "-c", "from fewshot_studio.core.features.loading import load_backbone;"
                            "from fewshot_studio.core.features.onnx_runner import graph_path;"
                            "graph_path(load_backbone('efficientnet-lite0'))"], env=env, check=True)
            shutil.copytree(Path(home) / "onnx", graphs / "onnx")
        rows: dict[str, list[dict]] = {"torch": [], "onnx (graph cached)": [], "onnx (first ever)": []}
        for _ in range(args.runs):
            rows["torch"].append(measure("torch", None))
            rows["onnx (graph cached)"].append(measure("auto", graphs / "onnx"))
            rows["onnx (first ever)"].append(measure("auto", None))
        print(f"{'engine':22} {'start s':>8} {'train s':>8} {'total s':>8} {'accuracy':>9}")
        summary = {}
        for name, runs in rows.items():
            start = statistics.median(r["start"] for r in runs)
            train = statistics.median(r["train"] for r in runs)
            total = statistics.median(r["start"] + r["train"] for r in runs)
            summary[name] = {"start": start, "train": train, "total": total, "accuracy": runs[0]["accuracy"]}
            print(f"{name:22} {start:8.2f} {train:8.2f} {total:8.2f} {runs[0]['accuracy']:9.3f}")
        speedup = summary["torch"]["total"] / summary["onnx (graph cached)"]["total"]
        print(f"speed-up, start + train, graph cached: {speedup:.2f}x (runs: {args.runs}, "
              f"cpus: {os.cpu_count()}, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')})")
    finally:
        shutil.rmtree(graphs, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
