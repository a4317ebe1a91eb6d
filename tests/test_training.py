"""train_classifier end to end on real photos: accuracy, bad files, test pool, warnings, cancel."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from fewshot_studio.core.classifier.training import NotEnoughData, train_classifier
from fewshot_studio.core.util.progress import Cancelled, CancelToken


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    empty = folder / "empty.jpg"
    empty.write_bytes(b"")
    text = folder / "readme.png"
    text.write_text("not a picture")
    return [str(empty), str(text)]


@pytest.fixture(scope="module")
def test_pool(flowers_small, shared_data) -> tuple[list[str], list[int]]:
    """Two more photos of each class that training never sees."""
    paths, truth = [], []
    for c, name in enumerate(flowers_small):
        for p in sorted((shared_data / "flowers12" / name).glob("*.jpg"))[8:10]:
            paths.append(str(p))
            truth.append(c)
    return paths, truth


@pytest.fixture(scope="module")
def trained(flowers_small, bad_files, test_pool):
    examples = {name: [str(p) for p in paths] for name, paths in flowers_small.items()}
    first = next(iter(examples))
    examples[first] = examples[first] + [bad_files[0]]
    stages = []
    result = train_classifier(examples, test_paths=test_pool[0] + [bad_files[1]], device="cpu",
                              progress=lambda p: stages.append(p))
    return result, stages


def test_accuracy_on_held_out_photos(trained, flowers_small):
    result, _ = trained
    ev = result.evaluation
    assert ev.class_names == list(flowers_small)
    assert ev.n_heldout == 4 * 8  # cross-validation: every labelled photo, by a model that never saw it
    assert ev.accuracy >= 0.8
    assert result.classifier.metrics["accuracy"] == ev.accuracy
    assert result.classifier.class_names == list(flowers_small)
    # auto is resolved once on all images (8 per class and a test pool -> self-trained logistic
    # regression), so the held-out numbers and the calibration belong to the very method that ships
    assert result.classifier.method.name == "self-training"
    assert result.classifier.backbone_name == "efficientnet-lite0"
    assert result.classifier.backbone_id.startswith("efficientnet-lite0@")
    assert result.classifier.temperature > 0
    assert result.device_name.startswith("CPU")


def test_bad_files_are_reported_not_fatal(trained, bad_files):
    result, _ = trained
    assert sorted(s.path for s in result.skipped) == sorted(bad_files)
    assert all(s.reason for s in result.skipped)
    assert all(r.path not in bad_files for r in result.evaluation.heldout)


def test_test_pool_predictions(trained, test_pool):
    result, _ = trained
    paths, truth = test_pool
    preds = result.test_predictions
    assert [p.path for p in preds] == paths  # the unreadable one is skipped, order kept
    assert sum(p.pred == t for p, t in zip(preds, truth)) >= 6
    for p in preds:
        assert abs(sum(p.probs) - 1) < 1e-5
        assert p.confidence == pytest.approx(max(p.probs))
        assert p.unsure == (p.confidence < result.classifier.threshold)


def test_classifier_predicts_paths_like_training_did(trained, test_pool):
    result, _ = trained
    paths = test_pool[0][:3]
    preds, emb = result.classifier.predict_paths(paths)
    assert emb.index == [0, 1, 2] and emb.cache_hits == 3
    np.testing.assert_allclose(preds.probs, [p.probs for p in result.test_predictions[:3]], atol=1e-6)
    assert preds.top.tolist() == [p.pred for p in result.test_predictions[:3]]


def test_progress_is_reported(trained):
    _, stages = trained
    names = [p.stage for p in stages]
    assert "Embedding images" in names and "Evaluating on held-out images" in names
    embedding = [p for p in stages if p.stage == "Embedding images"]
    assert embedding[-1].done == embedding[-1].total


def test_not_enough_data(flowers_small, bad_files):
    name, paths = next(iter(flowers_small.items()))
    with pytest.raises(NotEnoughData):
        train_classifier({name: [str(p) for p in paths]})
    with pytest.raises(NotEnoughData):
        train_classifier({name: [str(p) for p in paths], "empty bucket": []})
    with pytest.raises(NotEnoughData, match="unreadable bucket"):
        train_classifier({name: [str(p) for p in paths[:3]], "unreadable bucket": bad_files})


def test_duplicate_inside_a_leave_one_out_class_is_flagged(tmp_path, flowers_small):
    """With ≤ 3 images a class is evaluated leave-one-out: a copy of a photo is then learned from
    while the photo itself is tested, which must be reported."""
    names = list(flowers_small)[:2]
    a = [str(p) for p in flowers_small[names[0]][:2]]
    copy = tmp_path / "copy.jpg"
    shutil.copy(a[0], copy)
    examples = {names[0]: a + [str(copy)], names[1]: [str(p) for p in flowers_small[names[1]][:3]]}
    result = train_classifier(examples, method="prototypes")
    kinds = [w.kind for w in result.warnings]
    assert "duplicate-heldout" in kinds
    dup = next(w for w in result.warnings if w.kind == "duplicate-heldout")
    assert set(dup.paths) == {a[0], str(copy)}


def test_tiny_class_warning(flowers_small):
    names = list(flowers_small)[:2]
    examples = {names[0]: [str(p) for p in flowers_small[names[0]][:7]], names[1]: [str(p) for p in flowers_small[names[1]][:2]]}
    result = train_classifier(examples, check_duplicates_too=False)
    assert [w.kind for w in result.warnings] == ["tiny-class"]
    assert names[1] in result.warnings[0].message


def test_transductive_training_uses_the_test_pool(flowers_small, test_pool):
    examples = {name: [str(p) for p in paths] for name, paths in flowers_small.items()}
    result = train_classifier(examples, method="transductive", test_paths=test_pool[0], check_duplicates_too=False)
    assert result.evaluation.accuracy >= 0.8
    assert result.classifier.method.name == "transductive"
    assert len(result.test_predictions) == len(test_pool[0])


def test_cancel(flowers_small):
    examples = {name: [str(p) for p in paths] for name, paths in flowers_small.items()}
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        train_classifier(examples, cancel=token)

    # Cancelled once embedding is done: stops before evaluating.
    token = CancelToken()
    stages = []

    def progress(p):
        stages.append(p.stage)
        if p.stage == "Embedding images" and p.done == p.total:
            token.cancel()

    with pytest.raises(Cancelled):
        train_classifier(examples, progress=progress, cancel=token)
    assert "Evaluating on held-out images" not in stages


def test_finetune_training_uses_and_keeps_the_tuned_backbone(flowers_small, test_pool, monkeypatch, tmp_path):
    from fewshot_studio.core.features.loading import load_backbone
    from fewshot_studio.core.tuning import finetune as ft

    monkeypatch.setattr(ft, "CHECKPOINTS", (0, 2, 4))  # the schedule search, shortened for CI
    names = list(flowers_small)[:2]
    examples = {n: [str(p) for p in flowers_small[n][:3]] for n in names}
    pool = [p for p, t in zip(*test_pool) if t < 2][:2]
    result = train_classifier(examples, finetune=True, test_paths=pool, check_duplicates_too=False)
    clf = result.classifier
    assert result.finetune is not None and result.finetune["steps"] in (0, 2, 4)
    assert clf.backbone_state is not None
    stock = load_backbone("efficientnet-lite0", "cpu")
    assert clf.backbone_id != stock.id and clf.backbone_id.startswith("efficientnet-lite0@")
    preds, emb = clf.predict_paths(pool)
    assert emb.cache_hits == 0  # tuned features never come from the stock backbone's cache
    np.testing.assert_allclose(preds.probs, [p.probs for p in result.test_predictions], atol=1e-5)
    _a_saved_tuned_classifier_predicts_without_torch_once_exported(clf, pool, tmp_path)


def _a_saved_tuned_classifier_predicts_without_torch_once_exported(clf, photos, tmp_path) -> None:
    """The file's tuned weights were checked against the network and exported when first used
    (above); another process predicting with the file finds that graph and needs no torch."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    from fewshot_studio.core.classifier.file_format import save_classifier
    from fewshot_studio.core.features.onnx_runner import graph_file

    path = save_classifier(clf, tmp_path / "tuned.fewshot")
    graph = graph_file(clf.backbone().cache_key)
    assert graph.is_file()
    (tmp_path / "cache" / "onnx").mkdir(parents=True)
    shutil.copy(graph, tmp_path / "cache" / "onnx" / graph.name)
    child = ("import json, sys, fewshot_studio; clf = fewshot_studio.load_classifier(sys.argv[1]); "
             "p = clf.predict(sys.argv[2:]); print(json.dumps({'torch': 'torch' in sys.modules, 'probs': p.probs.tolist()}))")
    env = dict(os.environ, FEWSHOT_CACHE_DIR=str(tmp_path / "cache"), FEWSHOT_DEVICE="cpu")
    out = subprocess.run([sys.executable, "-c", child, str(path), *map(str, photos)], env=env, capture_output=True,
                         text=True, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["torch"] is False
    np.testing.assert_allclose(seen["probs"], clf.predict_paths(photos)[0].probs, atol=1e-5)
