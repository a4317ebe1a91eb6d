"""Where shipped files (demo project, icons, desktop entry) live, in a wheel, a checkout or a frozen build.

The repository keeps them in its top-level ``resources/`` folder; wheels and sdists carry the same
folder as the package data ``fewshot_studio/_resources`` (setup.py maps it), found here through
``importlib.resources`` so an installed copy never depends on a source tree being around.
"""
from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE_DATA = "_resources"


@cache
def resource_dir() -> Path:
    """The ``resources`` folder: PyInstaller's bundle, the installed package data, or the checkout's.

    The installed copy comes before the checkout's, so a wheel never picks up some unrelated
    ``resources`` folder beside ``site-packages``. From a zip import the folder is extracted
    once, for the life of the process (the users need real paths: Qt icons, copying the demo).
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen and (Path(frozen) / "resources").is_dir():
        return Path(frozen) / "resources"
    installed = _installed_copy()
    if installed is not None:
        return installed
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if (checkout / "demo").is_dir():
        return checkout
    raise FileNotFoundError(
        "the resources folder that ships with Fewshot Studio is missing "
        f"(looked in the package data {__package__}/{PACKAGE_DATA} and in {str(checkout)!r}); reinstall Fewshot Studio"
    )


def _installed_copy() -> Path | None:
    try:
        root = resources.files(__package__).joinpath(PACKAGE_DATA)
    except (ModuleNotFoundError, TypeError):
        return None
    if not root.is_dir():
        return None
    if isinstance(root, Path):
        return root
    # A zip or another loader: copy into a real folder that lives until exit (as_file() takes
    # folders only from Python 3.12 on).
    target = Path(tempfile.mkdtemp(prefix="fewshot-studio-resources-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    _copy_tree(root, target)
    return target


def _copy_tree(source: Traversable, target: Path) -> None:
    for entry in source.iterdir():
        if entry.is_dir():
            (target / entry.name).mkdir()
            _copy_tree(entry, target / entry.name)
        else:
            (target / entry.name).write_bytes(entry.read_bytes())


def resource_path(*parts: str) -> Path:
    """A file or folder inside the shipped resources, e.g. ``resource_path("icons", "x.svg")``."""
    return resource_dir().joinpath(*parts)
