"""Shared by the classifier-file, export and labelling tests: one small real classifier, and files."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

CLASSES = ("bluebell", "buttercup", "sunflower")


def train_small(shared_data: Path):
    """3 flower species x 6 photos: a real classifier in a few seconds (embeddings are cached)."""
    from fewshot_studio.core.classifier.training import train_classifier

    examples = {c: [str(p) for p in sorted((shared_data / "flowers12" / c).glob("*.jpg"))[:6]] for c in CLASSES}
    return train_classifier(examples, device="cpu", check_duplicates_too=False)


def unseen_photos(shared_data: Path, per_class: int = 3, start: int = 20) -> list[Path]:
    """Photos of the same species that training never saw."""
    return [p for c in CLASSES for p in sorted((shared_data / "flowers12" / c).glob("*.jpg"))[start : start + per_class]]


def photo_folder(root: Path, shared_data: Path, per_class: int = 3) -> Path:
    """A messy real folder: photos, a clashing name in a subfolder, an unreadable file, a text file."""
    folder = root / "photos"
    (folder / "trip").mkdir(parents=True)
    for i, p in enumerate(unseen_photos(shared_data, per_class)):
        shutil.copyfile(p, folder / f"img_{i:02d}.jpg")
    shutil.copyfile(unseen_photos(shared_data, 1)[0], folder / "trip" / "img_00.jpg")  # same name as a top-level one
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff this is not really a jpeg")
    (folder / "notes.txt").write_text("not an image, and not an image name: ignored")
    return folder


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def tree(root: Path) -> dict[str, str]:
    """Every file under root (relative path -> content hash, or link target)."""
    out = {}
    for p in sorted(Path(root).rglob("*")):
        if p.is_symlink():
            out[str(p.relative_to(root))] = "link:" + str(p.readlink())
        elif p.is_file():
            out[str(p.relative_to(root))] = digest(p)
    return out
