"""Fewshot Studio: teach an image classifier from a handful of examples, offline.

The public Python API is deliberately small: ``load_classifier(path).predict(images)``.
Importing this package stays cheap (no torch, no Qt) so the CLI's help appears instantly.
"""
from __future__ import annotations

from importlib import metadata as _metadata
from typing import TYPE_CHECKING

try:
    __version__ = _metadata.version("fewshot-studio")
except _metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+source"

if TYPE_CHECKING:
    from fewshot_studio.core.classifier_file import Classifier


def load_classifier(path: str) -> "Classifier":
    """Load a ``.fewshot`` classifier file; see ``Classifier.predict``."""
    from fewshot_studio.core.classifier_file import load_classifier as _load

    return _load(path)


__all__ = ["__version__", "load_classifier"]
