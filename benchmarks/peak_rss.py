"""Peak resident memory of this process while a block runs, sampled by a background thread
(``ru_maxrss`` would include everything before the block, e.g. importing torch)."""
from __future__ import annotations

import threading
import time

import psutil


class PeakRSS:
    def __init__(self, interval: float = 0.1) -> None:
        self.proc = psutil.Process()
        self.peak = self.proc.memory_info().rss
        self.interval = interval
        self.samples: list[tuple[float, int]] = []  # (seconds since start, RSS bytes)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        t0 = time.monotonic()
        while not self._stop.wait(self.interval):
            rss = self.proc.memory_info().rss
            self.peak = max(self.peak, rss)
            self.samples.append((time.monotonic() - t0, rss))

    def __enter__(self) -> "PeakRSS":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
