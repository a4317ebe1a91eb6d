"""One interface for meta-learning methods: a learner owns one episode's update of the late blocks.

The trainer gives every learner the same thing: a ``late`` module (the last backbone blocks and
the 1×1 head, fed with cached early-block activations) and an episode of tensors. Adding a method
is one new module and one line in ``METHODS``.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from fewshot_studio.core.features.backbone import run_late

if TYPE_CHECKING:
    import torch

SCALE = 10.0  # the app's prototype head uses cosine × 10 (methods/prototypes.py)


@dataclass
class EpisodeTensors:
    ways: int
    support: "torch.Tensor"  # early activations (Ns, C, h, w)
    support_labels: "torch.Tensor"
    query: "torch.Tensor"
    query_labels: "torch.Tensor"


def late_module(net: "torch.nn.Module", split: int, checkpointing: bool = False) -> "torch.nn.Module":
    """A module over ``net.blocks[split:]`` and ``net.head`` sharing their parameters (training it
    trains ``net``), so methods can use ``torch.func.functional_call`` on just the late part.
    It gives the standard pooled feature: meta-training and distillation shape that one, and the
    embedding's taps (the last blocks' outputs) follow along.

    ``checkpointing`` keeps only each block's input for the backward pass and recomputes the rest:
    a 20-way episode's activations are most of meta-training's memory. It must stay off where the
    recomputation would see other weights (``functional_call`` in FOMAML) or update BatchNorm
    statistics twice (batch statistics in training mode)."""
    import torch
    from torch import nn
    from torch.utils.checkpoint import checkpoint

    class _Late(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.blocks = nn.ModuleList(net.blocks[split:])
            self.head = net.head
            self.checkpointing = checkpointing

        def forward(self, z: "torch.Tensor") -> "torch.Tensor":
            saving = self.checkpointing and torch.is_grad_enabled()
            run = (lambda module, x: checkpoint(module, x, use_reentrant=False)) if saving else None
            return run_late(self.blocks, self.head, z, taps=False, run=run)

    return _Late()


def cl2n_prototype_logits(fs, ys, fq, ways: int, scale) -> "torch.Tensor":
    """Cosine-to-prototype logits after centring on the support mean: exactly the app's
    ``prototypes`` head, so training optimises what users will run."""
    import torch
    import torch.nn.functional as F

    centre = fs.mean(0, keepdim=True)
    zs, zq = F.normalize(fs - centre, dim=1), F.normalize(fq - centre, dim=1)
    protos = F.normalize(torch.stack([zs[ys == c].mean(0) for c in range(ways)]), dim=1)
    return scale * zq @ protos.T


class MetaLearner(ABC):
    name: ClassVar[str]

    def __init__(self, late: "torch.nn.Module", **options: Any) -> None:
        self.late = late
        self.options = options

    def extra_parameters(self) -> dict[str, "torch.nn.Parameter"]:
        """Parameters the method adds (a learned temperature…); saved in checkpoints."""
        return {}

    @abstractmethod
    def step(self, episode: EpisodeTensors, optimizer: "torch.optim.Optimizer") -> tuple[float, float]:
        """One meta-update on ``episode``; returns (query loss, query accuracy) before the update."""
