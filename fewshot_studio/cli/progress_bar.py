"""Terminal progress for core's ``ProgressCallback``: one tqdm bar per stage."""
from __future__ import annotations

import sys

from fewshot_studio.core.util.progress import Progress


class TqdmProgress:
    def __init__(self, disable: bool | None = None) -> None:
        self._bar = None
        self._stage = None
        self.disable = (not sys.stderr.isatty()) if disable is None else disable

    def __call__(self, p: Progress) -> None:
        from tqdm import tqdm

        if p.stage != self._stage:
            self.close()
            self._stage = p.stage
            self._bar = tqdm(total=p.total, desc=p.stage, unit="img" if "mbed" in p.stage else "it",
                             disable=self.disable, leave=False, dynamic_ncols=True)
        self._bar.total = p.total
        self._bar.n = p.done
        self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> "TqdmProgress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
