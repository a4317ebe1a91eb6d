"""The demo from a cold embedding cache to a trained result: torch vs onnxruntime, same run.

    python benchmarks/first_result_bench.py [--runs 3]

Each measurement is a fresh Python process with its own empty cache folder. "Engine" rows do
what the app's training worker does on the built-in demo (80 labelled + 17 test photos): import
the engine and load the backbone ("start"), then ``train_classifier`` ("train": embedding every
photo, fitting, cross-validating, predicting the test photos). "Window" rows run the real app
(offscreen) with ``--demo`` and time from the process start to the first result in the window,
warm-up included: what a user waits. ``FEWSHOT_EMBED_ENGINE`` picks the engine. onnxruntime is
timed with its exported graph already in the cache folder (every start after the first), and
truly first (the one-off export included). The kinds alternate, so a busy neighbour on a shared
CPU slows all alike; the median is reported.
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
print(json.dumps({"start": t1 - t0, "train": t2 - t1, "accuracy": result.evaluation.accuracy,
                  "torch_imported": "torch" in sys.modules}))
"""

WINDOW_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from fewshot_studio.gui.main_window import MainWindow
window = MainWindow()
window.show()
t1 = time.perf_counter()
seen = {}
def done(snapshot, _result):
    seen.update(result=time.perf_counter(), accuracy=snapshot.accuracy, torch_imported="torch" in sys.modules)
    app.quit()
window.trainer.resultReady.connect(done)
window.session.open_demo()
QTimer.singleShot(300_000, app.quit)
app.exec()
window.shutdown()
print(json.dumps({"start": t1 - t0, "train": seen["result"] - t1, "accuracy": seen["accuracy"],
                  "torch_imported": seen["torch_imported"]}))
"""


def measure(engine: str, graph_from: Path | None, child: str = CHILD) -> dict:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, FEWSHOT_EMBED_ENGINE=engine, FEWSHOT_CACHE_DIR=f"{home}/cache",
                   FEWSHOT_DATA_DIR=f"{home}/data", FEWSHOT_CONFIG_DIR=f"{home}/config", QT_QPA_PLATFORM="offscreen")
        if graph_from is not None:  # the exported graph only: the embedding cache stays empty
            shutil.copytree(graph_from, Path(home) / "cache" / "onnx")
        out = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True, check=True)
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
        kinds = {
            "engine, torch": ("torch", None, CHILD),
            "engine, onnx": ("auto", graphs / "onnx", CHILD),
            "engine, onnx first": ("auto", None, CHILD),
            "window, torch": ("torch", None, WINDOW_CHILD),
            "window, onnx": ("auto", graphs / "onnx", WINDOW_CHILD),
            "window, onnx first": ("auto", None, WINDOW_CHILD),
        }
        rows: dict[str, list[dict]] = {name: [] for name in kinds}
        for _ in range(args.runs):
            for name, how in kinds.items():
                rows[name].append(measure(*how))
        print(f"{'kind':22} {'start s':>8} {'train s':>8} {'total s':>8} {'accuracy':>9} {'torch?':>7}")
        summary = {}
        for name, runs in rows.items():
            start = statistics.median(r["start"] for r in runs)
            train = statistics.median(r["train"] for r in runs)
            total = statistics.median(r["start"] + r["train"] for r in runs)
            summary[name] = {"total": total}
            imported = "yes" if any(r["torch_imported"] for r in runs) else "no"
            print(f"{name:22} {start:8.2f} {train:8.2f} {total:8.2f} {runs[0]['accuracy']:9.3f} {imported:>7}")
        for kind in ("engine", "window"):
            speedup = summary[f"{kind}, torch"]["total"] / summary[f"{kind}, onnx"]["total"]
            print(f"speed-up, {kind}, graph cached: {speedup:.2f}x")
        print(f"(runs: {args.runs}, cpus: {os.cpu_count()}, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')})")
    finally:
        shutil.rmtree(graphs, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
