"""Where shipped files (demo project, icons) live, in a checkout, a wheel or a frozen build."""
from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    """The ``resources`` folder: PyInstaller's bundle, the source checkout, or the installed copy."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here.parent / "resources", here / "_resources"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the resources folder that ships with Fewshot Studio is missing")


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
