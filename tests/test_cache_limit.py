"""The embedding cache stays under its size limit, least recently used entries first."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from fewshot_studio.core.features.cache_limit import LOW_WATER, max_bytes, prune_embeddings
from fewshot_studio.core.features.embedding_cache import EmbeddingCache

DAY = 86_400.0


def _filled(root: Path, n: int, namespace: str = "lite0") -> tuple[EmbeddingCache, list[str]]:
    """``n`` entries, entry i last used i days after the first (so key 0 is the oldest)."""
    cache = EmbeddingCache(namespace, 1280, root=root)
    keys = [f"{i:02x}{'ab' * 19}" for i in range(n)]
    for i, key in enumerate(keys):
        cache.put(key, np.full(1280, i, np.float32))
        os.utime(cache._entry(key), (1e9 + i * DAY, 1e9 + i * DAY))
    return cache, keys


def _size(root: Path) -> int:
    return sum(getattr(p.stat(), "st_blocks", 0) * 512 or p.stat().st_size for p in root.rglob("*.npy"))


def test_over_the_limit_the_least_recently_used_go_first(tmp_path):
    cache, keys = _filled(tmp_path, 20)
    total = _size(tmp_path)
    limit = total // 2
    report = prune_embeddings(limit, root=tmp_path)
    kept = [k for k in keys if cache.get(k) is not None]
    assert report.removed == len(keys) - len(kept) > 0
    assert kept == keys[report.removed:]  # the oldest went, the newest stayed, and still load
    assert report.kept_bytes == _size(tmp_path) <= LOW_WATER * limit
    assert report.freed_bytes == total - report.kept_bytes
    np.testing.assert_array_equal(cache.get(keys[-1]), np.full(1280, len(keys) - 1, np.float32))


def test_a_recent_read_counts_as_use(tmp_path):
    cache, keys = _filled(tmp_path, 10)
    os.utime(cache._entry(keys[0]), (1e9 + 30 * DAY, 1e9))  # read (atime) long after it was written
    prune_embeddings(_size(tmp_path) // 2, root=tmp_path)
    assert cache.get(keys[0]) is not None and cache.get(keys[1]) is None


def test_under_the_limit_nothing_is_removed(tmp_path):
    cache, keys = _filled(tmp_path, 5)
    report = prune_embeddings(_size(tmp_path), root=tmp_path)
    assert report.removed == 0 and all(cache.get(k) is not None for k in keys)


def test_only_cache_entries_are_removed_across_namespaces(tmp_path):
    a, _ = _filled(tmp_path, 6, "lite0")
    _filled(tmp_path, 6, "lite0-onnx")
    in_flight = a.folder / "00" / ".entry.npy.1234.tmp"
    in_flight.write_bytes(b"being written")
    prune_embeddings(0, root=tmp_path)
    assert not list(tmp_path.rglob("*.npy")) and in_flight.read_bytes() == b"being written"


def test_limit_from_the_environment(monkeypatch):
    monkeypatch.setenv("FEWSHOT_CACHE_MAX_MB", "0.5")
    assert max_bytes() == 2**19
    monkeypatch.setenv("FEWSHOT_CACHE_MAX_MB", "lots")
    assert max_bytes() == 2048 * 2**20
    monkeypatch.delenv("FEWSHOT_CACHE_MAX_MB")
    assert max_bytes() == 2048 * 2**20
