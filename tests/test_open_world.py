"""Open-world trust on real photos: "None of these", pool robustness, the file, ONNX, labelling, the interval."""
from __future__ import annotations

import csv
import dataclasses
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from classifier_helpers import CLASSES, train_small, tree, unseen_photos

from fewshot_studio.cli.main import main
from fewshot_studio.core.classifier.file_format import load_classifier, load_trained_classifier, save_classifier
from fewshot_studio.core.classifier.training import train_classifier
from fewshot_studio.core.features.embeddings import embed_paths
from fewshot_studio.core.labelling.folder_run import LabelOptions, label_folder
from fewshot_studio.core.methods import FitContext, make_method
from fewshot_studio.core.methods.familiarity import DEFAULT_UNKNOWN_THRESHOLD, Familiarity, familiar_pool


def _other_domains(shared_data: Path, n: int) -> list[Path]:
    """Photos of things no flower classifier was taught: garments and handwritten characters."""
    fashion = sorted((shared_data / "fashion_mnist_100").rglob("*.png"))
    omniglot = sorted((shared_data / "omniglot_small").rglob("*.png"))
    return fashion[:: len(fashion) // (n // 2)][: n // 2] + omniglot[:: len(omniglot) // (n - n // 2)][: n - n // 2]


def _other_flowers(shared_data: Path, per_class: int = 4) -> list[Path]:
    """Flowers of species the classifier was not taught ("near" unknowns)."""
    others = sorted(d for d in (shared_data / "flowers12").iterdir() if d.is_dir() and d.name not in CLASSES)
    return [p for d in others[:3] for p in sorted(d.glob("*.jpg"))[:per_class]]


@pytest.fixture(scope="module")
def trained(shared_data):
    return train_small(shared_data)


@pytest.fixture(scope="module")
def model_file(trained, tmp_path_factory):
    return save_classifier(trained.classifier, tmp_path_factory.mktemp("model") / "flowers.fewshot")


def test_unknown_photos_come_back_as_none_of_these_and_known_photos_are_kept(trained, shared_data):
    clf = trained.classifier
    known = [str(p) for p in unseen_photos(shared_data, per_class=8)]
    far = [str(p) for p in _other_domains(shared_data, 20)]
    pred, emb = clf.predict_paths(known + far)
    assert len(emb.index) == len(known) + len(far)
    k, f = slice(0, len(known)), slice(len(known), None)
    assert pred.unknown[f].all(), pred.known_score[f]  # every garment and character: "None of these"
    assert pred.unknown[k].mean() <= 0.15, pred.known_score[k]  # the flowers it was taught stay
    assert pred.known_score[k].mean() > 5 * pred.known_score[f].mean()
    assert {"unknown", "labelled"} <= set(pred.status)
    # Confidence alone would have kept most of them: that is what the score is for.
    assert (pred.confidence[f] >= clf.threshold).mean() > 0.3


def test_the_familiarity_score_is_calibrated_on_the_labelled_photos(fashion_small, backbone):
    """Leave-one-out calibration: photos of the taught classes fall below the default threshold
    about as often as it says (a few per cent), in another domain than flowers."""
    paths = [str(p) for ps in fashion_small.values() for p in ps]
    labels = np.array([c for c, ps in enumerate(fashion_small.values()) for _ in ps])
    feats = embed_paths(paths, backbone).features
    train = np.arange(len(paths)) % 2 == 0
    fam = Familiarity.fit(feats[train], labels[train], backbone.parts[0])
    held = fam.score(feats[~train])
    assert 0.0 <= held.min() and held.max() <= 1.0
    assert (held < DEFAULT_UNKNOWN_THRESHOLD).mean() <= 0.15
    # A rebuilt score (as from a file) gives the very same numbers.
    again = Familiarity.from_state(json.loads(json.dumps(fam.config())), fam.state())
    np.testing.assert_array_equal(again.score(feats[~train]), held)


def test_transduction_ignores_unknown_photos_in_the_pool(shared_data):
    """With unknown photos in the test pool the taught photos are classified as without them,
    and the unknown ones are not pulled into a class."""
    examples = {c: [str(p) for p in sorted((shared_data / "flowers12" / c).glob("*.jpg"))[:5]] for c in CLASSES}
    known = [str(p) for p in unseen_photos(shared_data, per_class=6, start=10)]
    unknown = [str(p) for p in _other_flowers(shared_data, 5) + _other_domains(shared_data, 16)]
    alone = train_classifier(examples, test_paths=known, device="cpu", check_duplicates_too=False)
    mixed = train_classifier(examples, test_paths=known + unknown, device="cpu", check_duplicates_too=False)
    truth = [CLASSES.index(Path(p).parent.name) for p in known]
    acc = lambda r: np.mean([t.pred == y for t, y in zip(r.test_predictions[: len(known)], truth)])  # noqa: E731
    assert [t.path for t in mixed.test_predictions[: len(known)]] == known
    assert acc(mixed) >= acc(alone) - 1 / len(known)  # at most one photo differs
    far = mixed.test_predictions[len(known) + 15 :]
    assert all(t.unknown for t in far)
    # known_score comes from the labelled photos alone: the pool cannot move it.
    np.testing.assert_allclose([t.known_score for t in alone.test_predictions],
                               [t.known_score for t in mixed.test_predictions[: len(known)]], atol=1e-5)


def test_soft_kmeans_prototypes_are_not_dragged_by_far_photos(flowers_small, fashion_small, backbone):
    f = embed_paths([str(p) for ps in flowers_small.values() for p in ps], backbone).features
    y = np.repeat(np.arange(len(flowers_small)), 8)
    far = embed_paths([str(p) for ps in fashion_small.values() for p in ps], backbone).features
    support = np.arange(len(y)) % 8 == 0  # one shot each: where soft k-means is used
    kept = familiar_pool(f[support], y[support], far, backbone.parts)
    assert len(kept) <= 1
    clean = make_method("transductive").fit(f[support], y[support], 4, FitContext(unlabelled=f[~support], parts=backbone.parts))
    mixed = make_method("transductive").fit(f[support], y[support], 4,
                                            FitContext(unlabelled=np.concatenate([f[~support], far]), parts=backbone.parts))
    np.testing.assert_allclose(mixed.logits(f[~support]), clean.logits(f[~support]), atol=0.05 if len(kept) else 1e-6)


def test_the_classifier_file_keeps_the_score(trained, model_file, shared_data):
    clf = trained.classifier
    photos = [str(p) for p in unseen_photos(shared_data, 2)] + [str(p) for p in _other_domains(shared_data, 4)]
    loaded = load_classifier(model_file)
    assert loaded.has_known_score and loaded.unknown_threshold == clf.unknown_threshold
    res = loaded.predict(photos)
    ref, _ = clf.predict_paths(photos)
    np.testing.assert_array_equal(res.known_score, ref.known_score)
    np.testing.assert_array_equal(res.unknown, ref.unknown)
    assert res.status == ref.status and res.unknown[-4:].all()
    # In-memory images take the same path to the same score.
    from PIL import Image

    images = loaded.predict([Image.open(p) for p in photos])
    np.testing.assert_allclose(images.known_score, ref.known_score, atol=1e-5)


def test_a_file_from_before_the_score_loads_and_predicts_as_before(trained, tmp_path, shared_data):
    old = dataclasses.replace(trained.classifier, familiarity=None)
    path = save_classifier(old, tmp_path / "old.fewshot")
    import zipfile

    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert "familiarity" not in manifest and "unknown_threshold" not in manifest
    loaded = load_classifier(path)
    photos = [str(p) for p in _other_domains(shared_data, 4)]
    res = loaded.predict(photos)
    assert not loaded.has_known_score and np.isnan(res.known_score).all() and not res.unknown.any()
    np.testing.assert_array_equal(res.probs, trained.classifier.predict_paths(photos)[0].probs)


def test_onnx_export_has_a_known_score_output_that_matches(model_file, tmp_path, shared_data):
    import onnxruntime as ort

    from fewshot_studio.core.classifier.onnx_export import KNOWN_OUTPUT, OUTPUT, export_onnx
    from fewshot_studio.core.features.backbone import crop_uint8
    from fewshot_studio.core.imaging.images import load_image

    clf, _ = load_trained_classifier(model_file)
    photos = [str(p) for p in unseen_photos(shared_data, 2)] + [str(p) for p in _other_domains(shared_data, 6)]
    report = export_onnx(clf, tmp_path / "f.onnx", check_images=photos)
    assert report.parity.passed and report.parity.known_score_max_diff < 1e-4
    session = ort.InferenceSession(str(report.path), providers=["CPUExecutionProvider"])
    assert [o.name for o in session.get_outputs()] == [OUTPUT, KNOWN_OUTPUT]
    meta = session.get_modelmeta().custom_metadata_map
    assert float(meta["unknown_threshold"]) == clf.unknown_threshold
    batch = np.stack([crop_uint8(load_image(p), clf.backbone().spec) for p in photos])
    _, known = session.run(None, {"image": batch})
    ref, _ = clf.predict_paths(photos)
    np.testing.assert_allclose(known, ref.known_score, atol=1e-4)
    assert (known < clf.unknown_threshold)[-6:].all()


def test_labelling_puts_photos_of_no_class_in_unknown_and_says_so_in_the_csv(model_file, tmp_path, shared_data):
    clf, _ = load_trained_classifier(model_file)
    folder = tmp_path / "mixed"
    folder.mkdir()
    for p in unseen_photos(shared_data, 3):
        shutil.copyfile(p, folder / f"{p.parent.name}_{p.name}")
    for i, p in enumerate(_other_domains(shared_data, 6)):
        shutil.copyfile(p, folder / f"other_{i}.png")
    before = tree(folder)
    out = tmp_path / "out"
    summary = label_folder(clf, folder, LabelOptions(out_dir=out, mode="copy"))
    assert tree(folder) == before  # copy mode: the user's photos are untouched
    with open(out / "labels.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert "known_score" in rows[0]
    by_name = {Path(r["path"]).name: r for r in rows}
    for i in range(6):
        row = by_name[f"other_{i}.png"]
        assert row["status"] == "unknown" and float(row["known_score"]) < clf.unknown_threshold
        assert row["destination"].startswith("_unknown/")
        assert (out / row["destination"]).is_file()
    flowers = [r for name, r in by_name.items() if not name.startswith("other_")]
    assert sum(r["status"] == "labelled" for r in flowers) >= 7
    assert summary.counts["_unknown"] == 6
    # The threshold is the user's to set: 0 turns "None of these" off.
    off = label_folder(clf, folder, LabelOptions(out_dir=tmp_path / "off", unknown_threshold=0.0))
    assert "_unknown" not in off.counts


def test_cli_label_has_an_unknown_threshold(model_file, tmp_path, shared_data, capsys):
    folder = tmp_path / "p"
    folder.mkdir()
    for i, p in enumerate(_other_domains(shared_data, 2)):
        shutil.copyfile(p, folder / f"o{i}.png")
    assert main(["label", str(model_file), str(folder), "--out", str(tmp_path / "o"), "--mode", "move",
                 "--unknown-threshold", "0.5"]) == 0
    assert "none of these" in capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "o" / "_unknown").iterdir()) == ["o0.png", "o1.png"]


def test_accuracy_comes_with_its_interval(trained):
    m = trained.classifier.metrics
    lo, hi = m["accuracy_ci95"]
    assert m["n_heldout"] == 18 and 0 <= lo <= m["accuracy"] <= hi <= 1  # all 3 x 6 photos, cross-validated
    assert m["n_correct"] == round(m["accuracy"] * 18)
    assert trained.evaluation.sentence().startswith(f"{m['n_correct']} of 18 right — ")
    assert "Only 18 photos" in trained.evaluation.sentence()


def test_open_set_bench_reports_both_ways_with_the_baseline(shared_data, tmp_path, capsys):
    out = tmp_path / "open.json"
    assert main(["bench", str(shared_data / "flowers12"), "--open-set", "--far", str(shared_data / "fashion_mnist_100"),
                 "--episodes", "3", "--queries", "4", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "AUROC near" in text and "applied" in text and "pool" in text
    records = json.loads(out.read_text())
    assert {r["regime"] for r in records} == {"applied", "pool"}
    for r in records:
        assert 50 <= r["auroc_far"] <= 100 and 0 <= r["rejected_far"] <= 100 and r["episodes"] == 3
        assert r["baseline_auroc_far"] is not None
    assert records[1]["accuracy_without_unknowns"] is not None
