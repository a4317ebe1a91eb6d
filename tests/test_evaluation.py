"""Held-out evaluation (splits, honest predictions, consistent numbers) and the data warnings."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from fewshot_studio.core.classifier.data_checks import IMBALANCE_RATIO, MIN_IMAGES, check_counts, check_duplicates
from fewshot_studio.core.classifier.evaluation import HELDOUT_FRACTION, LOO_MAX, folds, heldout_logits, report
from fewshot_studio.core.features.embeddings import embed_paths
from fewshot_studio.core.methods import make_method

# --- the split -----------------------------------------------------------------------------------

LABELS = np.array([0] * 12 + [1] * 8 + [2] * 3 + [3] * 2 + [4] * 1 + [5] * 5)
N_CLASSES = 6


def test_split_is_deterministic():
    a, b = folds(LABELS, N_CLASSES, seed=0), folds(LABELS, N_CLASSES, seed=0)
    assert len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b))
    shuffled = folds(LABELS, N_CLASSES, seed=1)
    assert any(not np.array_equal(x, y) for x, y in zip(a, shuffled))


def test_split_is_stratified_with_leave_one_out_for_small_classes():
    fs = folds(LABELS, N_CLASSES)
    held_count = {c: 0 for c in range(N_CLASSES)}
    for f in fs:
        assert len(set(f)) == len(f)
        for c in range(N_CLASSES):
            held_count[c] += int((LABELS[f] == c).sum())
        # Every fold leaves every class something to learn from.
        support = np.setdiff1d(np.arange(len(LABELS)), f)
        assert set(LABELS[support]) == set(range(N_CLASSES))
    # Big classes: a quarter held out, once.
    for c, n in ((0, 12), (1, 8), (5, 5)):
        assert n > LOO_MAX
        assert held_count[c] == max(1, round(HELDOUT_FRACTION * n))
    # ≤ 3 images: each one held out exactly once (leave-one-out); a single image is never held out.
    assert held_count[2] == 3 and held_count[3] == 2 and held_count[4] == 0
    all_held = np.concatenate(fs)
    assert len(all_held) == len(set(all_held.tolist()))
    for c in (2, 3):
        assert set(np.flatnonzero(LABELS == c)) <= set(all_held.tolist())


class SpyModel:
    """Remembers which images it learned from; 'predicts' by nearest remembered feature."""

    fitted: list[set[int]] = []

    def __init__(self, feats, labels, *unlabelled):  # transductive fits also get the held-out features
        self.seen = {int(round(f[0])) for f in feats}
        SpyModel.fitted.append(self.seen)
        self.feats, self.labels = feats, labels

    def logits(self, feats):
        self.predicted = {int(round(f[0])) for f in feats}
        assert not (self.predicted & self.seen), "predicted an image it learned from"
        out = np.zeros((len(feats), N_CLASSES))
        out[np.arange(len(feats)), LABELS[[int(round(f[0])) for f in feats]]] = 1.0
        return out


def test_every_held_out_image_is_predicted_by_a_model_that_did_not_see_it():
    SpyModel.fitted = []
    feats = np.arange(len(LABELS), dtype=np.float32)[:, None]  # feature 0 = the image's index
    idx, logits = heldout_logits(feats, LABELS, N_CLASSES, SpyModel)
    assert len(SpyModel.fitted) == len(folds(LABELS, N_CLASSES))
    assert sorted(idx.tolist()) == sorted(np.concatenate(folds(LABELS, N_CLASSES)).tolist())
    assert logits.shape == (len(idx), N_CLASSES)
    for seen in SpyModel.fitted:
        assert int(np.flatnonzero(LABELS == 4)[0]) in seen  # the single-image class is always learned from


# --- real numbers ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def flowers(flowers_small, backbone):
    paths = [str(p) for ps in flowers_small.values() for p in ps]
    res = embed_paths(paths, backbone)
    labels = np.array([c for c, ps in enumerate(flowers_small.values()) for _ in ps])
    return list(flowers_small), paths, res.features, labels


def test_report_numbers_are_consistent(flowers):
    names, paths, feats, labels = flowers
    # Drop to 3 images for the last class so both kinds of split happen, and confuse two classes a bit.
    keep = np.concatenate([np.flatnonzero(labels < 3), np.flatnonzero(labels == 3)[:3]])
    f, y, p = feats[keep], labels[keep], [paths[i] for i in keep]
    idx, logits = heldout_logits(f, y, 4, lambda a, b, *_: make_method("prototypes").fit(a, b, 4))
    rep = report(names, p, y, idx, logits, temperature=1.0)

    assert rep.n_heldout == len(idx) == 3 * 2 + 3
    assert rep.confusion.sum() == rep.n_heldout
    assert rep.confusion.shape == (4, 4)
    np.testing.assert_array_equal(rep.confusion.sum(axis=1), np.bincount(y[idx], minlength=4))
    assert rep.accuracy == pytest.approx(np.trace(rep.confusion) / rep.n_heldout)
    assert rep.accuracy >= 0.8
    for c, name in enumerate(names):
        stats = rep.per_class[name]
        assert stats["n"] == rep.confusion[c].sum()
        assert stats["recall"] == pytest.approx(rep.confusion[c, c] / rep.confusion[c].sum())
        if rep.confusion[:, c].sum():
            assert stats["precision"] == pytest.approx(rep.confusion[c, c] / rep.confusion[:, c].sum())
    assert [r.path for r in rep.mistakes] == [r.path for r in rep.heldout if r.true != r.pred]
    assert len(rep.mistakes) == rep.n_heldout - np.trace(rep.confusion)
    for r in rep.heldout:
        assert r.path in p and abs(sum(r.probs) - 1) < 1e-5 and r.confidence == pytest.approx(max(r.probs))
    assert 0.0 <= rep.ece <= 1.0
    assert rep.as_dict()["confusion"] == rep.confusion.tolist()


def test_report_on_hand_made_predictions():
    names = ["cat", "dog", "fox"]
    labels = np.array([0, 0, 1, 1, 2])
    idx = np.array([0, 1, 2, 3, 4])
    logits = np.full((5, 3), -10.0)
    for row, pred in enumerate([0, 1, 1, 1, 0]):  # one cat called dog, the fox called cat
        logits[row, pred] = 10.0
    rep = report(names, [f"{i}.jpg" for i in range(5)], labels, idx, logits, 1.0)
    np.testing.assert_array_equal(rep.confusion, [[1, 1, 0], [0, 2, 0], [1, 0, 0]])
    assert rep.accuracy == pytest.approx(3 / 5)
    assert rep.per_class["cat"]["recall"] == pytest.approx(0.5)
    assert rep.per_class["cat"]["precision"] == pytest.approx(0.5)
    assert rep.per_class["dog"]["precision"] == pytest.approx(2 / 3)
    assert rep.per_class["fox"]["recall"] == 0.0 and np.isnan(rep.per_class["fox"]["precision"])
    assert [r.path for r in rep.mistakes] == ["1.jpg", "4.jpg"]


def test_single_image_class_is_listed_as_not_evaluated():
    labels = np.array([0, 0, 0, 0, 1])
    feats = np.eye(5, dtype=np.float32)
    idx, logits = heldout_logits(feats, labels, 2, lambda a, b, *_: make_method("prototypes").fit(a, b, 2))
    rep = report(["many", "one"], [str(i) for i in range(5)], labels, idx, logits, 1.0)
    assert rep.not_evaluated == ["one"]
    assert 4 not in idx.tolist()


# --- warnings -------------------------------------------------------------------------------------

def test_tiny_class_and_imbalance_warnings():
    kinds = [w.kind for w in check_counts(["a", "b"], [10, 10])]
    assert kinds == []
    warnings = check_counts(["a", "b", "c"], [40, MIN_IMAGES - 1, 10])
    assert [w.kind for w in warnings] == ["tiny-class", "imbalance"]
    assert "“b”" in warnings[0].message
    assert "“a”" in warnings[1].message and "“b”" in warnings[1].message
    assert [w.kind for w in check_counts(["a", "b"], [int(IMBALANCE_RATIO * 5) - 1, 5])] == []


@pytest.fixture
def dup_set(tmp_path, flowers_small):
    """Real photos in two classes: 3 distinct daisies-or-whatever in A, 3 others in B."""
    names = list(flowers_small)[:2]
    out = {}
    for name in names:
        out[name] = []
        for src in flowers_small[name][:3]:
            dst = tmp_path / name / src.name
            dst.parent.mkdir(exist_ok=True)
            shutil.copy(src, dst)
            out[name].append(str(dst))
    return names, out


def _flat(classes: dict[str, list[str]]):
    paths = [p for ps in classes.values() for p in ps]
    labels = [c for c, ps in enumerate(classes.values()) for _ in ps]
    return paths, labels


def test_distinct_real_photos_raise_no_duplicate_warning(dup_set):
    names, classes = dup_set
    paths, labels = _flat(classes)
    assert check_duplicates(paths, labels, names) == []


def test_exact_duplicate_across_classes(dup_set):
    names, classes = dup_set
    copy = Path(classes[names[1]][0]).parent / "copy_of_a.jpg"
    shutil.copy(classes[names[0]][0], copy)
    classes[names[1]].append(str(copy))
    paths, labels = _flat(classes)
    warnings = check_duplicates(paths, labels, names)
    assert [w.kind for w in warnings] == ["duplicate-across-classes"]
    assert set(warnings[0].paths) == {classes[names[0]][0], str(copy)}


def test_near_duplicate_across_classes(dup_set):
    names, classes = dup_set
    smaller = Path(classes[names[1]][0]).parent / "resized.png"
    with Image.open(classes[names[0]][1]) as im:
        im.convert("RGB").resize((im.width // 2, im.height // 2), Image.LANCZOS).save(smaller)
    classes[names[1]].append(str(smaller))
    paths, labels = _flat(classes)
    warnings = check_duplicates(paths, labels, names)
    assert [w.kind for w in warnings] == ["duplicate-across-classes"]
    assert set(warnings[0].paths) == {classes[names[0]][1], str(smaller)}


def test_duplicate_across_support_and_heldout(dup_set):
    names, classes = dup_set
    copy = Path(classes[names[0]][0]).parent / "again.jpg"
    shutil.copy(classes[names[0]][0], copy)
    classes[names[0]].append(str(copy))
    paths, labels = _flat(classes)
    i, j = paths.index(classes[names[0]][0]), paths.index(str(copy))
    # Same class, one learned from and one tested on: accuracy looks better than it is.
    warnings = check_duplicates(paths, labels, names, heldout={j})
    assert [w.kind for w in warnings] == ["duplicate-heldout"]
    assert set(warnings[0].paths) == {paths[i], paths[j]}
    # Both held out together, or both learned from: no leak.
    assert check_duplicates(paths, labels, names, heldout={i, j}) == []
    assert check_duplicates(paths, labels, names) == []
    # Leave-one-out folds: held out in different folds, each is learned from while the other is tested.
    assert [w.kind for w in check_duplicates(paths, labels, names, heldout={i: 0, j: 1})] == ["duplicate-heldout"]
    assert check_duplicates(paths, labels, names, heldout={i: 1, j: 1}) == []


def test_unreadable_files_do_not_break_duplicate_checks(dup_set, tmp_path):
    names, classes = dup_set
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"")
    classes[names[0]].append(str(bad))
    classes[names[1]].append(str(tmp_path / "missing.jpg"))
    paths, labels = _flat(classes)
    assert check_duplicates(paths, labels, names) == []


def test_the_numpy_perceptual_hash_is_imagehash_bit_for_bit(shared_data):
    """Duplicate detection uses a NumPy pHash instead of ImageHash (+ SciPy, PyWavelets: ~145 MB);
    benchmarks/perceptual_hash.py compares all 7,800 shared images. Here a sample, where ImageHash
    is installed to compare with."""
    from PIL import ImageOps

    from fewshot_studio.core.imaging.images import load_image
    from fewshot_studio.core.imaging.perceptual_hash import phash

    photos = sorted((shared_data / "flowers12").rglob("*.jpg"))[::40]
    photos += sorted((shared_data / "omniglot_small").rglob("*.png"))[::400]
    images = [load_image(p) for p in photos]
    ours = [phash(im) for im in images]
    assert all(0 <= h < 2**64 for h in ours) and len(set(ours)) == len(ours)
    mirrored = ImageOps.mirror(images[0])
    assert bin(phash(images[0]) ^ phash(mirrored)).count("1") > 4  # not blind to a mirror image
    imagehash = pytest.importorskip("imagehash")
    assert ours == [int(str(imagehash.phash(im)), 16) for im in images]
