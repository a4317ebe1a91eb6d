"""The one shape of long work: a function takes a ``progress`` callback and a ``CancelToken``.

The CLI passes a tqdm-updating callback, the GUI worker re-emits it as a Qt signal; both cancel
through the token (ilastik/Orange style), never through a global.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


class Cancelled(Exception):
    """Raised inside long work when its token was cancelled; callers treat it as a clean stop."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


@dataclass(frozen=True)
class Progress:
    stage: str  # short verb phrase shown to the user, e.g. "Embedding images"
    done: int
    total: int


ProgressCallback = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    return None
