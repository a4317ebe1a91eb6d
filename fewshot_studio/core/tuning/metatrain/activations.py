"""Early-block activations computed once and kept on disk (float16 memmap), resumably.

The frozen stem and early blocks are most of the network's compute; running them once per image
instead of once per episode is what makes meta-training fit a CPU. The cache is written batch by
batch with a progress note, so an interrupted run continues where it stopped.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from fewshot_studio.core.features.backbone import Backbone, BackboneSpec, preprocess
from fewshot_studio.core.imaging.images import ImageLoadError, load_image
from fewshot_studio.core.util.atomic import atomic_write_text
from fewshot_studio.core.util.progress import CancelToken, Progress, ProgressCallback, no_progress

BATCH = 32


def fingerprint(paths: Sequence[str], backbone_id: str, resolution: int, split: int) -> str:
    h = hashlib.sha256(json.dumps([backbone_id, resolution, split]).encode())
    for p in paths:
        h.update(p.encode() + b"\0")
    return h.hexdigest()[:16]


def _decode(path: str, spec: BackboneSpec) -> np.ndarray | None:
    try:
        return preprocess(load_image(path), spec)
    except ImageLoadError:
        return None


def early_activations(
    paths: Sequence[str], backbone: Backbone, spec: BackboneSpec, split: int, work_dir: Path,
    progress: ProgressCallback = no_progress, cancel: CancelToken | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(activations memmap (N, C, h, w) float16, valid mask (N,)); unreadable images are invalid."""
    import torch

    key = fingerprint(paths, backbone.id, spec.resolution, split)
    data_path, note_path = work_dir / f"activations-{key}.f16", work_dir / f"activations-{key}.json"
    with torch.inference_mode():
        probe = backbone.net.forward_early(torch.zeros(1, 3, spec.resolution, spec.resolution, device=backbone.device), split)
    shape = (len(paths), *probe.shape[1:])
    note = json.loads(note_path.read_text()) if note_path.exists() else {"done": 0, "invalid": []}
    if note.get("shape") != list(shape):
        note = {"done": 0, "invalid": [], "shape": list(shape)}
    mode = "r+" if data_path.exists() and note["done"] > 0 else "w+"
    acts = np.memmap(data_path, dtype=np.float16, mode=mode, shape=shape)
    done, invalid = note["done"], set(note["invalid"])
    progress(Progress("Caching early activations", done, len(paths)))
    with ThreadPoolExecutor(max_workers=2) as pool:
        for start in range(done, len(paths), BATCH):
            if cancel is not None:
                cancel.raise_if_cancelled()
            idx = range(start, min(len(paths), start + BATCH))
            arrays = list(pool.map(lambda i: _decode(paths[i], spec), idx))
            ok = [i for i, a in zip(idx, arrays) if a is not None]
            invalid |= {i for i, a in zip(idx, arrays) if a is None}
            if ok:
                z = backbone.forward_early(np.stack([a for a in arrays if a is not None]), split)
                acts[np.array(ok)] = z.numpy().astype(np.float16)
            acts.flush()
            note.update(done=idx[-1] + 1, invalid=sorted(invalid))
            atomic_write_text(note_path, json.dumps(note))
            progress(Progress("Caching early activations", idx[-1] + 1, len(paths)))
    valid = np.ones(len(paths), bool)
    valid[sorted(invalid)] = False
    return np.memmap(data_path, dtype=np.float16, mode="r", shape=shape), valid
