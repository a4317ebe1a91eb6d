"""Batch labelling speed and memory, against a naive loop measured in the same run.

    python benchmarks/batch_label_bench.py [--images 2000] [--memory-images 20000] [--skip-naive]

1. ``label_folder`` (csv mode, cold: no embedding cache) on N real images vs a naive loop over the
   same N images (open one image, transform, forward through the backbone in torch, next).
   Target ≥ 3×. Also: the same pipeline with the torch engine, on the first 400 images.
2. The backbone's own batched peak throughput (random input, no decoding), torch and onnxruntime,
   and the fraction of it the end-to-end run achieves.
3. Peak RSS of a child process labelling a folder of M files (symlinks to the N images, so the
   embedding cache answers for repeats: this measures the pipeline, journal and CSV at scale).
   Target < 1.5 GB and flat.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil
from peak_rss import PeakRSS  # benchmarks/ is on sys.path when a script here runs

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
CLASSES = ("bluebell", "buttercup", "sunflower")


def image_set(n: int) -> list[Path]:
    """Real images of three kinds: flower photos (JPEG ≤ 256 px), Fashion-MNIST and Omniglot PNGs."""
    from fewshot_studio.core.imaging.images import iter_images

    pool = list(iter_images(SHARED / "flowers12")) + list(iter_images(SHARED / "fashion_mnist_100"))
    pool += list(iter_images(SHARED / "omniglot_small"))
    return pool[:n]


def link_folder(root: Path, images: list[Path], copies: int = 1) -> Path:
    folder = root / f"photos-{len(images) * copies}"
    folder.mkdir(parents=True)
    for c in range(copies):
        for i, p in enumerate(images):
            os.symlink(p, folder / f"{c:02d}_{i:05d}{p.suffix}")
    return folder


def train():
    from fewshot_studio.core.classifier.training import train_classifier

    ex = {c: [str(p) for p in sorted((SHARED / "flowers12" / c).glob("*.jpg"))[:6]] for c in CLASSES}
    return train_classifier(ex, check_duplicates_too=False).classifier


def naive(clf, paths: list[Path]) -> float:
    """What a first script does: one image at a time, plain torch, no threads, no batching."""
    import copy

    import torch

    from fewshot_studio.core.features.backbone import preprocess
    from fewshot_studio.core.imaging.images import ImageLoadError, load_image

    bb = clf.backbone()
    net = copy.deepcopy(bb.net).to(memory_format=torch.contiguous_format).eval()
    t = time.perf_counter()
    with torch.no_grad():
        for p in paths:
            try:
                x = torch.from_numpy(preprocess(load_image(p), bb.spec))[None]
            except ImageLoadError:
                continue
            clf.predict_features(net(x).numpy())
    return time.perf_counter() - t


def peak_throughput(clf) -> dict[str, float]:
    """The backbone alone on ready-made batches: the ceiling any pipeline can reach here."""
    import torch

    from fewshot_studio.core.labelling.engine import OnnxEngine, TorchEngine

    bb = clf.backbone()
    x = np.random.default_rng(0).standard_normal((32, 3, 224, 224)).astype(np.float32)
    out: dict[str, float] = {"torch_threads": torch.get_num_threads()}
    for name, engine in (("onnx", OnnxEngine(bb, False)), ("torch", TorchEngine(bb, False))):
        for bs in (4, 8, 32):
            engine.features(x[:bs])  # warm-up
            best = 0.0
            for _ in range(2):
                t = time.perf_counter()
                for s in range(0, 32, bs):
                    engine.features(x[s : s + bs])
                best = max(best, 32 / (time.perf_counter() - t))
            out[f"{name}_bs{bs}"] = best
        out[name] = max(out[f"{name}_bs{bs}"] for bs in (4, 8, 32))
    return out


def fast(clf, folder: Path, out: Path, engine: str, batch_size: int = 32) -> tuple[float, int, object]:
    from fewshot_studio.core.labelling.folder_run import LabelOptions, label_folder

    with PeakRSS() as mem:
        t = time.perf_counter()
        s = label_folder(clf, folder, LabelOptions(out_dir=out, use_cache=False, engine=engine, batch_size=batch_size))
        dt = time.perf_counter() - t
    return dt, mem.peak, s


def memory_child(model: str, folder: str, out: str) -> None:
    """Run in a fresh process: label ``folder`` and print RSS figures as JSON."""
    from fewshot_studio.core.classifier.file_format import load_trained_classifier
    from fewshot_studio.core.labelling.folder_run import LabelOptions, label_folder

    clf, _ = load_trained_classifier(model)
    marks = {}

    def progress(p):
        frac = p.done / max(p.total, 1)
        for m in (0.1, 0.5, 0.9):
            if frac >= m and m not in marks:
                marks[m] = psutil.Process().memory_info().rss
    with PeakRSS() as mem:
        t = time.perf_counter()
        s = label_folder(clf, folder, LabelOptions(out_dir=out), progress=progress)
        dt = time.perf_counter() - t
    print(json.dumps({"seconds": dt, "processed": s.processed, "peak": mem.peak, "marks": marks,
                      "rows": len(Path(out, "labels.csv").read_text().splitlines()) - 1}))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=2000)
    ap.add_argument("--memory-images", type=int, default=20000)
    ap.add_argument("--skip-naive", action="store_true")
    ap.add_argument("--memory-child", nargs=3, metavar=("MODEL", "FOLDER", "OUT"))
    args = ap.parse_args()
    if args.memory_child:
        memory_child(*args.memory_child)
        return 0
    with tempfile.TemporaryDirectory(prefix="fewshot-label-bench-") as d:  # links, copies and a cache: removed after
        return bench(args, Path(d))


def bench(args: argparse.Namespace, tmp: Path) -> int:
    os.environ["FEWSHOT_CACHE_DIR"] = str(tmp / "cache")
    from fewshot_studio.core.classifier.file_format import save_classifier
    from fewshot_studio.core.labelling.engine import make_engine

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    clf = train()
    t = time.perf_counter()
    make_engine(clf, "onnx")
    print(f"one-off: exporting the backbone to ONNX took {time.perf_counter() - t:.1f} s", flush=True)
    images = image_set(args.images)
    folder = link_folder(tmp, images)
    res: dict[str, object] = {"images": len(images), "load_before": os.getloadavg()[0]}

    dt, peak, s = fast(clf, folder, tmp / "out-onnx", "onnx")
    res.update(fast_onnx_s=dt, fast_onnx_rate=len(images) / dt, fast_rss=peak, counts=dict(s.counts))
    print(f"fast (onnx): {dt:.1f} s, {len(images) / dt:.1f} img/s, peak RSS {peak / 1e6:.0f} MB", flush=True)
    some = images[:: max(1, len(images) // 400)][:400]
    dt_t, _, _ = fast(clf, link_folder(tmp / "sub", some), tmp / "out-torch", "torch")
    res.update(fast_torch_rate=len(some) / dt_t)
    print(f"fast (torch engine, {len(some)} of them): {len(some) / dt_t:.1f} img/s", flush=True)
    if not args.skip_naive:
        dt_n = naive(clf, images)
        res.update(naive_s=dt_n, naive_rate=len(images) / dt_n, speedup=dt_n / res["fast_onnx_s"])
        print(f"naive loop: {dt_n:.1f} s, {len(images) / dt_n:.1f} img/s -> speed-up {dt_n / res['fast_onnx_s']:.1f}x",
              flush=True)
    peak_tp = peak_throughput(clf)
    res.update(peak=peak_tp, fraction_of_onnx_peak=res["fast_onnx_rate"] / peak_tp["onnx"])
    print(f"backbone alone, batched: onnx {peak_tp['onnx']:.1f} img/s, torch {peak_tp['torch']:.1f} img/s -> "
          f"end to end reaches {res['fraction_of_onnx_peak']:.0%} of the onnx peak", flush=True)

    model = save_classifier(clf, tmp / "m.fewshot")
    copies = max(1, args.memory_images // len(images))
    big = link_folder(tmp / "big", images, copies)
    proc = subprocess.run([sys.executable, __file__, "--memory-child", str(model), str(big), str(tmp / "out-big")],
                          capture_output=True, text=True)
    if proc.returncode:
        print(proc.stderr)
        return 1
    mem = json.loads(proc.stdout.strip().splitlines()[-1])
    res["memory"] = mem
    print(f"{mem['processed']} files: {mem['seconds']:.0f} s, peak RSS {mem['peak'] / 1e6:.0f} MB; RSS at 10/50/90 %: "
          + ", ".join(f"{v / 1e6:.0f}" for v in mem["marks"].values()) + " MB", flush=True)
    res["load_after"] = os.getloadavg()[0]
    print(json.dumps(res, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
