"""The one image loader: every odd kind of photo becomes upright 8-bit RGB, bad files one typed error."""
from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from fewshot_studio.core.imaging import images
from fewshot_studio.core.imaging.images import ImageLoadError, class_folders, expand_paths, iter_images, load_image

RED, BLUE, WHITE = (255, 0, 0), (0, 0, 255), (255, 255, 255)


def near(pixel, expected, tol=12) -> bool:
    return all(abs(int(a) - int(b)) <= tol for a, b in zip(pixel, expected))


@pytest.fixture(scope="module")
def real_jpeg(shared_data) -> Path:
    return sorted((shared_data / "flowers12" / "daisy").glob("*.jpg"))[0]


# --- conversions ----------------------------------------------------------------------------------

def test_real_photo_loads_as_rgb(real_jpeg):
    img = load_image(real_jpeg)
    assert img.mode == "RGB"
    assert img.size == Image.open(real_jpeg).size


def test_exif_orientation_is_applied(tmp_path):
    # Stored landscape 60x40, left half red, right half blue; orientation 6 = "rotate 90° clockwise".
    arr = np.zeros((40, 60, 3), np.uint8)
    arr[:, :30] = RED
    arr[:, 30:] = BLUE
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "phone.jpg"
    Image.fromarray(arr).save(path, exif=exif, quality=95)
    assert Image.open(path).size == (60, 40)  # what a naive reader sees

    img = load_image(path)
    assert img.size == (40, 60)  # upright: portrait
    assert near(img.getpixel((20, 10)), RED)  # the stored left edge is now the top
    assert near(img.getpixel((20, 50)), BLUE)


def test_palette_without_transparency(tmp_path):
    arr = np.zeros((8, 8, 3), np.uint8)
    arr[:4] = RED
    arr[4:] = (0, 128, 0)
    path = tmp_path / "pal.png"
    Image.fromarray(arr).convert("P", palette=Image.Palette.ADAPTIVE, colors=4).save(path)
    assert Image.open(path).mode == "P"
    img = load_image(path)
    assert img.mode == "RGB"
    assert near(img.getpixel((0, 0)), RED, 2)
    assert near(img.getpixel((0, 7)), (0, 128, 0), 2)


def test_palette_transparency_becomes_white(tmp_path):
    im = Image.new("P", (4, 4), 0)
    im.putpalette([0, 0, 0, 255, 0, 0] + [0] * (254 * 3))  # index 0 black (transparent), 1 red
    for x in range(4):
        im.putpixel((x, 0), 1)
    path = tmp_path / "pal_t.png"
    im.save(path, transparency=0)
    img = load_image(path)
    assert img.mode == "RGB"
    assert img.getpixel((0, 0)) == RED
    assert img.getpixel((0, 3)) == WHITE  # transparent black shows as white, not black


@pytest.mark.parametrize("fmt,suffix", [("TIFF", ".tif"), ("JPEG", ".jpg")])
def test_cmyk(tmp_path, fmt, suffix):
    path = tmp_path / f"cmyk{suffix}"
    Image.new("CMYK", (16, 16), (0, 255, 255, 0)).save(path, fmt)  # pure red in ink
    assert Image.open(path).mode == "CMYK"
    img = load_image(path)
    assert img.mode == "RGB"
    assert near(img.getpixel((8, 8)), RED, 16)


def test_16bit_grayscale_is_scaled_not_clipped(tmp_path):
    values = np.array([[0, 1000, 32768, 65535]], dtype=np.uint16)
    path = tmp_path / "g16.png"
    Image.fromarray(values).save(path)
    assert Image.open(path).mode.startswith("I")
    px = np.asarray(load_image(path))
    assert px.shape == (1, 4, 3)
    assert (px[..., 0] == px[..., 1]).all() and (px[..., 1] == px[..., 2]).all()
    # 1000/65535*255 ≈ 4 (clipping would give 255), half range ≈ 128, full range 255.
    assert px[0, :, 0].tolist() == [0, 4, 128, 255]


def test_grayscale(tmp_path):
    arr = np.tile(np.arange(0, 256, 16, dtype=np.uint8), (4, 1))
    path = tmp_path / "gray.png"
    Image.fromarray(arr, mode="L").save(path)
    px = np.asarray(load_image(path))
    assert px.shape == (4, 16, 3)
    for c in range(3):
        np.testing.assert_array_equal(px[..., c], arr)


def test_alpha_is_composited_on_white(tmp_path):
    arr = np.zeros((2, 3, 4), np.uint8)
    arr[0, 0] = (255, 0, 0, 0)  # fully transparent red -> white
    arr[0, 1] = (0, 0, 255, 255)  # opaque blue
    arr[0, 2] = (0, 0, 0, 128)  # half-transparent black -> mid grey
    path = tmp_path / "rgba.png"
    Image.fromarray(arr, mode="RGBA").save(path)
    img = load_image(path)
    assert img.mode == "RGB"
    assert img.getpixel((0, 0)) == WHITE
    assert img.getpixel((1, 0)) == BLUE
    assert near(img.getpixel((2, 0)), (127, 127, 127), 2)


def test_gray_with_alpha(tmp_path):
    arr = np.zeros((1, 2, 2), np.uint8)
    arr[0, 0] = (0, 0)  # transparent
    arr[0, 1] = (50, 255)
    path = tmp_path / "la.png"
    Image.fromarray(arr, mode="LA").save(path)
    img = load_image(path)
    assert img.getpixel((0, 0)) == WHITE
    assert img.getpixel((1, 0)) == (50, 50, 50)


def test_animated_gif_uses_first_frame(tmp_path):
    frames = [Image.new("RGB", (10, 10), c) for c in (RED, (0, 255, 0), BLUE)]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=50, loop=0)
    with Image.open(path) as check:
        assert check.n_frames == 3
    img = load_image(path)
    assert img.mode == "RGB" and img.size == (10, 10)
    assert near(img.getpixel((5, 5)), RED, 2)


def test_heic(tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif")
    arr = np.zeros((32, 48, 3), np.uint8)
    arr[:, :24] = (200, 30, 30)
    arr[:, 24:] = (30, 30, 200)
    path = tmp_path / "phone.heic"
    pillow_heif.from_pillow(Image.fromarray(arr)).save(str(path), quality=95)
    img = load_image(path)
    assert img.mode == "RGB" and img.size == (48, 32)
    assert near(img.getpixel((5, 16)), (200, 30, 30), 20)
    assert near(img.getpixel((40, 16)), (30, 30, 200), 20)


def test_heic_without_pillow_heif_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "_heif_registered", False)
    path = tmp_path / "phone.heic"
    path.write_bytes(b"\0" * 64)
    with pytest.raises(ImageLoadError) as err:
        load_image(path)
    assert "pillow-heif" in err.value.reason


def test_decompression_bomb_limit_kept(tmp_path, monkeypatch):
    path = tmp_path / "big.png"
    Image.new("RGB", (100, 100), RED).save(path)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 10,000 px is > 2x the limit
    with pytest.raises(ImageLoadError) as err:
        load_image(path)
    assert err.value.path == str(path)
    assert "too large" in err.value.reason


# --- unreadable files: one typed error with the path and a plain reason ---------------------------

def _check_error(path, *words):
    with pytest.raises(ImageLoadError) as err:
        load_image(path)
    assert err.value.path == str(path)
    assert str(path) in str(err.value)
    reason = err.value.reason.lower()
    assert any(w in reason for w in words), reason
    return err.value


def test_empty_file(tmp_path):
    path = tmp_path / "empty.jpg"
    path.write_bytes(b"")
    _check_error(path, "empty")


def test_truncated_jpeg(tmp_path, real_jpeg):
    data = real_jpeg.read_bytes()
    path = tmp_path / "cut.jpg"
    path.write_bytes(data[: len(data) // 2])
    _check_error(path, "truncated", "damaged")


def test_text_file_named_jpg(tmp_path):
    path = tmp_path / "notes.jpg"
    path.write_text("this is not a photo\n" * 20)
    _check_error(path, "not an image")


def test_missing_file(tmp_path):
    _check_error(tmp_path / "gone.jpg", "does not exist")


def test_folder_is_not_an_image(tmp_path):
    folder = tmp_path / "looks_like.jpg"
    folder.mkdir()
    _check_error(folder, "folder")


def test_permission_denied(tmp_path, real_jpeg, monkeypatch):
    path = tmp_path / "locked.jpg"
    shutil.copy(real_jpeg, path)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            # Running as root: permissions are not enforced, so make the OS say no at the boundary.
            real_open = os.open  # the loader opens through os.open (no blocking on pipes)

            def deny(file, *args, **kwargs):
                if isinstance(file, (str, os.PathLike)) and os.fspath(file) == str(path):
                    raise PermissionError(errno.EACCES, "Permission denied", str(path))
                return real_open(file, *args, **kwargs)

            monkeypatch.setattr(os, "open", deny)
        _check_error(path, "permission")
    finally:
        monkeypatch.undo()
        path.chmod(0o644)


# --- folder import -------------------------------------------------------------------------------

@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "import"
    for rel in [
        "b.jpg", "A.png", "c.JPEG", "notes.txt", "clip.mp4", ".hidden.jpg", "Thumbs.db",
        ".git/x.jpg", ".hiddendir/y.png",
        "sub/z.jpg", "sub/deeper/y.webp", "Sub2/a.gif",
    ]:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"x")
    return root


def _rel(paths, root):
    return [p.relative_to(root).as_posix() for p in paths]


def test_iter_images_recursive_sorted_skips_hidden_and_non_images(tree):
    found = _rel(iter_images(tree), tree)
    assert found == ["A.png", "b.jpg", "c.JPEG", "sub/deeper/y.webp", "sub/z.jpg", "Sub2/a.gif"]
    assert _rel(iter_images(tree), tree) == found  # stable


def test_iter_images_not_recursive(tree):
    assert _rel(iter_images(tree, recursive=False), tree) == ["A.png", "b.jpg", "c.JPEG"]


def test_iter_images_missing_folder(tmp_path):
    with pytest.raises(ImageLoadError):
        list(iter_images(tmp_path / "nope"))


def test_unreadable_subfolder_is_skipped_not_fatal(tree, monkeypatch):
    real_scandir = os.scandir
    locked = str(tree / "sub")

    def scandir(path):
        if os.fspath(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(images.os, "scandir", scandir)
    assert _rel(iter_images(tree), tree) == ["A.png", "b.jpg", "c.JPEG", "Sub2/a.gif"]


def test_expand_paths_keeps_files_and_expands_folders(tree):
    single = tree / "notes.txt"  # an explicit file stays, even if it will fail to load later
    out = expand_paths([single, tree / "sub"])
    assert _rel(out, tree) == ["notes.txt", "sub/deeper/y.webp", "sub/z.jpg"]


def test_class_folders(tmp_path):
    root = tmp_path / "ds"
    for rel in ["b/1.jpg", "b/2.png", "A/x.jpg", ".hidden/h.jpg", "empty/readme.txt", "loose.jpg"]:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"x")
    classes = class_folders(root)
    assert list(classes) == ["A", "b"]
    assert [p.name for p in classes["b"]] == ["1.jpg", "2.png"]
    with pytest.raises(ImageLoadError):
        class_folders(root / "A" / "nothing")
    with pytest.raises(ImageLoadError):
        class_folders(root / "empty")


def test_class_folders_real_dataset(flowers_small):
    assert len(flowers_small) == 4
    for name, paths in flowers_small.items():
        assert len(paths) == 8
        assert all(p.parent.name == name for p in paths)
        assert paths == sorted(paths, key=lambda p: p.name.lower())
