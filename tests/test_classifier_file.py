"""The .fewshot file: same probabilities after a round trip, and hostile or broken files refused."""
from __future__ import annotations

import io
import json
import pickle
import zipfile

import numpy as np
import pytest
from classifier_helpers import train_small, unseen_photos

import fewshot_studio
from fewshot_studio.core.classifier.file_format import (
    ClassifierFileError,
    load_trained_classifier,
    read_classifier_file,
    save_classifier,
)
from fewshot_studio.core.imaging.images import ImageLoadError


@pytest.fixture(scope="module")
def trained(shared_data):
    return train_small(shared_data)


@pytest.fixture(scope="module")
def model_file(trained, tmp_path_factory):
    return save_classifier(trained.classifier, tmp_path_factory.mktemp("model") / "flowers.fewshot")


@pytest.fixture(scope="module")
def photos(shared_data):
    return [str(p) for p in unseen_photos(shared_data)]


def _rewrite(src, dst, change_manifest=None, members=None):
    """Copy a classifier file, editing its manifest and/or replacing members."""
    with zipfile.ZipFile(src) as zf:
        content = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(content["manifest.json"])
    if change_manifest:
        change_manifest(manifest)
    content["manifest.json"] = json.dumps(manifest).encode()
    content.update(members or {})
    with zipfile.ZipFile(dst, "w") as zf:
        for name, data in content.items():
            if data is not None:
                zf.writestr(name, data)
    return dst


class _Payload:
    """Unpickling this creates a file: the proof that code ran."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_round_trip_gives_the_apps_probabilities(trained, model_file, photos):
    app = trained.classifier.predict_paths(photos)[0].probs
    loaded = fewshot_studio.load_classifier(str(model_file))
    result = loaded.predict(photos)
    assert loaded.class_names == trained.classifier.class_names
    np.testing.assert_array_equal(result.probs, app)  # the same pipeline, so the very same numbers
    assert result.index == list(range(len(photos)))
    assert result.labels[0] == loaded.class_names[int(app[0].argmax())]
    assert [name for name, _ in result.top_k(3)[0]][0] == result.labels[0]
    assert np.allclose(result.probs.sum(1), 1, atol=1e-5)
    clf, manifest = load_trained_classifier(model_file)
    assert clf.temperature == trained.classifier.temperature and clf.threshold == trained.classifier.threshold
    assert manifest["metrics"]["accuracy"] == pytest.approx(trained.evaluation.accuracy)
    assert manifest["backbone"]["id"] == trained.classifier.backbone_id and manifest["format_version"] == 1


def test_in_memory_images_match_paths(model_file, photos):
    from PIL import Image

    loaded = fewshot_studio.load_classifier(model_file)
    by_path = loaded.predict(photos[:2]).probs
    with Image.open(photos[0]) as a, Image.open(photos[1]) as b:
        arrays = [a, np.asarray(b.convert("RGB"))]
        by_image = loaded.predict(arrays).probs
    np.testing.assert_allclose(by_image, by_path, atol=1e-5)
    assert len(loaded.predict(photos[0])) == 1  # a single path is a batch of one


def test_unreadable_files_raise_or_are_skipped(model_file, photos, tmp_path):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"nope")
    loaded = fewshot_studio.load_classifier(model_file)
    with pytest.raises(ImageLoadError, match="bad.jpg"):
        loaded.predict([photos[0], str(bad)])
    result = loaded.predict([photos[0], str(bad), photos[1]], skip_unreadable=True)
    assert result.index == [0, 2] and [s.path for s in result.skipped] == [str(bad)]


def test_fine_tuned_backbone_travels_inside_the_file(trained, photos, tmp_path):
    """A file with its own backbone weights predicts with them, not with the stock ones."""
    import dataclasses

    clf = trained.classifier
    state = {k: v.detach().cpu().numpy().copy() for k, v in clf.backbone().net.state_dict().items()}
    key = next(k for k in state if k.startswith("head.0") and state[k].ndim == 4)
    state[key] = state[key] * np.float32(1.05)  # a "fine-tuned" conv
    tuned = dataclasses.replace(clf, backbone_state=state, _backbone=None)
    tuned.backbone_id = tuned.backbone().id
    path = save_classifier(tuned, tmp_path / "tuned.fewshot")
    assert "backbone.safetensors" in zipfile.ZipFile(path).namelist()
    expected = tuned.predict_paths(photos[:3])[0].probs
    assert not np.allclose(expected, clf.predict_paths(photos[:3])[0].probs, atol=1e-6)
    loaded = fewshot_studio.load_classifier(path)
    np.testing.assert_allclose(loaded.predict(photos[:3]).probs, expected, atol=1e-6)
    assert loaded.trained.backbone_id == tuned.backbone_id


def test_a_pickle_member_is_refused_and_never_run(model_file, tmp_path):
    marker = tmp_path / "pwned"
    evil = _rewrite(model_file, tmp_path / "evil.fewshot", members={"data.pkl": pickle.dumps(_Payload(marker))})
    with pytest.raises(ClassifierFileError, match="nothing else"):
        fewshot_studio.load_classifier(evil)
    assert not marker.exists()


def test_a_pickle_posing_as_weights_is_refused_and_never_run(model_file, tmp_path):
    import hashlib

    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Payload(marker))
    evil = _rewrite(model_file, tmp_path / "evil.fewshot",
                    change_manifest=lambda m: m["members"].update({"head.safetensors": hashlib.sha256(payload).hexdigest()}),
                    members={"head.safetensors": payload})
    with pytest.raises(ClassifierFileError, match="cannot be read"):
        fewshot_studio.load_classifier(evil)
    assert not marker.exists()


@pytest.mark.parametrize("method", ["os.system", "__import__", "builtins.eval"])
def test_the_manifest_cannot_name_code(model_file, tmp_path, method):
    evil = _rewrite(model_file, tmp_path / "evil.fewshot", change_manifest=lambda m: m["head"].update(method=method))
    with pytest.raises(ClassifierFileError, match="does not know"):
        load_trained_classifier(evil)


def test_a_newer_format_asks_for_an_update(model_file, tmp_path):
    future = _rewrite(model_file, tmp_path / "future.fewshot",
                      change_manifest=lambda m: m.update(format_version=99, app_version="9.0"))
    with pytest.raises(ClassifierFileError, match=r"Fewshot Studio 9\.0 .*format 99.*Update Fewshot Studio"):
        load_trained_classifier(future)


def test_a_truncated_file_is_reported(model_file, tmp_path):
    data = model_file.read_bytes()
    for cut in (len(data) // 2, len(data) - 30, 100):
        short = tmp_path / f"short{cut}.fewshot"
        short.write_bytes(data[:cut])
        with pytest.raises(ClassifierFileError, match="damaged or truncated|truncated"):
            load_trained_classifier(short)


def test_edited_weights_fail_their_checksum(model_file, tmp_path):
    with zipfile.ZipFile(model_file) as zf:
        head = bytearray(zf.read("head.safetensors"))
    head[-8] ^= 0x40
    edited = _rewrite(model_file, tmp_path / "edited.fewshot", members={"head.safetensors": bytes(head)})
    with pytest.raises(ClassifierFileError, match="checksum"):
        load_trained_classifier(edited)


def test_other_backbone_weights_are_refused(model_file, tmp_path):
    other = _rewrite(model_file, tmp_path / "other.fewshot",
                     change_manifest=lambda m: m["backbone"].update(id="efficientnet-lite0@0000000000000000"))
    with pytest.raises(ClassifierFileError, match="checksums differ"):
        load_trained_classifier(other)


def test_a_head_that_does_not_fit_the_classes_is_refused(model_file, tmp_path):
    fewer = _rewrite(model_file, tmp_path / "fewer.fewshot", change_manifest=lambda m: m["class_names"].pop())
    with pytest.raises(ClassifierFileError, match="scores for 2 classes"):
        load_trained_classifier(fewer)


@pytest.mark.parametrize("edit, message", [
    (lambda m: m.update(temperature=-1), "temperature"),
    (lambda m: m.update(threshold="high"), "threshold"),
    (lambda m: m.update(class_names=["a", "a", "b"]), "unique"),
    (lambda m: m.update(format="something-else"), "not a Fewshot Studio classifier"),
    (lambda m: m["head"].update(config={"l2": [1.5, "x"]}), "short list of positive whole numbers"),
])
def test_bad_manifest_fields_get_clear_messages(model_file, tmp_path, edit, message):
    with pytest.raises(ClassifierFileError, match=message):
        read_classifier_file(_rewrite(model_file, tmp_path / "bad.fewshot", change_manifest=edit))


def test_not_a_zip_and_missing_file(tmp_path):
    junk = tmp_path / "junk.fewshot"
    junk.write_bytes(b"hello")
    with pytest.raises(ClassifierFileError, match="damaged or truncated"):
        load_trained_classifier(junk)
    with pytest.raises(ClassifierFileError, match="no such classifier file"):
        load_trained_classifier(tmp_path / "missing.fewshot")


def test_saving_is_atomic_and_the_file_is_small(trained, tmp_path):
    path = tmp_path / "m.fewshot"
    path.write_bytes(b"old")
    save_classifier(trained.classifier, path)
    assert zipfile.is_zipfile(path) and path.stat().st_size < 200_000
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left
    assert io.BytesIO(path.read_bytes()).read(2) == b"PK"


def test_metrics_with_nan_and_numpy_numbers_save_as_strict_json(trained, tmp_path):
    import dataclasses

    clf = dataclasses.replace(trained.classifier, metrics={"accuracy": float("nan"), "n": np.int64(3),
                                                           "per_class": {"a": np.float32(0.5)}, "m": np.eye(2)})
    path = save_classifier(clf, tmp_path / "nan.fewshot")
    metrics = json.loads(zipfile.ZipFile(path).read("manifest.json"))["metrics"]
    assert metrics == {"accuracy": None, "n": 3, "per_class": {"a": 0.5}, "m": [[1.0, 0.0], [0.0, 1.0]]}


def test_a_file_from_before_the_taps_predicts_as_it_did(trained, photos, shared_data, tmp_path):
    """Files saved before the embedding had taps hold heads fitted on the 1280-d standard feature,
    with no "parts" in their config: they load and give what that head gives on that feature."""
    import dataclasses

    from fewshot_studio.core.features.embeddings import embed_paths
    from fewshot_studio.core.features.loading import load_backbone
    from fewshot_studio.core.methods import make_method

    clf = trained.classifier
    train = [str(p) for p in unseen_photos(shared_data, per_class=6, start=0)]  # train_small's photos
    feats = embed_paths(train, load_backbone()).features
    old_head = make_method("logreg").fit(feats[:, :1280], np.repeat(np.arange(3), 6), 3)
    old = dataclasses.replace(clf, method=old_head)
    path = save_classifier(old, tmp_path / "old.fewshot")
    assert "parts" not in read_classifier_file(path)[0]["head"]["config"]
    standard = embed_paths(photos, load_backbone()).features[:, :1280]
    expected = old.predict_features(standard).probs
    np.testing.assert_allclose(fewshot_studio.load_classifier(str(path)).predict(photos).probs, expected, atol=1e-6)


def test_a_head_laid_out_for_another_embedding_is_refused(model_file, tmp_path):
    def other_layout(m):
        m["head"]["config"]["parts"] = [1280, 100, 412]

    bad = _rewrite(model_file, tmp_path / "layout.fewshot", other_layout)
    with pytest.raises(ClassifierFileError, match="laid out as"):
        load_trained_classifier(bad)


def test_predict_keeps_the_cache_under_its_limit_and_can_skip_it(model_file, photos, tmp_path, monkeypatch):
    from fewshot_studio.core.classifier import loaded

    cache = tmp_path / "cache"
    monkeypatch.setenv("FEWSHOT_CACHE_DIR", str(cache))
    clf = fewshot_studio.load_classifier(model_file)
    uncached = clf.predict(photos, use_cache=False)
    # no embedding read or written (the onnxruntime graph of the backbone may be exported there)
    assert not [p for p in cache.rglob("*") if p.is_file() and p.parent.name != "onnx"]

    monkeypatch.setenv("FEWSHOT_CACHE_MAX_MB", "0.01")  # ~10 KB: one or two entries
    monkeypatch.setattr(loaded, "_written_since_prune", None)  # as in a fresh process
    cached = clf.predict(photos)
    entries = [p for p in cache.rglob("*.npy")]
    assert 0 < len(entries) < len(photos) and sum(p.stat().st_size for p in entries) <= 0.01 * 2**20
    np.testing.assert_array_equal(cached.probs, uncached.probs)


def test_the_public_names_are_exported_and_documented():
    import inspect

    names = set(fewshot_studio.__all__) - {"__version__"}
    assert names == {"load_classifier", "Classifier", "ClassifierPredictions", "ClassifierFileError", "ImageLoadError"}
    assert fewshot_studio.ClassifierFileError is ClassifierFileError and fewshot_studio.ImageLoadError is ImageLoadError
    undocumented = [n for n in names if not inspect.getdoc(getattr(fewshot_studio, n))]
    for cls in (fewshot_studio.Classifier, fewshot_studio.ClassifierPredictions):
        for attr, value in vars(cls).items():
            if not attr.startswith("_") and (callable(value) or isinstance(value, property)):
                if not inspect.getdoc(value):
                    undocumented.append(f"{cls.__name__}.{attr}")
    assert not undocumented, undocumented
