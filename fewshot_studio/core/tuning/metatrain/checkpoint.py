"""Checkpoints: one safetensors file (late-block weights, best weights, optimizer moments, the
method's extra parameters) with the run's bookkeeping as JSON in its metadata.

One file written atomically means a crash leaves the previous checkpoint whole, and nothing in
it is pickle, so a checkpoint handed around is as safe to open as a backbone file. The file is
named by the run's key, so runs with other settings can share one work folder (and its cached
activations) without overwriting each other's checkpoints.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fewshot_studio.core.util.atomic import atomic_write_bytes


def checkpoint_path(work_dir: Path, run_key: str) -> Path:
    return work_dir / f"checkpoint-{run_key}.safetensors"


def save_checkpoint(path: Path, late_state: dict, best_state: dict, extras: dict, optimizer, info: dict[str, Any]) -> Path:
    from safetensors.torch import save

    tensors = {f"late.{k}": v for k, v in late_state.items()}
    tensors |= {f"best.{k}": v for k, v in best_state.items()}
    tensors |= {f"extra.{k}": v.detach() for k, v in extras.items()}
    opt = optimizer.state_dict()
    for pid, st in opt["state"].items():
        for field, value in st.items():
            tensors[f"opt.{pid}.{field}"] = value
    tensors = {k: v.detach().cpu().contiguous().clone() for k, v in tensors.items()}
    meta = {"info": json.dumps(info), "param_groups": json.dumps(opt["param_groups"])}
    return atomic_write_bytes(path, save(tensors, metadata=meta))


def load_checkpoint(path: Path) -> tuple[dict, dict, dict, dict, dict[str, Any]] | None:
    """(late state, best state, extras, optimizer state_dict, info), or None when there is none."""
    from safetensors import safe_open

    if not path.exists():
        return None
    with safe_open(str(path), framework="pt") as f:
        meta = f.metadata()
        tensors = {k: f.get_tensor(k) for k in f.keys()}
    late = {k[5:]: v for k, v in tensors.items() if k.startswith("late.")}
    best = {k[5:]: v for k, v in tensors.items() if k.startswith("best.")}
    extras = {k[6:]: v for k, v in tensors.items() if k.startswith("extra.")}
    state: dict[int, dict] = {}
    for k, v in tensors.items():
        if k.startswith("opt."):
            _, pid, field = k.split(".", 2)
            state.setdefault(int(pid), {})[field] = v
    opt = {"state": state, "param_groups": json.loads(meta["param_groups"])}
    return late, best, extras, opt, json.loads(meta["info"])
