"""The fitted heads and the whole pipeline as torch modules, so they can be traced to ONNX.

The methods compute logits in numpy (fast, no torch needed to predict); here each one is
rewritten op-for-op in torch. The parity check after every export is what proves the two agree.
A new method only needs a line in ``torch_head`` to become exportable.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from fewshot_studio.core.methods.familiarity import POWER as FAMILIARITY_POWER
from fewshot_studio.core.methods.features import POWER, TAP_WEIGHT

if TYPE_CHECKING:
    import torch

    from fewshot_studio.core.features.backbone import BackboneSpec
    from fewshot_studio.core.methods.base import FewShotMethod
    from fewshot_studio.core.methods.familiarity import Familiarity

L2_EPS = 1e-8  # as methods.base.l2_normalize


def _modules():
    import torch
    from torch import nn

    def const(a: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))

    def signed_power(f: torch.Tensor, power: float) -> torch.Tensor:  # as methods.features.power_transform
        return f if power == 1.0 else torch.sign(f) * f.abs().pow(power)

    def unit(f: torch.Tensor) -> torch.Tensor:  # as methods.features.l2_normalize
        return f / (torch.linalg.vector_norm(f, dim=-1, keepdim=True) + L2_EPS)

    class CosineHead(nn.Module):
        """CL2N features against fixed directions: prototypes, soft k-means and logistic regression,
        after the embedding's parts are normalised one by one as ``methods.features.multilevel``
        does (a head fitted without parts: its columns, raised to ``power``)."""

        def __init__(self, centre, weight, bias, scale: float, power: float, parts):
            super().__init__()
            self.power, self.parts = float(power), tuple(parts or ())
            self.register_buffer("centre", const(centre))
            self.register_buffer("weight_t", const(weight).T.contiguous())
            self.register_buffer("bias", const(bias))
            self.scale = float(scale)

        def forward(self, f: torch.Tensor) -> torch.Tensor:
            if self.parts:
                pieces = []
                for i, piece in enumerate(torch.split(f, list(self.parts), dim=-1)):
                    piece = unit(signed_power(piece, self.power))
                    pieces.append(piece if i == 0 else piece * TAP_WEIGHT)
                f = torch.cat(pieces, dim=-1)
            else:
                f = signed_power(f[:, : self.centre.shape[0]], self.power)
            z = unit(f - self.centre)
            return self.scale * (z @ self.weight_t) + self.bias

    class MlpHead(nn.Module):
        def __init__(self, w0, b0, w2, b2):
            super().__init__()
            for name, a in (("w0", w0.T), ("b0", b0), ("w2", w2.T), ("b2", b2)):
                self.register_buffer(name, const(a))

        def forward(self, f: torch.Tensor) -> torch.Tensor:
            return torch.relu(f[:, : self.w0.shape[0]] @ self.w0 + self.b0) @ self.w2 + self.b2

    class FamiliarityHead(nn.Module):
        """``methods.familiarity.Familiarity.score`` op for op: the standard part square-rooted and
        unit length, mean of the nearest labelled photo's and nearest class mean's similarity,
        then the normal CDF of its distance from the labelled photos' own."""

        def __init__(self, bank, means, mean: float, std: float, width: int):
            super().__init__()
            self.width, self.mean, self.inv_std = int(width), float(mean), 1.0 / float(std)
            self.register_buffer("bank_t", const(bank).T.contiguous())
            self.register_buffer("means_t", const(means).T.contiguous())

        def forward(self, f: torch.Tensor) -> torch.Tensor:
            z = unit(signed_power(f[:, : self.width], FAMILIARITY_POWER))
            s = 0.5 * ((z @ self.bank_t).amax(dim=-1) + (z @ self.means_t).amax(dim=-1))
            return 0.5 * (1.0 + torch.erf((s - self.mean) * self.inv_std * (2.0 ** -0.5)))

    class Pipeline(nn.Module):
        """uint8 RGB (N, H, W, 3), already resized and centre-cropped → class probabilities (N, C),
        and with a familiarity head also ``known_score`` (N,)."""

        def __init__(self, net, head, spec: BackboneSpec, temperature: float, tta: bool, familiarity=None):
            super().__init__()
            self.net, self.head, self.tta, self.familiarity = net, head, bool(tta), familiarity
            self.register_buffer("mean", const(np.asarray(spec.mean)).reshape(1, 1, 1, 3))
            self.register_buffer("std", const(np.asarray(spec.std)).reshape(1, 1, 1, 3))
            self.register_buffer("inv_t", torch.tensor(1.0 / temperature, dtype=torch.float32))
            self.register_buffer("inv_255", torch.tensor(1.0 / 255.0, dtype=torch.float32))

        def features(self, image: torch.Tensor) -> torch.Tensor:
            # Same float32 ops, in the same order, as backbone.preprocess.
            x = image.to(torch.float32) * self.inv_255
            x = ((x - self.mean) / self.std).permute(0, 3, 1, 2)
            f = self.net(x)
            if self.tta:
                f = 0.5 * (f + self.net(torch.flip(x, dims=[3])))
            return f

        def forward(self, image: torch.Tensor):
            f = self.features(image)
            probs = torch.softmax(self.head(f) * self.inv_t, dim=-1)
            if self.familiarity is None:
                return probs
            return probs, self.familiarity(f)

    return CosineHead, MlpHead, Pipeline, FamiliarityHead


def torch_head(method: FewShotMethod) -> torch.nn.Module:
    """The fitted ``method`` as a torch module computing exactly its ``logits``."""
    from fewshot_studio.core.methods import prototypes
    from fewshot_studio.core.methods.logreg import LogisticRegression

    cosine, mlp, _, _ = _modules()
    name = method.name
    if name == "auto":
        return torch_head(method.chosen)
    state = method.state()
    if name in ("prototypes", "transductive"):
        protos = state["prototypes"]
        power = POWER if method.parts else 1.0
        return cosine(state["centre"], protos, np.zeros(len(protos), np.float32), prototypes.SCALE, power, method.parts)
    if isinstance(method, LogisticRegression):  # self-training included: same head, other fit
        return cosine(state["centre"], state["weight"], state["bias"], 1.0, method.power, method.parts)
    if name == "dense-head":
        return mlp(state["0_weight"], state["0_bias"], state["2_weight"], state["2_bias"])
    raise ValueError(f"the {name} method cannot be exported to ONNX yet")


def torch_familiarity(familiarity: Familiarity) -> torch.nn.Module:
    """The familiarity score as a torch module computing exactly ``Familiarity.score``."""
    *_, head = _modules()
    return head(familiarity.bank, familiarity.means, familiarity.mean, familiarity.std, familiarity.width)


def pipeline_module(net, method: FewShotMethod, spec: BackboneSpec, temperature: float, tta: bool,
                    familiarity: Familiarity | None = None) -> torch.nn.Module:
    _, _, pipeline, _ = _modules()
    fam = torch_familiarity(familiarity) if familiarity is not None else None
    return pipeline(net, torch_head(method), spec, temperature, tta, fam).eval()
