"""On-disk cache of image features, keyed by file *content*, backbone id and preprocessing.

Renaming or moving a photo keeps its entry; editing it makes a new one. Entries are single
``.npy`` files written atomically, so two processes embedding the same folder at once both end
with valid entries; an entry that does not load as a finite vector of the right size is
recomputed, never trusted.
"""
from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import numpy as np

from fewshot_studio.core.imaging.images import MAX_IMAGE_BYTES
from fewshot_studio.core.util.atomic import atomic_write_bytes
from fewshot_studio.core.util.locations import cache_dir
from fewshot_studio.core.util.regular_files import open_regular


def content_hash(path: str | os.PathLike[str]) -> str:
    """The cache key of a file's bytes; a pipe, device or oversized file raises OSError, never hangs."""
    h = hashlib.blake2b(digest_size=20)
    with open_regular(path, MAX_IMAGE_BYTES) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def embeddings_root() -> Path:
    """The folder every namespace's entries live under (the size limit prunes this one)."""
    return cache_dir() / "embeddings"


class EmbeddingCache:
    def __init__(self, namespace: str, dim: int, root: str | os.PathLike[str] | None = None):
        safe = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in namespace)
        self.root = Path(root) if root is not None else embeddings_root()
        self.folder = self.root / safe
        self.dim = dim

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.npy"

    def get(self, key: str) -> np.ndarray | None:
        entry = self._entry(key)
        try:
            data = entry.read_bytes()
        except OSError:
            return None
        try:
            vec = np.load(io.BytesIO(data), allow_pickle=False)
        except Exception:  # corrupt or foreign file: drop it and recompute
            vec = None
        if vec is None or vec.shape != (self.dim,) or vec.dtype != np.float32 or not np.isfinite(vec).all():
            try:
                entry.unlink()
            except OSError:
                pass
            return None
        return vec

    def put(self, key: str, vec: np.ndarray) -> None:
        buf = io.BytesIO()
        np.save(buf, np.ascontiguousarray(vec, dtype=np.float32), allow_pickle=False)
        try:
            atomic_write_bytes(self._entry(key), buf.getvalue())
        except OSError:
            pass  # a full or read-only cache only costs speed, never a result
