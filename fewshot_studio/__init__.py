"""Fewshot Studio: teach an image classifier from a handful of examples, offline.

The public Python API is deliberately small: ``load_classifier(path).predict(images)``.
Importing this package stays cheap (no torch, no Qt) so the CLI's help appears instantly.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from fewshot_studio._version import __version__

if TYPE_CHECKING:
    from fewshot_studio.core.classifier.file_format import Classifier


def load_classifier(path: str) -> "Classifier":
    """Load a ``.fewshot`` classifier file; see ``Classifier.predict``."""
    from fewshot_studio.core.classifier.file_format import load_classifier as _load

    return _load(path)


__all__ = ["__version__", "load_classifier"]
