"""Cold and warm start to a visible window: pip install vs frozen build vs a bare PySide6 window.

    python benchmarks/startup_bench.py [--runs 5] [--frozen dist/fewshot-studio/fewshot-studio]

"Visible" is measured from outside the app, the same way for every candidate: the benchmark
starts its own X server (Xvfb), listens on the root window for MapNotify, and stops the clock
when a top-level window whose title contains the candidate's marker is mapped (no window
manager, so mapped means on screen). Nothing inside the app is changed or instrumented.

"Cold" evicts the candidate's own files (the venv, the interpreter's stdlib and the sources; or
the frozen folder) from the page cache first with posix_fadvise(DONTNEED), which needs no root;
pages that another running process has mapped stay resident, and the report prints how much of
the candidate's largest files was still cached. Warm runs follow. Linux only (Xvfb + libX11).
"""
from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAP_NOTIFY = 19
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
BASELINE = (
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "app = QApplication([])\n"
    "w = QWidget(); w.setWindowTitle('startup-probe baseline'); w.resize(400, 300); w.show()\n"
    "app.exec()\n"
)


# -- a tiny X11 client over ctypes: enough to see windows being mapped ---------------------------
class XMapEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("event", ctypes.c_ulong),
        ("window", ctypes.c_ulong),
        ("override_redirect", ctypes.c_int),
    ]


class XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("xmap", XMapEvent), ("pad", ctypes.c_long * 24)]


class X11:
    def __init__(self, display: str):
        self.lib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        lib = self.lib
        lib.XOpenDisplay.restype = ctypes.c_void_p
        lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        lib.XDefaultRootWindow.restype = ctypes.c_ulong
        lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        lib.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        lib.XConnectionNumber.argtypes = [ctypes.c_void_p]
        lib.XPending.argtypes = [ctypes.c_void_p]
        lib.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(XEvent)]
        lib.XFlush.argtypes = [ctypes.c_void_p]
        lib.XInternAtom.restype = ctypes.c_ulong
        lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        lib.XGetWindowProperty.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long, ctypes.c_int,
            ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p),
        ]
        lib.XFree.argtypes = [ctypes.c_void_p]
        lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.dpy = lib.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open X display {display}")
        self.root = lib.XDefaultRootWindow(self.dpy)
        lib.XSelectInput(self.dpy, self.root, SUBSTRUCTURE_NOTIFY_MASK)
        lib.XFlush(self.dpy)
        self.fd = lib.XConnectionNumber(self.dpy)
        self.atoms = [lib.XInternAtom(self.dpy, n, 0) for n in (b"_NET_WM_NAME", b"WM_NAME")]

    def title(self, window: int) -> str:
        for atom in self.atoms:
            actual, fmt = ctypes.c_ulong(), ctypes.c_int()
            n, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
            status = self.lib.XGetWindowProperty(
                self.dpy, window, atom, 0, 1024, 0, 0, ctypes.byref(actual), ctypes.byref(fmt),
                ctypes.byref(n), ctypes.byref(after), ctypes.byref(data),
            )
            if status == 0 and data.value:
                text = ctypes.string_at(data.value, n.value).decode("utf-8", "replace")
                self.lib.XFree(data)
                if text:
                    return text
        return ""

    def mapped_windows(self, timeout: float):
        """Yield (time, title) for each top-level window mapped until ``timeout`` s pass."""
        event = XEvent()
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if not self.lib.XPending(self.dpy):
                select.select([self.fd], [], [], 0.005)
                continue
            self.lib.XNextEvent(self.dpy, ctypes.byref(event))
            if event.type == MAP_NOTIFY and event.xmap.event == self.root:
                yield time.perf_counter(), self.title(event.xmap.window)

    def drain(self) -> None:
        event = XEvent()
        while self.lib.XPending(self.dpy):
            self.lib.XNextEvent(self.dpy, ctypes.byref(event))


# -- page cache --------------------------------------------------------------------------------
def evict(paths: list[Path]) -> int:
    """Drop these files' pages from the page cache (clean, unmapped pages only); returns file count."""
    count = 0
    for root in paths:
        files = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file() and not p.is_symlink())
        for path in files:
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                count += 1
            finally:
                os.close(fd)
    return count


def resident_share(paths: list[Path], top: int = 40) -> float | None:
    """Share of the largest files' bytes still in the page cache (via util-linux fincore)."""
    if not shutil.which("fincore"):
        return None
    files = []
    for root in paths:
        files += [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
    files = sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:top]
    out = subprocess.run(
        ["fincore", "--bytes", "--noheadings", "--raw", "--output", "RES,SIZE", *map(str, files)],
        capture_output=True, text=True,
    ).stdout.split()
    res, size = sum(map(int, out[0::2])), sum(map(int, out[1::2]))
    return res / size if size else None


# -- runs --------------------------------------------------------------------------------------
@dataclass
class Candidate:
    name: str
    cmd: list[str]
    marker: str  # part of the window title
    files: list[Path]  # what "cold" evicts
    runs: list[float] = field(default_factory=list)
    cold: float | None = None
    cold_resident: float | None = None
    errors: list[str] = field(default_factory=list)


def time_to_window(x: X11, cand: Candidate, env: dict, timeout: float) -> float:
    x.drain()
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cand.cmd, env=env, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        try:
            for when, title in x.mapped_windows(timeout):
                if cand.marker in title:
                    return when - start
                if proc.poll() is not None:
                    break
            err.seek(0)
            tail = err.read().decode(errors="replace")[-600:]
            raise RuntimeError(f"no window titled '*{cand.marker}*' within {timeout:.0f} s (exit {proc.poll()}): {tail}")
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()


def start_xvfb() -> tuple[subprocess.Popen, str]:
    if not shutil.which("Xvfb"):
        sys.exit("Xvfb is needed (apt-get install xvfb)")
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1440x900x24", "-nolisten", "tcp"],
        pass_fds=(write,), stderr=subprocess.DEVNULL,
    )
    os.close(write)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read, 16)
        if not chunk:
            sys.exit("Xvfb did not start")
        number += chunk
    os.close(read)
    return proc, f":{number.decode().strip()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="warm runs per candidate (after one cold run)")
    parser.add_argument("--frozen", type=Path, default=REPO / "dist" / "fewshot-studio" / "fewshot-studio")
    parser.add_argument("--python", type=Path, default=Path(sys.executable), help="the pip install's Python")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--no-cold", action="store_true", help="skip the page-cache eviction")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    py = args.python
    venv = Path(sys.prefix) if py == Path(sys.executable) else py.parent.parent
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    script = py.with_name("fewshot-studio")
    pip_files = [venv, stdlib, REPO / "fewshot_studio"]
    candidates = [
        Candidate("bare PySide6 QWidget (baseline)", [str(py), "-c", BASELINE], "startup-probe", pip_files),
        Candidate("pip install: fewshot-studio", [str(script)], "Fewshot Studio", pip_files),
    ]
    if args.frozen.is_file():
        candidates.append(Candidate("frozen build: fewshot-studio", [str(args.frozen)], "Fewshot Studio", [args.frozen.parent]))
    else:
        print(f"no frozen build at {args.frozen} (packaging/build_linux.sh makes one); measuring pip only")

    xvfb, display = start_xvfb()
    home = Path(tempfile.mkdtemp(prefix="fewshot-startup-"))
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(
        DISPLAY=display,
        FEWSHOT_CACHE_DIR=str(home / "cache"),
        FEWSHOT_CONFIG_DIR=str(home / "config"),
        FEWSHOT_DATA_DIR=str(home / "data"),
        XDG_RUNTIME_DIR=str(home),
    )
    try:
        x = X11(display)
        for cand in candidates:
            if not args.no_cold:
                evict(cand.files)
                cand.cold_resident = resident_share(cand.files)
                try:
                    cand.cold = time_to_window(x, cand, env, args.timeout)
                except RuntimeError as exc:
                    cand.errors.append(str(exc))
            for _ in range(args.runs):
                try:
                    cand.runs.append(time_to_window(x, cand, env, args.timeout))
                except RuntimeError as exc:
                    cand.errors.append(str(exc))
            report(cand)
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(home, ignore_errors=True)
    load = os.getloadavg()
    print(f"load average during the run: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} cores")
    if args.json:
        args.json.write_text(json.dumps({
            "load_average": load,
            "candidates": [
                {"name": c.name, "cold_s": c.cold, "cold_resident_share": c.cold_resident, "warm_s": c.runs,
                 "errors": c.errors} for c in candidates
            ],
        }, indent=1))
    return 1 if any(c.errors for c in candidates) else 0


def report(c: Candidate) -> None:
    cold = f"{c.cold:5.2f} s" if c.cold is not None else "   n/a "
    resident = f" ({c.cold_resident:.0%} still cached)" if c.cold_resident is not None else ""
    if c.runs:
        warm = f"median {statistics.median(c.runs):5.2f} s, min {min(c.runs):.2f}, max {max(c.runs):.2f} (n={len(c.runs)})"
    else:
        warm = "no successful run"
    print(f"{c.name:<34} cold {cold}{resident:<20}  warm {warm}", flush=True)
    for e in c.errors[:2]:
        print(f"    error: {e}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
