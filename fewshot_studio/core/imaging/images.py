"""The one image loader: every pixel the app, the CLI or a batch touches comes through here.

Photos from phones and scanners come rotated (EXIF), as palettes, CMYK, 16-bit or with alpha;
a classifier that sees them differently at training and labelling time is silently wrong, so the
conversion to RGB lives in exactly one place.
"""
from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".heic", ".heif", ".ppm", ".pgm"}
)

# Pillow's default bomb limit (~89 Mpx) stays in force; we only make the error readable.
MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS

_heif_registered: bool | None = None


def _register_heif() -> bool:
    """HEIC/HEIF phone photos work when the optional ``pillow-heif`` is installed."""
    global _heif_registered
    if _heif_registered is None:
        try:
            from pillow_heif import register_heif_opener

            register_heif_opener()
            _heif_registered = True
        except ImportError:
            _heif_registered = False
    return _heif_registered


class ImageLoadError(Exception):
    """An image that cannot be used; ``reason`` is a sentence a non-programmer understands."""

    def __init__(self, path: str | os.PathLike[str], reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


def _to_rgb(img: Image.Image) -> Image.Image:
    if img.mode == "RGB":
        return img
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16/32-bit grayscale: scale to 8 bits by the range the format can hold, not clip.
        import numpy as np

        arr = np.asarray(img, dtype=np.float64)
        top = 65535.0 if img.mode.startswith("I;16") or arr.max() > 255 else 255.0
        arr = np.clip(arr / top * 255.0 + 0.5, 0, 255).astype("uint8")
        return Image.fromarray(arr, mode="L").convert("RGB")
    if img.mode == "F":
        import numpy as np

        arr = np.asarray(img, dtype=np.float64)
        lo, hi = float(arr.min()), float(arr.max())
        arr = (arr - lo) / (hi - lo or 1.0) * 255.0
        return Image.fromarray(arr.astype("uint8"), mode="L").convert("RGB")
    if img.mode == "P":
        img = img.convert("RGBA") if "transparency" in img.info else img.convert("RGB")
    if img.mode in ("RGBA", "LA", "PA", "La", "RGBa"):
        # Transparent pixels become white, as an image viewer shows them, not black.
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return img.convert("RGB")


def load_image(path: str | os.PathLike[str]) -> Image.Image:
    """Open ``path`` as an upright 8-bit RGB image (first frame if animated).

    Raises ``ImageLoadError`` with a plain reason for anything unusable.
    """
    p = Path(path)
    if p.suffix.lower() in (".heic", ".heif") and not _register_heif():
        raise ImageLoadError(p, "HEIC/HEIF photos need the optional package pillow-heif (pip install pillow-heif)")
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ImageLoadError(p, "the file does not exist (moved or deleted?)") from None
    except PermissionError:
        raise ImageLoadError(p, "permission denied: you are not allowed to read this file") from None
    except OSError as exc:
        raise ImageLoadError(p, f"cannot be read ({exc.strerror or exc})") from None
    if p.is_dir():
        raise ImageLoadError(p, "this is a folder, not an image")
    if size == 0:
        raise ImageLoadError(p, "the file is empty (0 bytes)")
    try:
        with Image.open(p) as img:
            if getattr(img, "is_animated", False):
                img.seek(0)
            img.load()
            img = ImageOps.exif_transpose(img)
            return _to_rgb(img)
    except PermissionError:
        raise ImageLoadError(p, "permission denied: you are not allowed to read this file") from None
    except Image.DecompressionBombError:
        raise ImageLoadError(p, "the image is too large to open safely (decompression-bomb limit)") from None
    except UnidentifiedImageError:
        raise ImageLoadError(p, "not an image, or an image format that is not supported") from None
    except (OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, OSError) and exc.errno == errno.EACCES:
            raise ImageLoadError(p, "permission denied: you are not allowed to read this file") from None
        raise ImageLoadError(p, "the image is damaged or truncated and cannot be decoded") from None


def is_image_name(path: str | os.PathLike[str]) -> bool:
    name = os.path.basename(os.fspath(path))
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in IMAGE_SUFFIXES


def iter_images(folder: str | os.PathLike[str], recursive: bool = True) -> Iterator[Path]:
    """Image files under ``folder`` in a stable (sorted, case-insensitive) order.

    Hidden files and folders (dot-names) are skipped, as are files whose suffix is not an image,
    and subfolders that cannot be read (one locked folder must not stop a whole import).
    """
    root = Path(folder)
    if not root.is_dir():
        raise ImageLoadError(root, "the folder does not exist")
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: (e.name.lower(), e.name))
    except OSError as exc:
        raise ImageLoadError(root, f"the folder cannot be read ({exc.strerror or exc})") from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            if recursive:
                try:
                    yield from iter_images(entry.path, recursive=True)
                except ImageLoadError:
                    continue
        elif entry.is_file() and is_image_name(entry.name):
            yield Path(entry.path)


def expand_paths(paths: Iterable[str | os.PathLike[str]], recursive: bool = True) -> list[Path]:
    """Files stay as they are; folders become their images (what a drop or a CLI argument means)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(iter_images(p, recursive=recursive))
        else:
            out.append(p)
    return out


def class_folders(dataset_dir: str | os.PathLike[str]) -> dict[str, list[Path]]:
    """A folder of class folders → {class name: images}, classes in sorted order, empty ones dropped."""
    root = Path(dataset_dir)
    if not root.is_dir():
        raise ImageLoadError(root, "the folder does not exist")
    classes: dict[str, list[Path]] = {}
    for entry in sorted(root.iterdir(), key=lambda e: e.name.lower()):
        if entry.is_dir() and not entry.name.startswith("."):
            images = list(iter_images(entry))
            if images:
                classes[entry.name] = images
    if not classes:
        raise ImageLoadError(root, "no class folders with images inside (expected FOLDER/<class>/<image>)")
    return classes
