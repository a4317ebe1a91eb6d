"""Build Fewshot Studio as a user gets it (sdist, wheel) and install the wheel into a fresh venv.

Only the app goes into the fresh venv (``--no-deps``): its dependencies (torch, Qt, …, GBs) are
borrowed from the interpreter running the tests through a ``.pth`` line. A folder added by a
``.pth`` line does not get its own ``.pth`` files run, so the editable install of the source tree
that lives there (``pip install -e .``) stays invisible, and nothing from the checkout is on
``sys.path``: what runs is the installed wheel, its files and nothing else.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# What a fresh clone has that the build reads (the rest, tests and benchmarks, is not shipped).
BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "LICENSE", "NOTICE", "fewshot_studio", "resources")
# Settings that would let the checkout leak into the installed app.
LEAKY_ENV = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE", "VIRTUAL_ENV")


@dataclass
class InstalledApp:
    sdist: Path
    wheel: Path  # built from the source tree
    wheel_from_sdist: Path  # built from the unpacked sdist: what pip and `python -m build` install
    venv: Path
    python: Path
    script: Path  # the venv's `fewshot-studio` entry point
    elsewhere: Path  # an unrelated working folder
    env: dict[str, str]

    def run(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args), capture_output=True, text=True, timeout=timeout, cwd=self.elsewhere, env=self.env
        )


def _stage(target: Path) -> Path:
    """A copy of the build's inputs as a fresh clone has them: tracked and not-ignored files only."""
    listed = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-co", "--exclude-standard", "--", *BUILD_INPUTS],
        capture_output=True, text=True,
    )
    if listed.returncode == 0 and listed.stdout.strip():
        for rel in listed.stdout.splitlines():
            src = REPO / rel
            if src.is_file():
                (target / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, target / rel)
    else:  # not a git checkout (an unpacked sdist, say): the folders minus caches
        for name in BUILD_INPUTS:
            src = REPO / name
            if src.is_dir():
                shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(src, target / name)
    return target


def _build(kind: str, source: Path, out: Path) -> Path:
    """PEP 517 build with the test interpreter's setuptools (no isolation: no network needed)."""
    out.mkdir(parents=True, exist_ok=True)
    code = f"from setuptools import build_meta as b; print(b.build_{kind}({str(out)!r}))"
    proc = subprocess.run([sys.executable, "-c", code], cwd=source, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"building the {kind} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return out / proc.stdout.strip().splitlines()[-1]


def _dependency_paths() -> list[str]:
    return [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages") and Path(p).is_dir()]


def build_and_install(base: Path) -> InstalledApp:
    stage = _stage(base / "clone")
    sdist = _build("sdist", stage, base / "dist")
    wheel = _build("wheel", stage, base / "dist")
    with tarfile.open(sdist) as tar:
        tar.extractall(base / "unpacked", filter="data")
    wheel_from_sdist = _build("wheel", base / "unpacked" / sdist.name.removesuffix(".tar.gz"), base / "dist-from-sdist")

    clean_env = {k: v for k, v in os.environ.items() if k not in LEAKY_ENV}
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # --force-reinstall: pip --python sees the running pip's site-packages, where an editable
    # install of the same version would otherwise count as "already installed".
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
           "--force-reinstall", "-q"]
    proc = subprocess.run([*pip, str(wheel_from_sdist)], capture_output=True, text=True, timeout=300, env=clean_env)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True, env=clean_env,
    ).stdout.strip()
    if proc.returncode != 0 or not list(Path(site).glob("fewshot_studio-*.dist-info")):
        raise RuntimeError(f"installing the wheel failed:\n{proc.stdout}\n{proc.stderr}")
    Path(site, "zz_test_dependencies.pth").write_text("\n".join(_dependency_paths()) + "\n", encoding="utf-8")

    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    env = dict(clean_env)
    env.update(QT_QPA_PLATFORM="offscreen", FEWSHOT_DEVICE="cpu", PYTHONNOUSERSITE="1")
    for var, sub in (("FEWSHOT_CACHE_DIR", "cache"), ("FEWSHOT_CONFIG_DIR", "config"), ("FEWSHOT_DATA_DIR", "data")):
        env[var] = str(base / "home" / sub)
    script = python.with_name("fewshot-studio.exe" if os.name == "nt" else "fewshot-studio")
    return InstalledApp(sdist, wheel, wheel_from_sdist, venv, python, script, elsewhere, env)


def wheel_files(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        return sorted(zf.namelist())


def sdist_files(sdist: Path) -> list[str]:
    with tarfile.open(sdist) as tar:
        return sorted(m.name.split("/", 1)[1] for m in tar.getmembers() if m.isfile())
