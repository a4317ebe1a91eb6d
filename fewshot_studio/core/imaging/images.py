"""The one image loader: every pixel the app, the CLI or a batch touches comes through here.

Photos from phones and scanners come rotated (EXIF), as palettes, CMYK, 16-bit or with alpha;
a classifier that sees them differently at training and labelling time is silently wrong, so the
conversion to RGB lives in exactly one place.
"""
from __future__ import annotations

import errno
import math
import os
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from fewshot_studio.core.util.regular_files import FileTooLarge, NotRegularFile, open_regular
from fewshot_studio.core.util.words import QT_TRANSLATE_NOOP

IMAGE_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".heic", ".heif", ".ppm", ".pgm"}
)

# Pillow's hard bomb limit (2 x ~89 Mpx) stays in force; below it the loader's own caps decide, so
# Pillow's warning (a line on stderr, nothing else) is silenced.
MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS
warnings.simplefilter("ignore", Image.DecompressionBombWarning)
# No photo file is this big; reading one to hash or decode it would only waste time and memory.
MAX_IMAGE_BYTES = 1 << 30
# Decoding memory: a JPEG above REDUCE_ABOVE pixels is decoded at 1/2, 1/4 or 1/8 scale (draft mode,
# nearly free); any other image above it is reduced right after decoding, before the copies the
# conversion makes. An image that would still need more than MAX_DECODE_PIXELS is refused: a 97 KB
# PNG can claim 10000 x 10000 pixels (400 MB as RGBA). Every model input is a few hundred pixels
# wide, so the reduction cannot change what is learned beyond rounding.
REDUCE_ABOVE_PIXELS = 24_000_000
MAX_DECODE_PIXELS = 64_000_000
# Decodes in flight, in estimated bytes (4 bytes a pixel, three copies while converting): thread
# pools of any size decode small photos in parallel but big ones one or two at a time.
DECODE_BUDGET_BYTES = 768 << 20
# Pillow allocates pixels in blocks of 16 MB by default: glibc serves those from per-thread heaps
# and keeps them after the image is freed, so four decode threads on big images held 1.8 GB where
# one needed 0.6 GB (measured, benchmarks/RESULTS.md). Blocks above glibc's 32 MB mmap ceiling are
# mapped and unmapped instead, and go back to the system as soon as the image is gone.
Image.core.set_block_size(64 << 20)

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
        super().__init__(QT_TRANSLATE_NOOP("engine", "{0}: {1}").format(self.path, reason))


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


def unreadable_reason(exc: OSError) -> str:
    """Why a file could not be opened, in words (shared by the loader and the content hash)."""
    if isinstance(exc, FileNotFoundError):
        return QT_TRANSLATE_NOOP("engine", "the file does not exist (moved or deleted, or a link to nothing)")
    if isinstance(exc, PermissionError) or exc.errno == errno.EACCES:
        return QT_TRANSLATE_NOOP("engine", "permission denied: you are not allowed to read this file")
    if isinstance(exc, IsADirectoryError):
        return QT_TRANSLATE_NOOP("engine", "this is a folder, not an image")
    if isinstance(exc, NotRegularFile):
        return QT_TRANSLATE_NOOP("engine", "not a regular file (a pipe, device or socket), so it is not read")
    if isinstance(exc, FileTooLarge):
        return QT_TRANSLATE_NOOP("engine", "the file is larger than {0} MB, too large for a photo").format(MAX_IMAGE_BYTES >> 20)
    if exc.errno == errno.ELOOP:
        return QT_TRANSLATE_NOOP("engine", "a symbolic link that leads back to itself (a link loop)")
    return QT_TRANSLATE_NOOP("engine", "cannot be read ({0})").format(exc.strerror or exc)


class _DecodeBudget:
    """A counting semaphore in bytes: waits while the decodes in flight would exceed the budget
    (one decode always runs, however big, so nothing waits forever)."""

    def __init__(self, budget: int):
        self.budget, self.used = budget, 0
        self._cond = threading.Condition()

    @contextmanager
    def reserve(self, nbytes: int) -> Iterator[None]:
        nbytes = min(nbytes, self.budget)
        with self._cond:
            self._cond.wait_for(lambda: self.used == 0 or self.used + nbytes <= self.budget)
            self.used += nbytes
        try:
            yield
        finally:
            with self._cond:
                self.used -= nbytes
                self._cond.notify_all()


_budget = _DecodeBudget(DECODE_BUDGET_BYTES)
_ORIENTATIONS = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
                 5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
                 8: Image.Transpose.ROTATE_90}  # EXIF orientation -> the transpose that makes it upright


def _decode(img: Image.Image, p: Path) -> Image.Image:
    """Decode within the memory caps above (draft or reduce big images, refuse huge ones)."""
    if getattr(img, "is_animated", False):
        img.seek(0)
    w, h = img.size
    if w * h > REDUCE_ABOVE_PIXELS and img.format == "JPEG":
        # The JPEG decoder scales by 1/2, 1/4 or 1/8: the least of them that gets under the threshold.
        k = next((k for k in (2, 4, 8) if w * h <= REDUCE_ABOVE_PIXELS * k * k), 8)
        img.draft(None, (max(1, w // k), max(1, h // k)))
    pixels = img.size[0] * img.size[1]
    if pixels > MAX_DECODE_PIXELS:
        raise ImageLoadError(p, QT_TRANSLATE_NOOP("engine", "the image is too large to open safely ({0} x {1} pixels; images over "
                                "{2} million pixels are refused, except JPEG photos, which are decoded at reduced "
                                "size)").format(w, h, MAX_DECODE_PIXELS // 1_000_000))
    with _budget.reserve(pixels * 12):
        img.load()
        factor = math.ceil(math.sqrt(pixels / REDUCE_ABOVE_PIXELS))
        if factor > 1:
            orientation = img.getexif().get(0x0112)  # read before reduce(), whose copy may drop it
            try:
                small = img.reduce(factor)
            except ValueError:  # a mode reduce() does not handle (palette, 16-bit): convert at full size
                small = None
            if small is not None:
                method = _ORIENTATIONS.get(orientation)
                return _to_rgb(small.transpose(method) if method is not None else small)
        return _to_rgb(ImageOps.exif_transpose(img))


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
    """Open ``path`` as an upright 8-bit RGB image (first frame if animated), within the memory caps.

    Raises ``ImageLoadError`` with a plain reason for anything unusable: a missing file, a link
    loop, a pipe or device, an empty, damaged or too large image.
    """
    p = Path(path)
    if p.suffix.lower() in (".heic", ".heif") and not _register_heif():
        raise ImageLoadError(p, QT_TRANSLATE_NOOP("engine", "HEIC/HEIF photos need the optional package pillow-heif (pip install pillow-heif)"))
    try:
        fh = open_regular(p, MAX_IMAGE_BYTES)
    except OSError as exc:
        raise ImageLoadError(p, unreadable_reason(exc)) from None
    with fh:
        if os.fstat(fh.fileno()).st_size == 0:
            raise ImageLoadError(p, QT_TRANSLATE_NOOP("engine", "the file is empty (0 bytes)"))
        try:
            with Image.open(fh) as img:
                return _decode(img, p)
        except Image.DecompressionBombError:
            raise ImageLoadError(p, QT_TRANSLATE_NOOP("engine", "the image is too large to open safely (decompression-bomb limit)")) from None
        except UnidentifiedImageError:
            raise ImageLoadError(p, QT_TRANSLATE_NOOP("engine", "not an image, or an image format that is not supported")) from None
        except (OSError, SyntaxError, ValueError) as exc:
            if isinstance(exc, OSError) and exc.errno == errno.EACCES:
                raise ImageLoadError(p, QT_TRANSLATE_NOOP("engine", "permission denied: you are not allowed to read this file")) from None
            raise ImageLoadError(p, QT_TRANSLATE_NOOP("engine", "the image is damaged or truncated and cannot be decoded")) from None


def is_image_name(path: str | os.PathLike[str]) -> bool:
    name = os.path.basename(os.fspath(path))
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in IMAGE_SUFFIXES


def iter_images(folder: str | os.PathLike[str], recursive: bool = True,
                skip_dir: Callable[[str], bool] | None = None) -> Iterator[Path]:
    """Image files under ``folder`` in a stable (sorted, case-insensitive) order.

    Hidden files and folders (dot-names) are skipped, as are files whose suffix is not an image,
    and subfolders that cannot be read (one locked folder must not stop a whole import). Anything
    else with an image name is yielded even when it is no file to read — a broken symlink, a link
    loop, a pipe — so the loader lists it as unreadable with its reason instead of it vanishing.
    Symlinked folders are not entered (no cycles); ``skip_dir(path)`` True leaves a folder out.
    """
    root = Path(folder)
    if not root.is_dir():
        raise ImageLoadError(root, QT_TRANSLATE_NOOP("engine", "the folder does not exist"))
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: (e.name.lower(), e.name))
    except OSError as exc:
        raise ImageLoadError(root, QT_TRANSLATE_NOOP("engine", "the folder cannot be read ({0})").format(exc.strerror or exc)) from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            if recursive and not (skip_dir is not None and skip_dir(entry.path)):
                try:
                    yield from iter_images(entry.path, recursive=True, skip_dir=skip_dir)
                except ImageLoadError:
                    continue
        elif is_image_name(entry.name) and not _is_folder(entry):
            yield Path(entry.path)


def _is_folder(entry: os.DirEntry) -> bool:
    """A symlink to a folder is not an image; a link loop or a broken link is an unreadable one."""
    try:
        return entry.is_dir()
    except OSError:
        return False


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
        raise ImageLoadError(root, QT_TRANSLATE_NOOP("engine", "the folder does not exist"))
    classes: dict[str, list[Path]] = {}
    for entry in sorted(root.iterdir(), key=lambda e: e.name.lower()):
        if entry.is_dir() and not entry.name.startswith("."):
            images = list(iter_images(entry))
            if images:
                classes[entry.name] = images
    if not classes:
        raise ImageLoadError(root, QT_TRANSLATE_NOOP("engine", "no class folders with images inside (expected FOLDER/<class>/<image>)"))
    return classes
