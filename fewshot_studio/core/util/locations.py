"""Config, cache and data folders from platformdirs; nothing is written beside the user's images."""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

_dirs = PlatformDirs("fewshot-studio", "fewshot-studio")


def cache_dir() -> Path:
    """Overridable with FEWSHOT_CACHE_DIR (tests, portable installs)."""
    return Path(os.environ.get("FEWSHOT_CACHE_DIR") or _dirs.user_cache_dir)


def config_dir() -> Path:
    return Path(os.environ.get("FEWSHOT_CONFIG_DIR") or _dirs.user_config_dir)


def data_dir() -> Path:
    return Path(os.environ.get("FEWSHOT_DATA_DIR") or _dirs.user_data_dir)
