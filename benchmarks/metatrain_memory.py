"""Meta-training's peak memory and time with and without gradient checkpointing, same run.

Each setting runs in its own child process (peak RSS is per process) and its own work folder (a
resumed checkpoint would skip the work), on the same data, episodes and seed, after a warm-up run
has cached the early-block activations they both copy; the validation history is printed too, to
show the recomputation changes nothing.

    python benchmarks/metatrain_memory.py BASE_DIR --episodes 150
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import json, resource, sys, time
from fewshot_studio.core.tuning.metatrain import MetaTrainConfig, metatrain
base, out, work, episodes, ck = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] == "1"
cfg = MetaTrainConfig(method="meta-baseline", episodes=episodes, device="cpu", val_every=50, checkpointing=ck)
t = time.perf_counter()
r = metatrain(base, out, cfg, work_dir=work, keep_work=True)
print(json.dumps({"checkpointing": ck, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "seconds": time.perf_counter() - t, "history": [round(h["val"], 4) for h in r.history]}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base_dir")
    ap.add_argument("--episodes", type=int, default=150)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mt-mem-"))

    def child(ck: str, episodes: int, name: str) -> dict:
        out = subprocess.run([sys.executable, "-c", CHILD, args.base_dir, str(tmp / f"{name}.fewshot-backbone"),
                              str(tmp / name), str(episodes), ck], check=True, capture_output=True, text=True).stdout
        return json.loads(out.strip().splitlines()[-1])

    try:
        child("1", 1, "warm-up")  # caches the early-block activations once, outside both measurements
        rows = []
        for ck in ("0", "1"):
            (tmp / f"ck{ck}").mkdir()
            for f in (tmp / "warm-up").glob("activations-*"):
                shutil.copyfile(f, tmp / f"ck{ck}" / f.name)
            rows.append(child(ck, args.episodes, f"ck{ck}"))
    finally:  # activation caches of several hundred MB
        shutil.rmtree(tmp, ignore_errors=True)
    base = rows[0]
    print(f"{'checkpointing':<15}{'peak RSS MB':>12}{'seconds':>9}{'× baseline RSS':>16}  validation history")
    for r in rows:
        print(f"{str(r['checkpointing']):<15}{r['peak_rss_mb']:>12.0f}{r['seconds']:>9.1f}"
              f"{r['peak_rss_mb'] / base['peak_rss_mb']:>16.2f}  {r['history']}")
    print("identical validation history:", rows[0]["history"] == rows[1]["history"])


if __name__ == "__main__":
    main()
