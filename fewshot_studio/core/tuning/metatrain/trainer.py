"""The meta-training loop: split classes, cache early activations, train the late blocks on
episodes, keep the checkpoint that does best on validation classes, write a backbone file.

The starting point is always validated first and competes with every later checkpoint, so a run
that does not help returns the starting weights and says so rather than shipping a worse model.
Interrupt it at any time (``CancelToken``): the last checkpoint is saved and the same call
resumes from it, replaying exactly the same episodes.
"""
from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from fewshot_studio.core.features.backbone import DEFAULT_BACKBONE
from fewshot_studio.core.features.backbone_file import load_backbone_file, save_backbone_file
from fewshot_studio.core.features.loading import load_backbone
from fewshot_studio.core.imaging.images import class_folders
from fewshot_studio.core.methods.prototypes import Prototypes
from fewshot_studio.core.tuning.metatrain.activations import early_activations, fingerprint
from fewshot_studio.core.tuning.metatrain.base import EpisodeTensors, late_module
from fewshot_studio.core.tuning.metatrain.checkpoint import checkpoint_path, load_checkpoint, save_checkpoint
from fewshot_studio.core.tuning.metatrain.episodes import EpisodeSampler, fixed_episodes, split_classes
from fewshot_studio.core.tuning.metatrain.fomaml import FOMAML
from fewshot_studio.core.tuning.metatrain.protonet import ProtoNet
from fewshot_studio.core.util.progress import Cancelled, CancelToken, Progress, ProgressCallback, no_progress

# "protonet" is the cosine/learned-temperature variant started from the pretrained backbone,
# which is what Meta-Baseline is; both names are accepted.
METHODS = {"meta-baseline": ProtoNet, "protonet": ProtoNet, "fomaml": FOMAML}
VAL_IMAGES_PER_CLASS = 40
VAL_QUERIES = 15


@dataclass
class MetaTrainConfig:
    method: str = "meta-baseline"
    backbone: str = DEFAULT_BACKBONE  # the starting point: a stock name or a .fewshot-backbone file
    episodes: int = 600
    ways: tuple[int, int] = (5, 20)
    shots: tuple[int, int] = (1, 5)
    queries: int = 5  # per class and episode
    resolution: int | None = None  # input size; None = the backbone's own
    trainable_blocks: int = 3  # last MBConv blocks trained (plus the 1x1 head)
    lr: float = 1e-4
    bn: str = "frozen"  # "frozen": running statistics; "episode": batch statistics while training
    inner_steps: int = 3  # fomaml only
    inner_lr: float = 0.01  # fomaml only
    checkpointing: bool = True  # recompute block internals in backward (Meta-Baseline, BN frozen)
    val_fraction: float = 0.15
    val_every: int = 50
    val_episodes: int = 100
    max_images_per_class: int | None = None
    seed: int = 0
    checkpoint_every: int = 25
    device: str | None = None

    def run_key(self, data_key: str) -> str:
        """Checkpoints resume only into the same run; ``episodes`` may grow to train longer, and
        settings that do not change the result (device, gradient checkpointing) may differ."""
        d = {k: v for k, v in dataclasses.asdict(self).items()
             if k not in ("episodes", "checkpoint_every", "device", "checkpointing")}
        return hashlib.sha256(json.dumps([d, data_key], sort_keys=True, default=list).encode()).hexdigest()[:16]


@dataclass
class MetaTrainResult:
    path: Path
    backbone_id: str
    start_val: float  # validation accuracy (fraction) of the starting backbone
    best_val: float
    best_episode: int  # 0 = the starting weights won
    episodes: int
    seconds: float
    base_classes: list[str]
    val_classes: list[str]
    history: list[dict] = field(default_factory=list)

    @property
    def improved(self) -> bool:
        return self.best_episode > 0


def _sample_images(base_dir: str, cap: int | None, seed: int) -> dict[str, list[str]]:
    classes = class_folders(base_dir)
    rng = np.random.default_rng(seed)
    out = {}
    for name, imgs in classes.items():
        imgs = [str(p) for p in imgs]
        if cap is not None and len(imgs) > cap:
            imgs = [imgs[i] for i in sorted(rng.choice(len(imgs), cap, replace=False))]
        out[name] = imgs
    return out


def metatrain(
    base_dir: str,
    out: str | Path,
    config: MetaTrainConfig | None = None,
    *,
    work_dir: str | Path | None = None,
    keep_work: bool = False,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> MetaTrainResult:
    """Meta-train on ``base_dir``'s class folders and write ``out`` (a .fewshot-backbone file)."""
    import torch

    cfg = config or MetaTrainConfig()
    if cfg.method not in METHODS:
        raise ValueError(f"unknown method {cfg.method!r}; choose one of {', '.join(METHODS)}")
    if cfg.bn not in ("frozen", "episode"):
        raise ValueError("bn must be 'frozen' or 'episode'")
    t0 = time.perf_counter()
    classes = _sample_images(base_dir, cfg.max_images_per_class, cfg.seed)
    base, val = split_classes([c for c, imgs in classes.items() if len(imgs) >= 2], cfg.val_fraction, cfg.seed)
    names = base + val
    paths = [p for c in names for p in classes[c]]
    labels = np.array([i for i, c in enumerate(names) for _ in classes[c]])
    start = load_backbone(cfg.backbone, cfg.device)
    spec = dataclasses.replace(start.spec, resolution=cfg.resolution or start.spec.resolution)
    split = start.net.num_blocks - cfg.trainable_blocks
    work = Path(work_dir) if work_dir else Path(f"{out}.work")
    work.mkdir(parents=True, exist_ok=True)
    acts, valid = early_activations(paths, start, spec, split, work, progress, cancel)
    dev = start.device

    net = copy.deepcopy(start.net).requires_grad_(False)
    # Gradient checkpointing only where it is exact: Meta-Baseline with frozen BatchNorm.
    saving = cfg.checkpointing and cfg.method != "fomaml" and cfg.bn == "frozen"
    late = late_module(net, split, checkpointing=saving).requires_grad_(True)
    learner = METHODS[cfg.method](late, inner_steps=cfg.inner_steps, inner_lr=cfg.inner_lr)
    extras = learner.extra_parameters()
    for p in extras.values():
        p.data = p.data.to(dev)
    groups = [{"params": list(late.parameters()), "lr": cfg.lr}]
    if extras:
        groups.append({"params": list(extras.values()), "lr": 1e-2})
    opt = torch.optim.Adam(groups, foreach=True)

    nb = len(base)
    base_rows = np.flatnonzero((labels < nb) & valid)
    sampler = EpisodeSampler(labels[base_rows], cfg.ways, cfg.shots, cfg.queries, cfg.seed)
    rng = np.random.default_rng(cfg.seed + 1)
    val_rows = np.concatenate([rng.permutation(np.flatnonzero((labels == c) & valid))[:VAL_IMAGES_PER_CLASS]
                               for c in range(nb, len(names))])
    val_labels = labels[val_rows] - nb
    vw = min(5, len(val))
    val_eps = [e for k in (1, 5) for e in fixed_episodes(val_labels, vw, k, cfg.val_episodes, VAL_QUERIES, cfg.seed + 2)]

    def tensors(rows: np.ndarray) -> "torch.Tensor":
        return torch.from_numpy(np.asarray(acts[np.sort(rows)], dtype=np.float32)[np.argsort(np.argsort(rows))]).to(dev)

    def validate() -> float:
        late.eval()
        with torch.inference_mode():
            feats = np.concatenate([late(tensors(val_rows[s:s + 128])).float().cpu().numpy() for s in range(0, len(val_rows), 128)])
        accs = []
        for e in val_eps:
            m = Prototypes().fit(feats[e.support], e.support_labels, vw)
            accs.append(float((m.logits(feats[e.query]).argmax(1) == e.query_labels).mean()))
        return float(np.mean(accs))

    def state_copy() -> dict:
        return {k: v.detach().clone() for k, v in late.state_dict().items()}

    run_key = cfg.run_key(fingerprint(paths, start.id, spec.resolution, split))
    step, history, best_val, best_step, best_state, elapsed0, losses = 0, [], -1.0, 0, None, 0.0, []
    ck_path = checkpoint_path(work, run_key)
    ck = load_checkpoint(ck_path)
    if ck is not None:
        late_state, best_state, extra_state, opt_state, info = ck
        late.load_state_dict(late_state)
        for k, p in extras.items():
            p.data.copy_(extra_state[k].reshape(p.shape))
        opt.load_state_dict(opt_state)
        step, history, best_val, best_step = info["step"], info["history"], info["best_val"], info["best_step"]
        losses = info.get("losses", [])
        elapsed0 = info.get("seconds", 0.0)
        log(f"resuming from episode {step} (best validation {100 * best_val:.2f} % at episode {best_step})")
    if best_state is None:
        best_val, best_state = validate(), state_copy()
        history.append({"episode": 0, "val": best_val})
        log(f"starting point: validation {100 * best_val:.2f} % ({vw}-way 1/5-shot, {len(val)} unseen classes)")

    def checkpoint() -> None:
        info = {"run_key": run_key, "step": step, "history": history, "best_val": best_val, "best_step": best_step,
                "seconds": elapsed0 + time.perf_counter() - t_loop, "base": base, "val": val,
                "losses": losses}
        save_checkpoint(ck_path, late.state_dict(), best_state, extras, opt, info)

    t_loop, step0 = time.perf_counter(), step
    progress(Progress("Meta-training", step, cfg.episodes))
    try:
        while step < cfg.episodes:
            if cancel is not None:
                cancel.raise_if_cancelled()
            ep = sampler.sample(step)
            late.train(cfg.bn == "episode")
            batch = EpisodeTensors(ep.ways, tensors(base_rows[ep.support]), torch.from_numpy(ep.support_labels).to(dev),
                                   tensors(base_rows[ep.query]), torch.from_numpy(ep.query_labels).to(dev))
            loss, _ = learner.step(batch, opt)
            losses.append(loss)
            step += 1
            progress(Progress("Meta-training", step, cfg.episodes))
            if step % cfg.val_every == 0 or step == cfg.episodes:
                v = validate()
                history.append({"episode": step, "val": v, "loss": float(np.mean(losses[-cfg.val_every:]))})
                if v > best_val:
                    best_val, best_step, best_state = v, step, state_copy()
                eta = (time.perf_counter() - t_loop) / (step - step0) * (cfg.episodes - step)
                log(f"episode {step}/{cfg.episodes}: loss {history[-1]['loss']:.3f}, validation {100 * v:.2f} % "
                    f"(best {100 * best_val:.2f} % at {best_step}), ETA {eta / 60:.1f} min")
            if step % cfg.checkpoint_every == 0 or step == cfg.episodes:
                checkpoint()
    except Cancelled:
        checkpoint()
        log(f"interrupted at episode {step}; run the same command again to resume")
        raise

    late.load_state_dict(best_state)
    seconds = elapsed0 + time.perf_counter() - t_loop + 0.0
    info = {"method": cfg.method, "episodes": cfg.episodes, "best_episode": best_step, "start_val": history[0]["val"],
            "best_val": best_val, "base_dir": Path(base_dir).name, "base_classes": len(base), "val_classes": len(val),
            "started_from": start.id, "config": dataclasses.asdict(cfg), "train_seconds": seconds}
    label = f"meta-trained ({cfg.method}, {Path(base_dir).name})"
    path = save_backbone_file(out, net, spec.name, spec.resolution, label=label, info=info)
    if not keep_work:
        shutil.rmtree(work, ignore_errors=True)
    bb_id = load_backbone_file(path, dev).id
    return MetaTrainResult(path, bb_id, history[0]["val"], best_val, best_step, step, time.perf_counter() - t0,
                           base, val, history)
