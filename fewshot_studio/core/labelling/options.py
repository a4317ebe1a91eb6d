"""What a labelling run is asked to do; its own module so the local run and the Ray runner share it."""
from __future__ import annotations

import os
from dataclasses import dataclass

from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP


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

    def __post_init__(self) -> None:
        # A batch of 0 photos never finishes; catch it here for every caller, not only the CLI.
        if self.batch_size < 1:
            raise ValueError(QT_TRANSLATE_NOOP("engine", "the batch size must be at least 1 (got {0})").format(self.batch_size))
        if self.workers is not None and self.workers < 1:
            raise ValueError(QT_TRANSLATE_NOOP("engine", "the number of workers must be at least 1 (got {0})").format(self.workers))
        if self.threshold is not None and not 0.0 <= self.threshold <= 1.0:
            raise ValueError(QT_TRANSLATE_NOOP("engine", "the threshold is a probability from 0 to 1 (got {0})").format(self.threshold))
