"""Test-time fine-tuning of the last backbone blocks, for users who want the last points.

The frozen early blocks run once per image (their activations are cached, with the mirrored
image as a second view), so only the last blocks train: seconds on a CPU, not minutes.
BatchNorm stays in eval mode and drop-connect is off, because statistics of five images are
noise. Steps and learning rate are picked by holding one shot per class out when there are
at least two, since the right amount of fine-tuning depends on the data.
"""
from __future__ import annotations

import copy
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from fewshot_studio.core.features.backbone import Backbone, build_network, preprocess, resolve_spec
from fewshot_studio.core.imaging.images import load_image
from fewshot_studio.core.methods.features import l2_normalize
from fewshot_studio.core.util.progress import CancelToken, Progress, ProgressCallback, no_progress

TRAINABLE_BLOCKS = 2
CANDIDATE_LRS = (1e-4, 5e-4)
CHECKPOINTS = (0, 10, 25, 50)
DEFAULT_STEPS, DEFAULT_LR = 25, 1e-4
SCALE = 10.0


@dataclass
class FinetuneChoice:
    steps: int
    lr: float
    heldout_loss: float | None


def split_index(backbone: Backbone) -> int:
    return backbone.net.num_blocks - TRAINABLE_BLOCKS


def early_activations(backbone: Backbone, arrays: np.ndarray):
    """(N,3,H,W) preprocessed → (2N, ...) early activations: each image, then its mirror."""
    import torch

    split = split_index(backbone)
    return torch.cat([backbone.forward_early(arrays, split), backbone.forward_early(arrays, split, flip=True)]).clone()


def load_arrays(paths: Sequence[str], backbone: Backbone) -> np.ndarray:
    return np.stack([preprocess(load_image(p), backbone.spec) for p in paths])


def _train(net, split, z, labels, n_classes, steps, lr, seed, checkpoints=(), eval_fn=None, cancel=None, on_step=None):
    """Fine-tune ``net``'s late blocks in place with a cosine head initialised at the prototypes."""
    import torch
    import torch.nn.functional as F

    torch.manual_seed(seed)
    device = next(net.parameters()).device  # activations are cached on the CPU; the net may be on a GPU
    z = z.to(device)
    y = torch.from_numpy(np.concatenate([labels, labels]).astype(np.int64)).to(device)
    late = list(net.blocks[split:]) + [net.head]
    params = [p for m in late for p in m.parameters()]
    for p in params:
        p.requires_grad_(True)
    with torch.no_grad():
        f = F.normalize(net.forward_late(z, split), dim=1)
        protos = torch.stack([f[y == c].mean(0) for c in range(n_classes)])
    head = torch.nn.Parameter(F.normalize(protos, dim=1).clone())
    opt = torch.optim.Adam([{"params": params, "lr": lr}, {"params": [head], "lr": lr * 10}])
    results = {}
    net.eval()  # BatchNorm frozen: running statistics are used and not updated
    with torch.enable_grad():
        for step in range(steps + 1):
            if step in checkpoints and eval_fn is not None:
                results[step] = eval_fn(net)
            if step == steps:
                break
            if cancel is not None:
                cancel.raise_if_cancelled()
            if on_step is not None:
                on_step()
            opt.zero_grad()
            feats = F.normalize(net.forward_late(z, split), dim=1)
            loss = F.cross_entropy(SCALE * feats @ F.normalize(head, dim=1).T, y)
            loss.backward()
            opt.step()
    for p in params:
        p.requires_grad_(False)
    return results


def late_features(net, z, split: int, batch_size: int = 64, taps: bool = True) -> np.ndarray:
    """Embeddings (``taps``) or standard features of both views averaged (z holds N originals
    then N mirrors)."""
    import torch

    device = next(net.parameters()).device
    with torch.inference_mode():
        f = torch.cat([net.forward_late(z[s : s + batch_size].to(device), split, taps).cpu()
                       for s in range(0, len(z), batch_size)])
    n = len(f) // 2
    return (0.5 * (f[:n] + f[n:])).numpy()


def _heldout_loss(net, split, z_sup, y_sup, z_held, y_held, n_classes) -> float:
    # The schedule is judged on the feature it trains (the standard one), as it always was.
    fs, fh = late_features(net, z_sup, split, taps=False), late_features(net, z_held, split, taps=False)
    centre = fs.mean(0)
    protos = l2_normalize(np.stack([l2_normalize(fs[y_sup == c] - centre).mean(0) for c in range(n_classes)]))
    logits = SCALE * l2_normalize(fh - centre) @ protos.T
    logits -= logits.max(1, keepdims=True)
    logp = logits - np.log(np.exp(logits).sum(1, keepdims=True))
    return float(-logp[np.arange(len(y_held)), y_held].mean())


def _views(z, idx):
    n = len(z) // 2
    idx = np.asarray(idx)
    return z[np.concatenate([idx, idx + n])]


def choose_schedule(backbone: Backbone, z, labels: np.ndarray, n_classes: int, seed: int = 0, cancel=None,
                    on_step=None) -> FinetuneChoice:
    """Hold one shot per class out (needs ≥ 2 per class) and pick steps × lr by held-out loss."""
    counts = np.bincount(labels, minlength=n_classes)
    if counts.min() < 2:
        return FinetuneChoice(DEFAULT_STEPS, DEFAULT_LR, None)
    rng = np.random.default_rng(seed)
    held = np.array([rng.choice(np.flatnonzero(labels == c)) for c in range(n_classes)])
    sup = np.setdiff1d(np.arange(len(labels)), held)
    split = split_index(backbone)
    z_sup, z_held = _views(z, sup), _views(z, held)
    best = FinetuneChoice(0, CANDIDATE_LRS[0], None)
    for lr in CANDIDATE_LRS:
        net = copy.deepcopy(backbone.net)
        losses = _train(
            net, split, z_sup, labels[sup], n_classes, max(CHECKPOINTS), lr, seed, CHECKPOINTS,
            lambda m: _heldout_loss(m, split, z_sup, labels[sup], z_held, labels[held], n_classes), cancel, on_step,
        )
        for steps, loss in losses.items():
            if best.heldout_loss is None or loss < best.heldout_loss - 1e-4:
                best = FinetuneChoice(steps, lr, loss)
    return best


def finetune_net(backbone: Backbone, z, labels: np.ndarray, n_classes: int, choice: FinetuneChoice | None = None,
                 seed: int = 0, cancel: CancelToken | None = None, progress: ProgressCallback = no_progress):
    """A fine-tuned copy of ``backbone.net`` (the original stays untouched) and the schedule used.

    Progress counts optimiser steps: the schedule search first, then the final run."""
    done = [0]

    def stepper(stage: str, total: int):
        def step() -> None:
            done[0] += 1
            progress(Progress(stage, min(done[0], total), total))
        return step

    if choice is None:
        searching = np.bincount(labels, minlength=n_classes).min() >= 2
        total = len(CANDIDATE_LRS) * max(CHECKPOINTS) if searching else 0
        choice = choose_schedule(backbone, z, labels, n_classes, seed, cancel, stepper("Fine-tuning: choosing the schedule", total))
    done[0] = 0
    net = copy.deepcopy(backbone.net)
    _train(net, split_index(backbone), z, labels, n_classes, choice.steps, choice.lr, seed, cancel=cancel,
           on_step=stepper("Fine-tuning the last blocks", choice.steps))
    return net, choice


def backbone_with_net(backbone: Backbone, net) -> Backbone:
    state = {k: v.detach().cpu().numpy() for k, v in net.state_dict().items()}
    return Backbone(spec=backbone.spec, net=net.eval(), device=backbone.device, weights_sha256=state_sha256(state))


def state_sha256(state: dict[str, np.ndarray]) -> str:
    h = hashlib.sha256()
    for key in sorted(state):
        h.update(key.encode())
        h.update(np.ascontiguousarray(state[key]).tobytes())
    return h.hexdigest()


def backbone_from_state(name: str, state: dict[str, np.ndarray], device: str | None = None) -> Backbone:
    """Rebuild a fine-tuned backbone saved in a classifier file (arrays only, no pickle)."""
    import torch

    from fewshot_studio.core.features.devices import pick_device

    spec = resolve_spec(name)
    net = build_network(spec, load_weights=False)
    net.load_state_dict({k: torch.from_numpy(np.array(v)) for k, v in state.items()})
    dev = pick_device(device)
    net = net.eval().requires_grad_(False).to(dev).to(memory_format=torch.channels_last)
    return Backbone(spec=spec, net=net, device=dev, weights_sha256=state_sha256(state))
