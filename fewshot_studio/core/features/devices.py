"""Pick where the network runs: CUDA, then Apple MPS, then CPU; a user or test can force one.

Asking torch costs importing it (about 2 s on a 2-core CPU), and on a CPU the app never needs
torch for a first result (onnxruntime embeds, NumPy fits the heads). So the choice reads torch's
build and the machine first, and imports torch only where an accelerator could be present: a
CUDA/ROCm build of torch with a GPU driver visible, or any Mac. Where it cannot tell, it asks torch.
"""
from __future__ import annotations

import ctypes.util
import importlib.util
import os
import re
import sys
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _torch_gpu_build() -> bool | None:
    """Whether the installed torch was built for CUDA or ROCm, read from its ``version.py``
    without importing it; None when that file cannot be read (then torch is asked)."""
    spec = importlib.util.find_spec("torch")
    if spec is None or not spec.origin:
        return False
    try:
        return gpu_build_from_version_file((Path(spec.origin).parent / "version.py").read_text(encoding="utf-8"))
    except OSError:
        return None


def gpu_build_from_version_file(text: str) -> bool | None:
    """``cuda = '13.0'`` or ``hip = '6.2'`` in torch's generated ``version.py``: a GPU build;
    both None: CPU only; either line missing: unknown."""
    found = {m.group(1): m.group(2).strip() for m in re.finditer(r"^(cuda|hip)\b[^=]*=\s*(.+)$", text, re.M)}
    if set(found) != {"cuda", "hip"}:
        return None
    return any(value != "None" for value in found.values())


def _gpu_driver_visible() -> bool:
    """An NVIDIA or AMD kernel driver (or WSL's GPU bridge) is there, or a CUDA driver library."""
    if sys.platform.startswith("linux"):
        if any(os.path.exists(p) for p in ("/proc/driver/nvidia/version", "/dev/nvidiactl", "/dev/kfd", "/dev/dxg")):
            return True
    return ctypes.util.find_library("nvcuda" if sys.platform == "win32" else "cuda") is not None


@lru_cache(maxsize=1)
def accelerator_possible() -> bool:
    """False only when no GPU can be used for certain; True also means "ask torch"."""
    if sys.platform == "darwin":
        return True  # MPS: only torch can say whether this Mac's GPU is usable
    build = _torch_gpu_build()
    if build is False:
        return False
    return build is None or _gpu_driver_visible()


def pick_device_name(preference: str | None = None) -> str:
    """"cuda", "mps", "cpu" (or what the user forced, e.g. "cuda:1"), importing torch only when
    it has to be asked."""
    # "auto" (or nothing) means "no explicit choice", so the FEWSHOT_DEVICE override still applies.
    pref = (preference or "auto").lower()
    if pref == "auto":
        pref = (os.environ.get("FEWSHOT_DEVICE") or "auto").lower()
    if pref != "auto":
        return pref
    if not accelerator_possible():
        return "cpu"
    import torch

    if torch.cuda.is_available():
        return "cuda"
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return "mps"
    return "cpu"


def pick_device(preference: str | None = None) -> "torch.device":  # noqa: F821
    import torch

    return torch.device(pick_device_name(preference))


def device_type(device: "str | torch.device") -> str:  # noqa: F821
    """"cuda" for "cuda:1", and so on, for a name or a torch.device alike."""
    return str(device).split(":", 1)[0]


def cpu_cores() -> int:
    """The cores this process may use (a container or ``taskset`` can allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def describe_device(device: "str | torch.device") -> str:  # noqa: F821
    """A name for the status bar: the GPU's model, or the CPU."""
    kind = device_type(device)
    if kind == "cuda":
        import torch

        return f"GPU: {torch.cuda.get_device_name(torch.device(str(device)))}"
    if kind == "mps":
        return "GPU: Apple (MPS)"
    return f"CPU ({cpu_cores()} cores)"
