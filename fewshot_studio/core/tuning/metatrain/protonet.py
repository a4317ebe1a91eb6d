"""Prototypical Networks with cosine distance and a learned temperature, starting from the
pretrained backbone: Meta-Baseline (Chen et al., 2021).

Starting from ImageNet features rather than from scratch is what makes this work with a few
hundred episodes on a CPU; the learned temperature lets the loss sharpen as features improve.
"""
from __future__ import annotations

import math

from fewshot_studio.core.tuning.metatrain.base import SCALE, EpisodeTensors, MetaLearner, cl2n_prototype_logits


class ProtoNet(MetaLearner):
    name = "meta-baseline"

    def __init__(self, late, **options) -> None:
        import torch

        super().__init__(late, **options)
        self.log_scale = torch.nn.Parameter(torch.tensor(math.log(SCALE)))

    def extra_parameters(self):
        return {"log_scale": self.log_scale}

    def step(self, episode: EpisodeTensors, optimizer) -> tuple[float, float]:
        import torch
        import torch.nn.functional as F

        ns = len(episode.support)
        feats = self.late(torch.cat([episode.support, episode.query]))
        logits = cl2n_prototype_logits(feats[:ns], episode.support_labels, feats[ns:], episode.ways, self.log_scale.exp())
        loss = F.cross_entropy(logits, episode.query_labels)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        acc = (logits.argmax(1) == episode.query_labels).float().mean()
        return float(loss.detach()), float(acc)
