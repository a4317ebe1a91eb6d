"""Knowledge distillation into a faster student: the same network at a smaller input size, whose
last blocks learn to reproduce the teacher's features at full size.

Compute grows with the square of the input side, so a 128 px student runs several times faster
than the 224 px teacher on a CPU; distillation wins back part of the accuracy the smaller input
loses. The student matches *features*, not one classifier's logits, so every head the app fits
(prototypes, logistic regression…) works on it unchanged and only needs refitting on the
student's features; the images can be the user's own, unlabelled. The result is an ordinary
backbone file, shipped as an export option only where the measured trade is worth it.
"""
from __future__ import annotations

import copy
import dataclasses
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fewshot_studio.core.features.backbone import DEFAULT_BACKBONE
from fewshot_studio.core.features.backbone_file import save_backbone_file
from fewshot_studio.core.features.embeddings import embed_paths
from fewshot_studio.core.features.loading import load_backbone
from fewshot_studio.core.util.progress import CancelToken, Progress, ProgressCallback, no_progress


@dataclass
class DistillConfig:
    teacher: str = DEFAULT_BACKBONE  # a stock name or a .fewshot-backbone file
    student_resolution: int = 128
    trainable_blocks: int = 3
    epochs: int = 4
    lr: float = 3e-4
    batch_size: int = 32
    max_images: int | None = 3000
    heldout_fraction: float = 0.1
    seed: int = 0
    device: str | None = None


@dataclass
class DistillResult:
    path: Path
    backbone_id: str
    heldout_cosine_before: float  # student vs teacher feature cosine on held-out images, 1 = identical
    heldout_cosine_after: float
    seconds: float


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return float((a * b).sum(1).mean())


def distill(
    image_paths: Sequence[str],
    out: str | Path,
    config: DistillConfig | None = None,
    *,
    work_dir: str | Path | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> DistillResult:
    """Train a ``student_resolution`` student on ``image_paths`` and write it as a backbone file."""
    import torch

    from fewshot_studio.core.tuning.metatrain.activations import early_activations
    from fewshot_studio.core.tuning.metatrain.base import late_module

    cfg = config or DistillConfig()
    t0 = time.perf_counter()
    rng = np.random.default_rng(cfg.seed)
    paths = [str(p) for p in image_paths]
    if cfg.max_images is not None and len(paths) > cfg.max_images:
        paths = [paths[i] for i in sorted(rng.choice(len(paths), cfg.max_images, replace=False))]
    teacher = load_backbone(cfg.teacher, cfg.device)
    emb = embed_paths(paths, teacher, progress=progress, cancel=cancel)  # cached: reruns are cheap
    paths = [paths[i] for i in emb.index]
    if len(paths) < 20:
        raise ValueError(f"distillation needs at least 20 readable images, got {len(paths)}")
    target_all = torch.from_numpy(np.ascontiguousarray(emb.features[:, : teacher.spec.feature_dim]))
    spec = dataclasses.replace(teacher.spec, resolution=cfg.student_resolution)
    split = teacher.net.num_blocks - cfg.trainable_blocks
    work = Path(work_dir) if work_dir else Path(f"{out}.work")
    work.mkdir(parents=True, exist_ok=True)
    acts, valid = early_activations(paths, teacher, spec, split, work, progress, cancel)
    rows = np.flatnonzero(valid)
    order = rng.permutation(rows)
    n_held = max(4, int(cfg.heldout_fraction * len(order)))
    held, train = np.sort(order[:n_held]), order[n_held:]
    dev = teacher.device
    student = copy.deepcopy(teacher.net).requires_grad_(False)
    late = late_module(student, split).requires_grad_(True)
    late.eval()  # BatchNorm keeps the teacher's statistics: the student must fit the same heads
    opt = torch.optim.Adam(late.parameters(), lr=cfg.lr, foreach=True)
    scale = float(target_all.norm(dim=1).pow(2).mean())

    def batch(idx: np.ndarray):
        idx = np.sort(idx)
        return torch.from_numpy(np.asarray(acts[idx], dtype=np.float32)).to(dev), target_all[idx].to(dev)

    def heldout_cosine() -> float:
        with torch.inference_mode():
            z, t = batch(held)
            return _cosine(late(z).cpu().numpy(), t.cpu().numpy())

    before = best = heldout_cosine()
    best_state = copy.deepcopy(late.state_dict())
    log(f"student at {cfg.student_resolution} px before distillation: feature cosine to teacher {before:.4f}")
    steps_per_epoch = max(1, len(train) // cfg.batch_size)
    total = cfg.epochs * steps_per_epoch
    for epoch in range(cfg.epochs):
        perm = rng.permutation(train)
        for s in range(steps_per_epoch):
            if cancel is not None:
                cancel.raise_if_cancelled()
            z, t = batch(perm[s * cfg.batch_size:(s + 1) * cfg.batch_size])
            with torch.enable_grad():
                loss = (late(z) - t).pow(2).sum(1).mean() / scale
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
            progress(Progress("Distilling", epoch * steps_per_epoch + s + 1, total))
        cos = heldout_cosine()
        log(f"epoch {epoch + 1}/{cfg.epochs}: held-out feature cosine {cos:.4f}")
        if cos > best:
            best, best_state = cos, copy.deepcopy(late.state_dict())
    late.load_state_dict(best_state)
    info = {"teacher": teacher.id, "student_resolution": cfg.student_resolution, "images": len(paths),
            "heldout_cosine_before": before, "heldout_cosine_after": best, "config": dataclasses.asdict(cfg)}
    path = save_backbone_file(out, student, spec.name, cfg.student_resolution,
                              label=f"distilled ({cfg.student_resolution} px)", info=info)
    shutil.rmtree(work, ignore_errors=True)
    from fewshot_studio.core.features.backbone_file import load_backbone_file

    return DistillResult(path, load_backbone_file(path, dev).id, before, best, time.perf_counter() - t0)
