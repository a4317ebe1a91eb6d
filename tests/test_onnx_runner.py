"""One rule for the features: onnxruntime on a CPU, the same for the window's training, the
Python API, in-memory images and batch labelling, so they agree to the last bit."""
from __future__ import annotations

import numpy as np
import pytest
from classifier_helpers import train_small, unseen_photos
from PIL import Image

import fewshot_studio
from fewshot_studio.core.classifier.file_format import save_classifier
from fewshot_studio.core.features.backbone import preprocess
from fewshot_studio.core.features.embeddings import cache_for, embed_paths
from fewshot_studio.core.features.onnx_runner import engine_name, onnx_engine_wanted
from fewshot_studio.core.imaging.images import load_image
from fewshot_studio.core.labelling.engine import OnnxEngine, make_engine, predict_stream


@pytest.fixture(scope="module")
def trained(shared_data):
    return train_small(shared_data)


@pytest.fixture(scope="module")
def photos(shared_data):
    return [str(p) for p in unseen_photos(shared_data, per_class=2)]


def test_the_rule_picks_onnxruntime_on_a_cpu_and_obeys_the_override(backbone, monkeypatch):
    assert onnx_engine_wanted(backbone) and engine_name(backbone) == "onnx"
    monkeypatch.setenv("FEWSHOT_EMBED_ENGINE", "torch")
    assert not onnx_engine_wanted(backbone)
    assert cache_for(backbone, False).folder != cache_for(backbone, False, "onnx").folder  # never mixed


def test_window_api_in_memory_and_labelling_agree_to_the_last_bit(trained, photos, tmp_path):
    clf = trained.classifier
    window = clf.predict_paths(photos)[0].probs  # what the window's training worker computes
    api = fewshot_studio.load_classifier(str(save_classifier(clf, tmp_path / "m.fewshot")))
    np.testing.assert_array_equal(api.predict(photos).probs, window)
    np.testing.assert_array_equal(api.predict([Image.open(p) for p in photos]).probs, window)
    engine = make_engine(clf)
    assert isinstance(engine, OnnxEngine)
    batches = list(predict_stream(photos, clf, engine, batch_size=len(photos)))
    np.testing.assert_array_equal(batches[0].probs, window)  # `fewshot-studio label` on the same photos


def test_features_come_from_the_runner_not_torch(trained, photos, backbone):
    arrays = np.stack([preprocess(load_image(p), backbone.spec) for p in photos])
    fresh = embed_paths(photos, backbone, use_cache=False, batch_size=len(photos))
    np.testing.assert_array_equal(fresh.features, OnnxEngine(backbone, False).features(arrays))
    torch_feats = backbone.embed_arrays(arrays)
    assert np.abs(fresh.features - torch_feats).max() < 1e-4  # the same network, to float rounding
