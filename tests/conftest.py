"""Shared fixtures: real images from ../shared/data, the real backbone, a private cache per run."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("FEWSHOT_SHARED_DATA", REPO.parent / "shared" / "data"))

# Torch and Qt pick these up at import time, so set them before any test module imports them.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FEWSHOT_DEVICE", "cpu")
# One intra-op thread: on a small shared CI box torch's spinning OpenMP workers, competing with the
# decode threads and other jobs, made a one-image forward pass 1-3 s instead of 0.03 s.
os.environ.setdefault("OMP_NUM_THREADS", "1")


@pytest.fixture(scope="session", autouse=True)
def _private_dirs(tmp_path_factory):
    """Every run gets its own cache/config/data folders: tests never touch the user's."""
    base = tmp_path_factory.mktemp("fewshot-home")
    for var, sub in (("FEWSHOT_CACHE_DIR", "cache"), ("FEWSHOT_CONFIG_DIR", "config"), ("FEWSHOT_DATA_DIR", "data")):
        os.environ[var] = str(base / sub)
    yield base


@pytest.fixture(autouse=True)
def _main_thread_gc(request):
    """Window tests collect reference cycles on the main thread, as the app does
    (gui/work/main_thread_gc.py), and leave none behind for a later test's worker thread to collect."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    import gc

    from fewshot_studio.gui.work.main_thread_gc import MainThreadGC

    request.getfixturevalue("qapp")
    collector = MainThreadGC()
    yield
    collector.stop()
    gc.collect()


@pytest.fixture(scope="session")
def installed_app(tmp_path_factory):
    """The app as ``pip install fewshot-studio`` gives it: sdist, wheel from it, a fresh venv."""
    from installed_wheel import build_and_install

    return build_and_install(tmp_path_factory.mktemp("installed"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.fail(f"the shared image sets are missing at {SHARED_DATA}")
    return SHARED_DATA


def _subset(root: Path, classes: int, per_class: int) -> dict[str, list[Path]]:
    from fewshot_studio.core.imaging.images import class_folders

    all_classes = class_folders(root)
    names = list(all_classes)[:classes]
    return {name: all_classes[name][:per_class] for name in names}


@pytest.fixture(scope="session")
def flowers_small(shared_data) -> dict[str, list[Path]]:
    """4 flower species × 8 photos: real, varied, small enough for a 2-core CI."""
    return _subset(shared_data / "flowers12", 4, 8)


@pytest.fixture(scope="session")
def fashion_small(shared_data) -> dict[str, list[Path]]:
    return _subset(shared_data / "fashion_mnist_100", 4, 8)


@pytest.fixture(scope="session")
def backbone():
    from fewshot_studio.core.features.loading import load_backbone

    return load_backbone("efficientnet-lite0", device="cpu")


def pytest_collection_modifyitems(config, items):
    """Tests marked ``slow`` (building the frozen app: many minutes) run only with FEWSHOT_SLOW=1."""
    if os.environ.get("FEWSHOT_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow; set FEWSHOT_SLOW=1 to run")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
