"""Where file dialogs start: the folder the user last picked from, else their Pictures folder.

A newcomer's photos are in Pictures, not in the folder the app was started from; and someone
adding ten classes from one shoot should not have to walk back to it ten times. The folders are
remembered per purpose ("photos", "projects") in the app's config folder, so tests and portable
installs (FEWSHOT_CONFIG_DIR) keep their own.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from fewshot_studio.core.imaging.images import IMAGE_SUFFIXES
from fewshot_studio.core.util.atomic import atomic_write_text
from fewshot_studio.core.util.locations import config_dir

IMAGE_FILTER = "Images (" + " ".join(f"*{s}" for s in sorted(IMAGE_SUFFIXES)) + ");;All files (*)"


def _file() -> Path:
    return config_dir() / "last-folders.json"


def _read() -> dict[str, str]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def pictures_folder() -> str:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return found if found and os.path.isdir(found) else str(Path.home())


def start_folder(purpose: str = "photos") -> str:
    """The remembered folder for ``purpose`` if it still exists, else Pictures (else home)."""
    remembered = _read().get(purpose)
    return remembered if remembered and os.path.isdir(remembered) else pictures_folder()


def remember(purpose: str, picked: str | os.PathLike[str]) -> None:
    """Remember the folder of what was picked (a file's folder, or the folder itself)."""
    path = Path(picked)
    folder = path if path.is_dir() else path.parent
    data = _read()
    data[purpose] = str(folder)
    try:
        atomic_write_text(_file(), json.dumps(data, indent=1))
    except OSError:  # a read-only config folder must not stop anyone adding photos
        pass
