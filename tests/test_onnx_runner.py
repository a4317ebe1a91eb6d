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


FIRST_RESULT = """
import json, sys
from fewshot_studio.core.classifier.training import train_classifier
from fewshot_studio.core.features.devices import accelerator_possible
examples, test = json.loads(sys.argv[1])
result = train_classifier(examples, test_paths=test)
print(json.dumps({"torch": "torch" in sys.modules, "accelerator_possible": accelerator_possible(),
                  "predicted": len(result.test_predictions), "accuracy": result.evaluation.accuracy}))
"""


def test_a_first_result_on_a_cpu_never_imports_torch(fashion_small, backbone, tmp_path):
    """Importing torch is 2 s of a 3 s first result on a 2-core CPU: onnxruntime embeds (its graph
    exported on an earlier start), NumPy fits the heads, and torch stays unimported."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    from fewshot_studio.core.features.onnx_runner import graph_path

    shutil.copy(graph_path(backbone), tmp_path / "graph.onnx")
    (tmp_path / "cache" / "onnx").mkdir(parents=True)  # a cold embedding cache, the graph kept
    shutil.move(tmp_path / "graph.onnx", tmp_path / "cache" / "onnx" / graph_path(backbone).name)
    examples = {name: [str(p) for p in paths[:4]] for name, paths in fashion_small.items()}
    test = [str(p) for paths in fashion_small.values() for p in paths[4:6]]
    for device in ("cpu", None):  # the user's choice, and the automatic one
        env = {k: v for k, v in os.environ.items() if k != "FEWSHOT_DEVICE"}
        env.update(FEWSHOT_CACHE_DIR=str(tmp_path / "cache"), **({"FEWSHOT_DEVICE": device} if device else {}))
        out = subprocess.run([sys.executable, "-c", FIRST_RESULT, json.dumps([examples, test])], env=env,
                             capture_output=True, text=True, check=True)
        seen = json.loads(out.stdout.strip().splitlines()[-1])
        assert seen["predicted"] == len(test) and seen["accuracy"] > 0.5
        # Where a GPU may be present torch must be asked; elsewhere it is never imported.
        assert seen["torch"] is (device is None and seen["accelerator_possible"]), seen
