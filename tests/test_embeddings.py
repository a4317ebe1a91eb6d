"""Images → features through the on-disk cache: bad files listed, cache trusted only when valid."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from fewshot_studio.core.features.backbone import preprocess
from fewshot_studio.core.features.embedding_cache import EmbeddingCache, content_hash
from fewshot_studio.core.features.embeddings import cache_for, embed_paths
from fewshot_studio.core.imaging.images import load_image
from fewshot_studio.core.util.progress import Cancelled, CancelToken

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def photos(tmp_path_factory, flowers_small) -> list[Path]:
    """Copies of three real photos of different species (copies, so tests may rename them)."""
    folder = tmp_path_factory.mktemp("photos")
    out = []
    for name in list(flowers_small)[:3]:
        src = flowers_small[name][0]
        dst = folder / f"{name}_{src.name}"
        shutil.copy(src, dst)
        out.append(dst)
    return out


@pytest.fixture(scope="module")
def warm(photos, backbone):
    """The photos embedded once into the run's shared cache (later test modules reuse the entries)."""
    res = embed_paths(photos, backbone)
    assert res.index == [0, 1, 2]
    return res


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("FEWSHOT_CACHE_DIR", str(root))
    return root


def _entries(root: Path) -> list[Path]:
    return sorted((root / "embeddings").rglob("*.npy"))


def test_pipeline_features_equal_direct_computation(photos, warm, backbone):
    direct = backbone.embed_arrays(np.stack([preprocess(load_image(p), backbone.spec) for p in photos]))
    np.testing.assert_allclose(warm.features, direct, atol=1e-4, rtol=0)


def test_bad_files_are_skipped_listed_and_order_kept(tmp_path, photos, warm, backbone):
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    text = tmp_path / "text.png"
    text.write_text("not an image")
    truncated = tmp_path / "cut.jpg"
    truncated.write_bytes(photos[0].read_bytes()[:500])
    missing = tmp_path / "missing.jpg"
    folder = tmp_path / "folder.jpg"
    folder.mkdir()
    paths = [empty, photos[2], missing, photos[0], text, truncated, folder, photos[1]]

    res = embed_paths(paths, backbone)
    assert res.index == [1, 3, 7]
    assert res.features.shape == (3, backbone.embedding_dim)
    np.testing.assert_array_equal(res.features, warm.features[[2, 0, 1]])
    assert [s.path for s in res.skipped] == [str(p) for p in (empty, missing, text, truncated, folder)]
    reasons = {Path(s.path).name: s.reason for s in res.skipped}
    assert "empty" in reasons["empty.jpg"]
    assert "does not exist" in reasons["missing.jpg"]
    assert "not an image" in reasons["text.png"]
    assert "truncated" in reasons["cut.jpg"] or "damaged" in reasons["cut.jpg"]
    assert "folder" in reasons["folder.jpg"]
    by_path = res.by_path([str(p) for p in paths])
    assert list(by_path) == [str(photos[2]), str(photos[0]), str(photos[1])]
    np.testing.assert_array_equal(by_path[str(photos[1])], warm.features[1])


def test_second_pass_is_served_from_cache_and_identical(photos, warm, backbone):
    again = embed_paths(photos, backbone)
    assert again.cache_hits == len(photos)
    np.testing.assert_array_equal(again.features, warm.features)
    # TTA features live in another cache: nothing is mixed up.
    assert cache_for(backbone, True).folder != cache_for(backbone, False).folder


def test_corrupt_cache_entries_are_recomputed_never_trusted(photos, warm, backbone, fresh_cache):
    cache = cache_for(backbone, False)
    assert cache.root == fresh_cache / "embeddings"
    keys = [content_hash(p) for p in photos]
    entries = [cache._entry(k) for k in keys]
    # Start from valid entries (as a first pass leaves them), then damage every one.
    for key, vec in zip(keys, warm.features):
        cache.put(key, vec)
    assert embed_paths(photos, backbone).cache_hits == 3
    entries[0].write_bytes(b"garbage, not a numpy file")
    np.save(entries[1], np.full(backbone.embedding_dim, np.nan, np.float32))  # readable but poisoned
    np.save(entries[2], np.ones(7, np.float32))  # the wrong size

    seen = []
    res = embed_paths(photos, backbone, progress=seen.append, batch_size=2)
    assert res.cache_hits == 0
    np.testing.assert_allclose(res.features, warm.features, atol=1e-4, rtol=0)
    for e in entries:  # rewritten with good vectors
        vec = np.load(e)
        assert vec.shape == (backbone.embedding_dim,) and np.isfinite(vec).all()
    assert embed_paths(photos, backbone).cache_hits == len(photos)
    # Progress: starts at 0, never goes back, ends at the total.
    assert seen[0].done == 0 and all(p.total == len(photos) for p in seen)
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    assert seen[-1].done == len(photos)


def test_progress_counts_skipped_files(tmp_path, photos, warm, backbone):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"")
    seen = []
    embed_paths([bad, *photos, tmp_path / "gone.png"], backbone, progress=seen.append)
    assert seen[-1].done == seen[-1].total == len(photos) + 2


def test_cache_get_rejects_bad_entries_directly(tmp_path):
    cache = EmbeddingCache("unit", dim=4, root=tmp_path)
    assert cache.get("ab" * 20) is None
    cache.put("ab" * 20, np.arange(4, dtype=np.float64))
    np.testing.assert_array_equal(cache.get("ab" * 20), np.arange(4, dtype=np.float32))
    bad = cache._entry("cd" * 20)
    bad.parent.mkdir(parents=True)
    np.save(bad, np.arange(4, dtype=np.float64))  # wrong dtype
    assert cache.get("cd" * 20) is None
    assert not bad.exists()  # dropped, so it is recomputed next time
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]  # atomic writes clean up


def test_renamed_file_with_same_content_hits_the_cache(tmp_path, photos, warm, backbone):
    moved = tmp_path / "sorted" / "renamed.jpeg"
    moved.parent.mkdir()
    shutil.copy(photos[0], moved)
    again = embed_paths([moved], backbone)
    assert again.cache_hits == 1
    np.testing.assert_array_equal(again.features[0], warm.features[0])
    # Editing the photo's content makes it a new entry.
    edited = tmp_path / "edited.png"
    load_image(moved).rotate(90, expand=True).save(edited)
    assert embed_paths([edited], backbone).cache_hits == 0


_WORKER = """
import json, sys
from fewshot_studio.core.features.loading import load_backbone
from fewshot_studio.core.features.embeddings import embed_paths
res = embed_paths(sys.argv[1:], load_backbone("efficientnet-lite0", "cpu"), batch_size=1)
print(json.dumps({"index": res.index, "sums": [float(v.sum()) for v in res.features]}))
"""


def test_two_processes_embedding_the_same_files_both_succeed(photos, warm, backbone, fresh_cache):
    photos, reference = photos[:2], warm.features[:2]
    env = dict(os.environ, FEWSHOT_CACHE_DIR=str(fresh_cache), FEWSHOT_DEVICE="cpu", OMP_NUM_THREADS="1")
    args = [sys.executable, "-c", _WORKER, *map(str, photos)]
    procs = [subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=240) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        got = json.loads(out.strip().splitlines()[-1])
        assert got["index"] == [0, 1]
        np.testing.assert_allclose(got["sums"], reference.sum(axis=1), rtol=1e-4, atol=1e-3)
    entries = _entries(fresh_cache)
    assert len(entries) == len(photos)
    assert not [p for p in (fresh_cache / "embeddings").rglob("*") if p.name.endswith(".tmp")]
    for e in entries:
        vec = np.load(e)
        assert vec.shape == (backbone.embedding_dim,) and vec.dtype == np.float32 and np.isfinite(vec).all()
    res = embed_paths(photos, backbone)
    assert res.cache_hits == len(photos)
    np.testing.assert_allclose(res.features, reference, atol=1e-4, rtol=0)


def test_cancel_raises_cancelled(photos, backbone, fresh_cache):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        embed_paths(photos, backbone, cancel=token)

    # Cancelled between batches: stops before the remaining images are embedded.
    token = CancelToken()
    seen = []

    def progress(p):
        seen.append(p)
        if p.done >= 1:
            token.cancel()

    with pytest.raises(Cancelled):
        embed_paths(photos, backbone, progress=progress, cancel=token, batch_size=1)
    assert seen[-1].done < len(photos)
    assert len(_entries(fresh_cache)) < len(photos)
