"""Batch labelling as a Ray Data pipeline, for folders beyond one machine (``pip install fewshot-studio[ray]``).

Only the prediction is distributed: Ray actors each load the classifier (sent as the bytes of
its ``.fewshot`` file — no model object is ever pickled) and run the same streaming engine as a
local run; results come back in folder order and go through the very same journal, placement and
CSV code, so the CSV is identical to a local run's. Workers must see the photos at the same paths
(a shared file system), as the driver does.
"""
from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from fewshot_studio.core.classifier.trained import TrainedClassifier
from fewshot_studio.core.labelling.engine import BatchOutcome
from fewshot_studio.core.labelling.options import LabelOptions

# Settings a local Ray's workers must share with this process (private cache in tests, threads).
_ENV = ("FEWSHOT_CACHE_DIR", "FEWSHOT_CONFIG_DIR", "FEWSHOT_DATA_DIR", "FEWSHOT_DEVICE", "OMP_NUM_THREADS")


class RayUnavailable(RuntimeError):
    pass


def _ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise RayUnavailable("the Ray path needs the optional extra: pip install 'fewshot-studio[ray]'") from None
    return ray


def connect(address: str) -> None:
    """``local`` starts (or reuses) a Ray on this machine; anything else is a cluster address."""
    ray = _ray()
    if ray.is_initialized():
        return
    if address in ("", "local"):
        env = {k: os.environ[k] for k in _ENV if k in os.environ}
        ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False,
                 runtime_env={"env_vars": env} if env else None)
    else:
        ray.init(address=address, log_to_driver=False, configure_logging=False)


def classifier_bytes(clf: TrainedClassifier) -> bytes:
    from fewshot_studio.core.classifier.file_format import save_classifier

    with tempfile.TemporaryDirectory(prefix="fewshot-ray-") as tmp:
        path = save_classifier(clf, Path(tmp) / "model.fewshot")
        return path.read_bytes()


class _Labeller:
    """A Ray actor: the classifier and engine load once, then every batch streams through them."""

    def __init__(self, blob: bytes, engine: str, use_cache: bool, batch_size: int):
        from fewshot_studio.core.classifier.file_format import load_trained_classifier
        from fewshot_studio.core.labelling.engine import make_engine

        with tempfile.TemporaryDirectory(prefix="fewshot-ray-") as tmp:
            path = Path(tmp) / "model.fewshot"
            path.write_bytes(blob)
            self.clf, _ = load_trained_classifier(path)
        self.engine = make_engine(self.clf, engine)
        self.use_cache, self.batch_size = use_cache, batch_size

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        from fewshot_studio.core.labelling.engine import predict_stream

        paths = [str(p) for p in batch["path"]]
        probs = np.zeros((len(paths), len(self.clf.class_names)), dtype=np.float32)
        known = np.full(len(paths), np.nan, dtype=np.float32)
        errors = [""] * len(paths)
        offset = 0
        for out in predict_stream(paths, self.clf, self.engine, batch_size=self.batch_size, use_cache=self.use_cache):
            for row, score, k in zip(out.probs, out.known, out.ok):
                probs[offset + k], known[offset + k] = row, score
            for k, reason in out.errors.items():
                errors[offset + k] = reason
            offset += len(out.paths)
        return {"path": np.array(paths, dtype=object), "probs": probs, "known": known,
                "error": np.array(errors, dtype=object)}


def ray_predictor(clf: TrainedClassifier, opts: LabelOptions):
    """A predictor for ``label_folder``: paths in, ``BatchOutcome``s out, in order, computed on Ray."""
    ray = _ray()

    def predict(paths: list[str]) -> Iterator[BatchOutcome]:
        connect(opts.ray_address or "local")
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True  # folder order in, folder order out
        ctx.enable_progress_bars = False  # the caller shows one progress bar, ours
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        ds = ray.data.from_items([{"path": p} for p in paths])
        ds = ds.map_batches(
            _Labeller, batch_size=opts.batch_size, batch_format="numpy", num_cpus=1,
            concurrency=(1, max(1, cpus // 2)),
            fn_constructor_kwargs={"blob": classifier_bytes(clf), "engine": opts.engine,
                                   "use_cache": opts.use_cache, "batch_size": opts.batch_size},
        )
        for b in ds.iter_batches(batch_size=opts.batch_size, batch_format="numpy"):
            errors = {k: str(e) for k, e in enumerate(b["error"]) if e}
            ok = [k for k in range(len(b["path"])) if k not in errors]
            yield BatchOutcome([str(p) for p in b["path"]], np.asarray(b["probs"], np.float32)[ok], ok, errors,
                               np.asarray(b["known"], np.float32)[ok])

    return predict


__all__ = ["RayUnavailable", "connect", "ray_predictor"]
