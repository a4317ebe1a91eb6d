"""Pick where torch runs: CUDA, then Apple MPS, then CPU; a user or test can force one."""
from __future__ import annotations

import os


def pick_device(preference: str | None = None) -> "torch.device":  # noqa: F821
    import torch

    # "auto" (or nothing) means "no explicit choice", so the FEWSHOT_DEVICE override still applies.
    pref = (preference or "auto").lower()
    if pref == "auto":
        pref = (os.environ.get("FEWSHOT_DEVICE") or "auto").lower()
    if pref != "auto":
        return torch.device(pref)
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def describe_device(device: "torch.device") -> str:  # noqa: F821
    """A name for the status bar: the GPU's model, or the CPU."""
    import torch

    if device.type == "cuda":
        return f"GPU: {torch.cuda.get_device_name(device)}"
    if device.type == "mps":
        return "GPU: Apple (MPS)"
    return f"CPU ({torch.get_num_threads()} threads)"
