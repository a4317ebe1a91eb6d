"""Hostile and unlucky files on disk: link loops, broken links, pipes, devices, non-UTF-8 names,
small files that decode to huge images. Each ends in the loader's own error or a listed reason,
never a hang, a traceback or a memory blow-up."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PIL import Image

from fewshot_studio.core.features.embedding_cache import content_hash
from fewshot_studio.core.features.embeddings import _hash_one
from fewshot_studio.core.imaging.images import (
    MAX_DECODE_PIXELS,
    ImageLoadError,
    class_folders,
    iter_images,
    load_image,
)
from fewshot_studio.core.util.regular_files import NotRegularFile, read_regular

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")


@pytest.fixture
def real_jpeg(shared_data) -> Path:
    return sorted((shared_data / "flowers12" / "bluebell").glob("*.jpg"))[0]


@pytest.fixture
def hostile_folder(tmp_path, real_jpeg) -> Path:
    """Real photos beside a link loop, a broken link, a pipe and a link to /dev/zero."""
    folder = tmp_path / "photos"
    folder.mkdir()
    shutil.copyfile(real_jpeg, folder / "good.jpg")
    os.symlink("b.jpg", folder / "a.jpg")
    os.symlink("a.jpg", folder / "b.jpg")
    os.symlink("gone.jpg", folder / "broken.jpg")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.jpg")
    if os.path.exists("/dev/zero"):
        os.symlink("/dev/zero", folder / "zero.jpg")
    os.symlink(".", folder / "here")  # a folder link loop: never entered
    return folder


def test_the_folder_scan_lists_loops_broken_links_and_pipes_instead_of_crashing(hostile_folder):
    names = [p.name for p in iter_images(hostile_folder, recursive=True)]
    assert "good.jpg" in names
    assert {"a.jpg", "b.jpg", "broken.jpg"} <= set(names)  # listed, so the loader can say why
    reasons = {}
    for p in iter_images(hostile_folder):
        try:
            load_image(p)
        except ImageLoadError as exc:
            reasons[p.name] = exc.reason
    assert "good.jpg" not in reasons
    assert "link loop" in reasons["a.jpg"] and "link loop" in reasons["b.jpg"]
    assert "does not exist" in reasons["broken.jpg"]
    if "pipe.jpg" in names:
        assert "not a regular file" in reasons["pipe.jpg"]
    if "zero.jpg" in names:
        assert "not a regular file" in reasons["zero.jpg"]


def test_class_folders_with_a_link_loop_still_train(tmp_path, hostile_folder):
    (tmp_path / "ds").mkdir()
    shutil.move(str(hostile_folder), tmp_path / "ds" / "flowers")
    classes = class_folders(tmp_path / "ds")
    assert "good.jpg" in [p.name for p in classes["flowers"]]


@needs_fifo
def test_a_pipe_or_device_never_hangs_the_hash_or_the_reader(tmp_path):
    pipe = tmp_path / "pipe.jpg"
    os.mkfifo(pipe)
    link = tmp_path / "link.jpg"
    os.symlink(pipe, link)
    outcome: dict = {}

    def work():
        outcome["hash"] = _hash_one(str(link), True)
        with pytest.raises(NotRegularFile):
            content_hash("/dev/zero")
        with pytest.raises(NotRegularFile):
            read_regular(pipe, 100)
        outcome["done"] = True

    t = threading.Thread(target=work, daemon=True)
    t.start()
    t.join(10)
    assert outcome.get("done"), "reading a pipe or /dev/zero hung"
    key, err = outcome["hash"]
    assert key is None and "not a regular file" in err.reason


def test_a_non_utf8_file_name_is_found_and_loaded(tmp_path, real_jpeg):
    raw = os.fsencode(tmp_path) + b"/\xff\xfe.jpg"
    shutil.copyfile(real_jpeg, raw)
    [found] = list(iter_images(tmp_path))
    assert os.fsencode(found) == raw
    assert load_image(found).size == Image.open(real_jpeg).size
    assert content_hash(found) == content_hash(real_jpeg)


def _bomb_png(path: Path, side: int) -> Path:
    """A few hundred KB of PNG that decodes to side x side RGBA pixels."""
    Image.new("RGBA", (side, side), (10, 200, 30, 128)).save(path)
    return path


def test_a_tiny_png_claiming_a_huge_image_is_refused_with_a_reason(tmp_path):
    path = _bomb_png(tmp_path / "bomb.png", 10_000)
    assert path.stat().st_size < 1_000_000
    with pytest.raises(ImageLoadError) as err:
        load_image(path)
    assert "too large to open safely" in err.value.reason and "10000 x 10000" in err.value.reason


def test_big_images_are_decoded_reduced_and_keep_their_orientation(tmp_path):
    img = Image.new("RGB", (8000, 4000), (255, 255, 255))  # 32 Mpx: above the reduction threshold
    img.paste((200, 0, 0), (0, 0, 4000, 4000))  # left half red
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: shown rotated 90 degrees clockwise
    img.save(tmp_path / "big.jpg", exif=exif, quality=80)
    img.save(tmp_path / "big.png", exif=exif, compress_level=1)
    img.resize((12000, 6000), Image.Resampling.NEAREST).save(tmp_path / "camera.jpg", exif=exif, quality=60)
    for name in ("big.jpg", "big.png", "camera.jpg"):  # 72 Mpx JPEG: decoded at half scale (draft)
        out = load_image(tmp_path / name)
        w, h = out.size
        assert h > w and w * h <= 24_000_000, (name, out.size)  # upright, and reduced
        assert (w, h) == ((2000, 4000) if name != "camera.jpg" else (3000, 6000)), (name, out.size)
        top, bottom = out.getpixel((w // 2, h // 4)), out.getpixel((w // 2, 3 * h // 4))
        assert top[0] > 150 > top[1] and bottom[1] > 200, (name, top, bottom)  # the red half is on top


PEAK_SCRIPT = r"""
import sys, threading
from fewshot_studio.core.imaging.images import ImageLoadError, load_image
from fewshot_studio.core.features.backbone import BACKBONES, preprocess
paths = sys.argv[1:]
spec = BACKBONES["efficientnet-lite0"]
results = []
def work(p):
    try:
        results.append(preprocess(load_image(p), spec).shape)
    except ImageLoadError as exc:
        results.append(exc.reason)
threads = [threading.Thread(target=work, args=(p,)) for p in paths]
[t.start() for t in threads]
[t.join() for t in threads]
# VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec (a big pytest process)
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(int(hwm.split()[1]) // 1024, len(results))
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads the peak from /proc (Linux)")
def test_peak_memory_stays_bounded_on_a_folder_of_bomb_like_pngs(tmp_path):
    """Eight threads on four 7900 x 7900 RGBA PNGs (62 Mpx each, ~250 MB decoded) and two 9400 x 9400
    ones: the decode budget, the reduction and unfragmented allocation keep the process under 1 GB."""
    side = int(MAX_DECODE_PIXELS ** 0.5) - 100
    first = _bomb_png(tmp_path / "b0.png", side)
    paths = [first] + [shutil.copyfile(first, tmp_path / f"b{i}.png") for i in range(1, 4)]
    big = _bomb_png(tmp_path / "c0.png", 9400)
    paths += [big, shutil.copyfile(big, tmp_path / "c1.png")]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    run = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, *map(str, paths), *map(str, paths[:2])],
                         capture_output=True, text=True, timeout=300, env=env, check=True)
    assert "DecompressionBombWarning" not in run.stderr  # the loader's own reason replaces Pillow's warning
    peak_mb, n = map(int, run.stdout.split())
    assert n == 8
    assert peak_mb < 1000, f"peak RSS {peak_mb} MB"  # 1.8 GB before Pillow used 64 MB blocks
