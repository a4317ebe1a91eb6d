"""Peak memory of `label` and `train` on a folder of small files that decode to huge images (issue 16).

Builds, in a temporary folder: four 9400 x 9400 RGBA PNGs (~350 KB each, the audit's case: 353 MB
each decoded, so refused), four 7900 x 7900 RGBA PNGs (62 Mpx, just under the cap: decoded, then
reduced), two 12000 x 9000 JPEGs (108 Mpx: decoded at half scale, draft mode) and real flower
photos. Then runs `fewshot-studio label --workers 4` and `fewshot-studio train` on them in child
processes and reports each child's peak RSS (ru_maxrss from wait4; the images are built in a child
of their own, so this process stays small and no child inherits a big high-water mark from it).

    .venv/bin/python benchmarks/bomb_memory.py
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("FEWSHOT_SHARED_DATA", REPO.parent / "shared" / "data"))


def build(root: Path) -> tuple[Path, Path, Path]:
    """A labelling folder and a training set (two classes), both holding the bomb-like images, and
    the same real photos without them (the baseline)."""
    big = root / "big"
    big.mkdir()
    Image.new("RGBA", (9400, 9400), (10, 200, 30, 128)).save(big / "huge_0.png")
    Image.new("RGBA", (7900, 7900), (200, 30, 30, 200)).save(big / "large_0.png")
    Image.new("RGB", (12000, 9000), (30, 30, 200)).save(big / "camera_0.jpg", quality=70)
    for stem, n in (("huge", 4), ("large", 4), ("camera", 2)):
        src = next(big.glob(f"{stem}_0.*"))
        for i in range(1, n):
            shutil.copyfile(src, big / f"{stem}_{i}{src.suffix}")
    folder, plain = root / "photos", root / "plain"
    shutil.copytree(big, folder)
    plain.mkdir()
    ds = root / "ds"
    for k, cls in enumerate(("bluebell", "sunflower")):
        (ds / cls).mkdir(parents=True)
        for p in sorted((DATA / "flowers12" / cls).glob("*.jpg"))[:8]:
            shutil.copyfile(p, ds / cls / p.name)
            shutil.copyfile(p, folder / f"{cls}_{p.name}")
            shutil.copyfile(p, plain / f"{cls}_{p.name}")
        for p in sorted(big.iterdir())[k::2]:
            shutil.copyfile(p, ds / cls / p.name)
    return folder, ds, plain


def peak_of(cmd: list[str], env: dict, log: Path) -> tuple[float, float, int, str]:
    """(peak RSS MB, seconds, exit code, last line of stderr) of one child process."""
    started = time.perf_counter()
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own peak, reaped here
    tail = (log.read_text(errors="replace").strip().splitlines() or [""])[-1]
    return usage.ru_maxrss / 1024, time.perf_counter() - started, os.waitstatus_to_exitcode(status), tail


def main() -> None:
    env = {**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "2")}
    cli = [sys.executable, "-m", "fewshot_studio"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--build", str(root)], check=True)
        folder, ds, plain = root / "photos", root / "ds", root / "plain"
        sizes = {p.name: p.stat().st_size for p in folder.iterdir() if p.name.endswith(("_0.png", "_0.jpg"))}
        print(f"built in {time.perf_counter() - t0:.0f} s; file sizes: {sizes}")
        model = root / "m.fewshot"
        for name, cmd in (
            ("train", cli + ["train", str(ds), "--out", str(model)]),
            ("label, photos only", cli + ["label", str(model), str(plain), "--out", str(root / "out0"),
                                           "--workers", "4", "--no-cache", "--mode", "copy"]),
            ("label --workers 4", cli + ["label", str(model), str(folder), "--out", str(root / "out"),
                                          "--workers", "4", "--no-cache", "--mode", "copy"]),
            ("label --workers 8", cli + ["label", str(model), str(folder), "--out", str(root / "out8"),
                                          "--workers", "8", "--no-cache", "--mode", "copy"]),
        ):
            mb, s, rc, tail = peak_of(cmd, env, root / "log.txt")
            print(f"{name:<20} peak RSS {mb:7.0f} MB   {s:5.1f} s   rc {rc}   {tail[:120]}")
        errors = (root / "out" / "_errors.csv").read_text().splitlines()[1:]
        print(f"listed as unreadable: {len(errors)}; e.g. {errors[0][:160] if errors else '-'}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        build(Path(sys.argv[2]))
    else:
        main()
