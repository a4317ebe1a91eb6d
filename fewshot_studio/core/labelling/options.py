"""What a labelling run is asked to do; its own module so the local run and the Ray runner share it."""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass
class LabelOptions:
    out_dir: str | os.PathLike[str] | None = None  # default: FOLDER-labelled beside FOLDER
    mode: str = "csv"
    threshold: float | None = None  # default: the classifier's own
    unknown_threshold: float | None = None  # known_score below it: "None of these"; default: the classifier's own
    recursive: bool = False
    dry_run: bool = False
    engine: str = "auto"  # auto | onnx | torch
    batch_size: int = 32
    workers: int | None = None
    use_cache: bool = True
    ray_address: str | None = None  # None: this process; "local": a local Ray; else a cluster address
