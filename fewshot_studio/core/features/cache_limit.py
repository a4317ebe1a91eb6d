"""Keep the embedding cache under a size limit, dropping the least recently used entries first.

An entry is one small file per photo (about 5-8 KB on disk), so labelling folder after folder of
tens of thousands of photos would grow the cache without end. An entry is only a speed-up (a
missing one is recomputed from the photo), so pruning never loses a result. "Last used" is the
later of an entry's access and modification times: Linux refreshes access times on reads about
once a day (relatime), so an entry read this week outlives one written long ago; where access
times are not kept, entries go in the order they were written.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from fewshot_studio.core.features.embedding_cache import embeddings_root

DEFAULT_MAX_MB = 2048
# Prune to this fraction of the limit, so that the next run does not have to prune again at once.
LOW_WATER = 0.8


@dataclass(frozen=True)
class PruneReport:
    removed: int
    freed_bytes: int
    kept_bytes: int


def max_bytes() -> int:
    """The limit: ``FEWSHOT_CACHE_MAX_MB`` (megabytes; portable installs, small disks) or 2 GB."""
    try:
        mb = float(os.environ.get("FEWSHOT_CACHE_MAX_MB", DEFAULT_MAX_MB))
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(max(mb, 0) * 2**20)


def _entries(root: Path) -> list[tuple[float, int, str]]:
    """(last used, bytes on disk, path) of every entry: ROOT/namespace/xx/KEY.npy."""
    out = []
    for folder, _, files in os.walk(root):
        for name in files:
            if not name.endswith(".npy"):
                continue  # a temporary file another process is still writing
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            size = getattr(st, "st_blocks", 0) * 512 or st.st_size
            out.append((max(st.st_atime, st.st_mtime), size, path))
    return out


def prune_embeddings(limit: int | None = None, root: str | os.PathLike[str] | None = None) -> PruneReport:
    """Remove least recently used entries until the cache is under ``LOW_WATER`` of ``limit``."""
    limit = max_bytes() if limit is None else limit
    root = Path(root) if root is not None else embeddings_root()
    entries = _entries(root)
    total = sum(size for _, size, _ in entries)
    if total <= limit:
        return PruneReport(0, 0, total)
    removed = freed = 0
    for _, size, path in sorted(entries):
        if total - freed <= LOW_WATER * limit:
            break
        try:
            os.unlink(path)
        except OSError:
            continue  # already gone (another process pruned it) or not ours to remove
        removed += 1
        freed += size
    return PruneReport(removed, freed, total - freed)
