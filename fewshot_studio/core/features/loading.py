"""One entry point for every base model: a stock name, a preset, or a ``.fewshot-backbone`` file.

It lives apart from ``backbone`` and ``backbone_file`` so that each of those imports only the
layer below it (a file backbone is built from a stock architecture, never the other way round).
"""
from __future__ import annotations

from fewshot_studio.core.features.backbone import DEFAULT_BACKBONE, Backbone, load_stock_backbone, resolve_spec
from fewshot_studio.core.features.backbone_file import SUFFIX, load_backbone_file
from fewshot_studio.core.features.devices import pick_device_name


def load_backbone(name: str = DEFAULT_BACKBONE, device: str | None = None) -> Backbone:
    """Load a backbone once per process and device (it is read-only, so sharing is safe)."""
    dev = pick_device_name(device)
    if str(name).endswith(SUFFIX):  # a meta-trained/distilled file: safetensors, never pickle
        return load_backbone_file(name, dev)
    return load_stock_backbone(resolve_spec(name).name, dev)
