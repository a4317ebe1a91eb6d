"""The backbone run by onnxruntime on a CPU: one rule for the window, the Python API and the CLI.

On a CPU onnxruntime runs the same network 2.9–6.7× faster than torch (benchmarks/RESULTS.md),
so whenever it is installed and the backbone sits on the CPU, every feature the app computes —
training in the window, ``Classifier.predict``, ``fewshot-studio train`` and ``label`` — comes
from this one runner, and they agree to the last bit. The graph is exported once per backbone
id (TorchScript exporter, see ``export_graph``) and kept in the cache folder; a cached graph that
does not load (a crash mid-write, a full disk) is exported again. ``FEWSHOT_EMBED_ENGINE=torch`` keeps torch (for comparisons and benchmarks).
"""
from __future__ import annotations

import copy
import importlib.util
import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from fewshot_studio.core.features.backbone import Backbone

CHUNK = 8  # images per run: onnxruntime's arena keeps its largest activations; 8 is as fast as 32
_lock = threading.Lock()
_runners: dict[tuple[str, int], "OnnxBackbone"] = {}


def fsync_file(path: Path) -> None:
    """Flush a file the exporter wrote to the disk before it is renamed into place: after a crash
    the name holds the whole graph or nothing, never a truncated one."""
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def export_graph(module, example, path: Path, input_name: str, output_name: str | Sequence[str]) -> None:
    """Trace ``module`` to a single-file ONNX graph with a dynamic batch axis and one or more outputs.

    The TorchScript exporter, chosen on purpose (``dynamo=False``): the maintained torch.export
    one needs ``onnxscript``, which Fewshot Studio does not install, and the TorchScript one is
    four times faster on these graphs (the feature graph is exported at first use). There
    is no fallback that could hide a failure, and torch's DeprecationWarning about this
    exporter is left alone: when torch removes it, that warning is the notice to switch. Only
    its "Constant folding ... not applied" notes (one per Slice, harmless) are silenced.
    """
    import warnings

    import torch

    outputs = [output_name] if isinstance(output_name, str) else list(output_name)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Constant folding - Only steps=1", category=UserWarning)
        torch.onnx.export(module, (example,), str(path), dynamo=False, opset_version=17,
                          input_names=[input_name], output_names=outputs,
                          dynamic_axes={input_name: {0: "batch"}, **{name: {0: "batch"} for name in outputs}})


def onnx_engine_wanted(backbone: Backbone) -> bool:
    """The one rule: onnxruntime for a CPU backbone when it is installed (unless told torch)."""
    if (os.environ.get("FEWSHOT_EMBED_ENGINE") or "auto").lower() == "torch":
        return False
    return backbone.device_type == "cpu" and importlib.util.find_spec("onnxruntime") is not None


def engine_name(backbone: Backbone) -> str:
    return "onnx" if onnx_engine_wanted(backbone) else "torch"


class OnnxBackbone:
    """The backbone alone as an ONNX graph (pixels in, features out)."""

    def __init__(self, backbone: Backbone, threads: int | None = None):
        import onnxruntime as ort

        opts = ort.SessionOptions()
        if threads:
            opts.intra_op_num_threads = threads
        try:
            self.session = ort.InferenceSession(str(graph_path(backbone)), opts, providers=["CPUExecutionProvider"])
        except Exception:  # noqa: BLE001 - a damaged cached graph (empty, truncated, foreign): build it again
            self.session = ort.InferenceSession(str(graph_path(backbone, rebuild=True)), opts,
                                                providers=["CPUExecutionProvider"])

    def _run(self, x: np.ndarray) -> np.ndarray:
        x = np.ascontiguousarray(x, dtype=np.float32)
        return np.concatenate([self.session.run(None, {"pixels": x[s : s + CHUNK]})[0] for s in range(0, len(x), CHUNK)])

    def features(self, batch: np.ndarray, flip: bool = False) -> np.ndarray:
        """(N,3,H,W) preprocessed floats → (N, embedding_dim) float32, like ``Backbone.embed_arrays``."""
        if not len(batch):
            return np.zeros((0, 0), np.float32)
        f = self._run(batch)
        if flip:
            f = 0.5 * (f + self._run(batch[..., ::-1]))
        return f.astype(np.float32, copy=False)


def graph_file(cache_key: str) -> Path:
    """Where the exported graph of the backbone with ``cache_key`` lives in the cache folder."""
    from fewshot_studio.core.util.locations import cache_dir

    safe = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in cache_key)
    return cache_dir() / "onnx" / f"{safe}-features.onnx"


def graph_path(backbone: Backbone, rebuild: bool = False) -> Path:
    """The exported graph of ``backbone`` in the cache folder, exported on first use (or again with
    ``rebuild``); written to a temporary name, fsynced and renamed, so a crash never leaves a
    truncated graph under the real name."""
    path = graph_file(backbone.cache_key)
    with _lock:
        if rebuild or not path.is_file():
            import torch

            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            net = copy.deepcopy(backbone.net).to("cpu").float().eval()
            res = backbone.spec.resolution
            try:
                export_graph(net, torch.zeros(2, 3, res, res), tmp, "pixels", "features")
                fsync_file(tmp)
                os.replace(tmp, path)
            finally:
                if tmp.exists():
                    tmp.unlink()
    return path


def build_unless_exported(backbone: Backbone) -> Backbone:
    """Build ``backbone``'s network now (and so run the checks its build does), unless onnxruntime
    will run this very backbone's graph, already exported (its cache key names the weights):
    then a CPU never needs the network, nor torch, and it is built only if ``net`` is asked for."""
    if not (onnx_engine_wanted(backbone) and graph_file(backbone.cache_key).is_file()):
        backbone.net  # noqa: B018 - built here, where a failure belongs to loading the file
    return backbone


def runner_for(backbone: Backbone) -> OnnxBackbone:
    """One session per backbone (by id) and cache folder, shared by every caller in the process."""
    from fewshot_studio.core.util.locations import cache_dir

    key = (f"{backbone.cache_key}|{cache_dir()}", id(backbone))
    with _lock:
        runner = _runners.get(key)
    if runner is None:
        runner = OnnxBackbone(backbone)
        with _lock:
            if len(_runners) > 4:
                _runners.clear()
            _runners[key] = runner
    return runner


def embed_batch(backbone: Backbone, batch: np.ndarray, flip: bool = False) -> np.ndarray:
    """Features of preprocessed pixels by the one rule (onnxruntime on a CPU, else torch)."""
    if onnx_engine_wanted(backbone):
        out = runner_for(backbone).features(batch, flip)
        return out if len(batch) else np.zeros((0, backbone.embedding_dim), np.float32)
    return backbone.embed_arrays(batch, flip=flip)


__all__ = ["OnnxBackbone", "build_unless_exported", "embed_batch", "engine_name", "export_graph", "fsync_file",
           "graph_file", "graph_path", "onnx_engine_wanted", "runner_for"]
