"""Fewshot Studio: teach an image classifier from a handful of examples, offline.

The public Python API is deliberately small: ``load_classifier(path).predict(images)`` returns
``ClassifierPredictions``; an unreadable photo raises ``ImageLoadError`` and a damaged or
foreign classifier file ``ClassifierFileError``. Importing this package stays cheap (no torch,
no Qt, not even Pillow) so the CLI's help appears instantly: the names below are loaded on
first use.
"""
from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

from fewshot_studio._version import __version__

if TYPE_CHECKING:
    from fewshot_studio.core.classifier.loaded import Classifier, ClassifierPredictions
    from fewshot_studio.core.classifier.manifest import ClassifierFileError
    from fewshot_studio.core.imaging.images import ImageLoadError

# public name -> the module that defines it, imported when the name is first used
_LAZY = {
    "Classifier": "fewshot_studio.core.classifier.loaded",
    "ClassifierPredictions": "fewshot_studio.core.classifier.loaded",
    "ClassifierFileError": "fewshot_studio.core.classifier.manifest",
    "ImageLoadError": "fewshot_studio.core.imaging.images",
}


def load_classifier(path: str | os.PathLike[str], device: str | None = None) -> "Classifier":
    """Load a ``.fewshot`` classifier file, as saved by the app or ``fewshot-studio train``.

    ``device`` is ``"cpu"``, ``"cuda"``, ``"mps"`` or None (``FEWSHOT_DEVICE``, else the best one
    here). Raises ``ClassifierFileError`` with a plain reason for a file that is damaged, from a
    newer version, or not a classifier. See ``Classifier.predict``.
    """
    from fewshot_studio.core.classifier.file_format import load_classifier as _load

    return _load(path, device)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'fewshot_studio' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = ["__version__", "load_classifier", "Classifier", "ClassifierPredictions", "ClassifierFileError",
           "ImageLoadError"]
