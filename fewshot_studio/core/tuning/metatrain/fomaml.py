"""First-order MAML (Finn et al., 2017) over the last blocks and a cosine head, for comparison.

The inner loop adapts a copy of the late blocks and a head initialised at the support prototypes
(Proto-MAML, Triantafillou et al., 2020) with a few SGD steps on the support; the query loss of
the adapted copy gives the meta-gradient, first-order (no second derivatives), which keeps memory
and time close to ProtoNet's. The app later uses the backbone with prototypes (or its own
fine-tuning), so validation measures exactly that.
"""
from __future__ import annotations

from fewshot_studio.core.tuning.metatrain.base import SCALE, EpisodeTensors, MetaLearner


class FOMAML(MetaLearner):
    name = "fomaml"

    def step(self, episode: EpisodeTensors, optimizer) -> tuple[float, float]:
        import torch
        import torch.nn.functional as F
        from torch.func import functional_call

        inner_steps = int(self.options.get("inner_steps", 3))
        inner_lr = float(self.options.get("inner_lr", 0.01))
        meta = dict(self.late.named_parameters())
        fast = {k: v.detach().clone().requires_grad_(True) for k, v in meta.items()}
        ys, yq = episode.support_labels, episode.query_labels

        def logits(params, head, z, centre):
            f = F.normalize(functional_call(self.late, params, (z,)) - centre, dim=1)
            return SCALE * f @ F.normalize(head, dim=1).T

        with torch.no_grad():
            fs = functional_call(self.late, fast, (episode.support,))
            centre = fs.mean(0, keepdim=True)
            zs = F.normalize(fs - centre, dim=1)
            head0 = torch.stack([zs[ys == c].mean(0) for c in range(episode.ways)])
        head = head0.clone().requires_grad_(True)
        with torch.enable_grad():
            for _ in range(inner_steps):
                loss = F.cross_entropy(logits(fast, head, episode.support, centre), ys)
                grads = torch.autograd.grad(loss, [*fast.values(), head])
                with torch.no_grad():
                    for p, g in zip([*fast.values(), head], grads):
                        p -= inner_lr * g
            out = logits(fast, head, episode.query, centre)
            qloss = F.cross_entropy(out, yq)
            grads = torch.autograd.grad(qloss, list(fast.values()))
        optimizer.zero_grad(set_to_none=True)
        for p, g in zip(meta.values(), grads):
            p.grad = g
        optimizer.step()
        return float(qloss.detach()), float((out.argmax(1) == yq).float().mean())
