"""The installed version, in a module of its own so the engine can name it without importing the package's API."""
from __future__ import annotations

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("fewshot-studio")
except _metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+source"
