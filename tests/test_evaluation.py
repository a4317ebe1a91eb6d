"""Cross-validated evaluation (folds, honest predictions, the interval) and the data warnings."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from fewshot_studio.core.classifier.data_checks import IMBALANCE_RATIO, MIN_IMAGES, check_counts, check_duplicates
from fewshot_studio.core.classifier.evaluation import (
    K_FOLDS,
    accuracy_sentence,
    folds,
    heldout_logits,
    report,
    wilson_interval,
)
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


def test_cross_validation_holds_out_every_photo_once():
    fs = folds(LABELS, N_CLASSES)
    assert len(fs) == K_FOLDS
    held_count = {c: 0 for c in range(N_CLASSES)}
    for f in fs:
        assert len(set(f)) == len(f)
        for c in range(N_CLASSES):
            held = int((LABELS[f] == c).sum())
            held_count[c] += held
            n = int((LABELS == c).sum())
            # A class of K_FOLDS or fewer photos loses one at a time (leave-one-out); a bigger one
            # loses its share, and keeps the rest to learn from.
            assert held <= max(1, -(-n // K_FOLDS))
        # Every fold leaves every class something to learn from.
        support = np.setdiff1d(np.arange(len(LABELS)), f)
        assert set(LABELS[support]) == set(range(N_CLASSES))
    # Each photo with a classmate is held out exactly once; a single photo never is.
    counts = np.bincount(LABELS)
    assert held_count == {c: (int(n) if n > 1 else 0) for c, n in enumerate(counts)}
    all_held = np.concatenate(fs)
    assert len(all_held) == len(set(all_held.tolist())) == len(LABELS) - 1
    # The folds are even: no fold holds more than one photo above another.
    sizes = [len(f) for f in fs]
    assert max(sizes) - min(sizes) <= 1


def test_wilson_interval_is_honest_at_the_edges():
    lo, hi = wilson_interval(17, 20)
    assert lo == pytest.approx(0.640, abs=0.002) and hi == pytest.approx(0.948, abs=0.002)
    assert wilson_interval(5, 5)[1] == 1.0 and wilson_interval(5, 5)[0] == pytest.approx(0.566, abs=0.002)
    assert wilson_interval(0, 4)[0] == 0.0
    assert all(np.isnan(wilson_interval(0, 0)))
    assert accuracy_sentence(17, 20) == "17 of 20 right — 85 % (likely 64–95 %)"
    assert "Only" not in accuracy_sentence(50, 60) and "Only 4 photos" in accuracy_sentence(3, 4)


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
    # Drop to 3 images for the last class so a small class is left out one photo at a time.
    keep = np.concatenate([np.flatnonzero(labels < 3), np.flatnonzero(labels == 3)[:3]])
    f, y, p = feats[keep], labels[keep], [paths[i] for i in keep]
    idx, logits = heldout_logits(f, y, 4, lambda a, b, *_: make_method("prototypes").fit(a, b, 4))
    rep = report(names, p, y, idx, logits, temperature=1.0)

    assert rep.n_heldout == len(idx) == len(y)  # every photo, each predicted by a model without it
    assert rep.confusion.sum() == rep.n_heldout
    lo, hi = rep.accuracy_ci95
    assert lo <= rep.accuracy <= hi and (lo, hi) == wilson_interval(rep.n_correct, rep.n_heldout)
    assert rep.as_dict()["accuracy_ci95"] == [lo, hi]
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
