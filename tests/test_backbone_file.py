"""Backbone files: the round trip keeps features exactly, and untrusted files can never run code."""
from __future__ import annotations

import hashlib
import json
import pickle
import zipfile

import numpy as np
import pytest

from fewshot_studio.core.features.backbone import preprocess
from fewshot_studio.core.features.backbone_file import (
    BackboneFileError,
    describe_backbone_file,
    load_backbone_file,
    read_backbone_file,
    save_backbone_file,
)
from fewshot_studio.core.features.loading import load_backbone

MARKER_NAME = "pwned.txt"


class _Evil:
    """Unpickling this would create a marker file: proof that code ran."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _evil_pickle(tmp_path) -> bytes:
    return pickle.dumps(_Evil(str(tmp_path / MARKER_NAME)))


@pytest.fixture(scope="module")
def saved(backbone, tmp_path_factory):
    path = tmp_path_factory.mktemp("bb") / "stock96.fewshot-backbone"
    save_backbone_file(path, backbone.net, "efficientnet-lite0", 96, label="stock at 96 px", info={"note": "test"})
    return path


def _write_zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _members(saved) -> dict[str, bytes]:
    with zipfile.ZipFile(saved) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_round_trip_gives_the_same_features_and_a_new_id(saved, backbone, flowers_small):
    import dataclasses

    loaded = load_backbone(str(saved), device="cpu")  # the path goes through the normal entry point
    assert loaded.spec.resolution == 96 and loaded.spec.name == "efficientnet-lite0"
    assert loaded.source == str(saved.resolve())
    assert loaded.id != backbone.id and loaded.id.startswith("efficientnet-lite0@")
    img = next(iter(flowers_small.values()))[0]
    from fewshot_studio.core.imaging.images import load_image

    x = preprocess(load_image(img), loaded.spec)[None]
    stock96 = dataclasses.replace(backbone.spec, resolution=96)
    np.testing.assert_array_equal(x, preprocess(load_image(img), stock96)[None])
    np.testing.assert_allclose(loaded.embed_arrays(x), backbone.embed_arrays(x), rtol=1e-5, atol=1e-5)
    info = describe_backbone_file(saved)
    assert info["id"] == loaded.id and info["info"] == {"note": "test"} and info["label"] == "stock at 96 px"


def test_same_weights_at_another_resolution_get_another_id(saved, backbone, tmp_path):
    other = save_backbone_file(tmp_path / "stock128.fewshot-backbone", backbone.net, "efficientnet-lite0", 128)
    assert load_backbone_file(other, backbone.device).id != load_backbone_file(saved, backbone.device).id


def test_a_pickle_named_like_a_backbone_file_is_refused_without_running(tmp_path):
    path = tmp_path / "evil.fewshot-backbone"
    path.write_bytes(_evil_pickle(tmp_path))
    with pytest.raises(BackboneFileError, match="not a zip"):
        load_backbone(str(path), device="cpu")
    assert not (tmp_path / MARKER_NAME).exists()


def test_a_pth_inside_the_zip_is_refused(saved, tmp_path):
    members = _members(saved) | {"model.pth": _evil_pickle(tmp_path)}
    with pytest.raises(BackboneFileError, match="unexpected: model.pth"):
        read_backbone_file(_write_zip(tmp_path / "extra.fewshot-backbone", members))
    assert not (tmp_path / MARKER_NAME).exists()


def test_a_torch_save_archive_is_refused(backbone, tmp_path):
    import torch

    path = tmp_path / "torchsave.fewshot-backbone"
    torch.save({"evil": _Evil(str(tmp_path / MARKER_NAME))}, path)  # a zip holding data.pkl
    with pytest.raises(BackboneFileError, match="must hold exactly"):
        load_backbone_file(path, backbone.device)
    assert not (tmp_path / MARKER_NAME).exists()


def test_pickle_posing_as_weights_with_a_matching_checksum_is_refused(saved, tmp_path):
    payload = _evil_pickle(tmp_path)
    members = _members(saved)
    manifest = json.loads(members["manifest.json"]) | {"weights_sha256": hashlib.sha256(payload).hexdigest()}
    path = _write_zip(tmp_path / "posing.fewshot-backbone",
                      {"manifest.json": json.dumps(manifest).encode(), "weights.safetensors": payload})
    with pytest.raises(BackboneFileError, match="cannot be read"):
        read_backbone_file(path)
    assert not (tmp_path / MARKER_NAME).exists()


@pytest.mark.parametrize("change, message", [
    ({"architecture": "os.system"}, "unknown architecture"),
    ({"format": "something-else"}, "wrong format tag"),
    ({"resolution": 10**9}, "resolution"),
    ({"version": 99}, "newer"),
])
def test_a_bad_manifest_is_refused(saved, tmp_path, change, message):
    members = _members(saved)
    manifest = json.loads(members["manifest.json"]) | change
    path = _write_zip(tmp_path / "bad.fewshot-backbone", members | {"manifest.json": json.dumps(manifest).encode()})
    with pytest.raises(BackboneFileError, match=message):
        read_backbone_file(path)


def test_edited_weights_fail_the_checksum(saved, tmp_path):
    members = _members(saved)
    w = bytearray(members["weights.safetensors"])
    w[-1] ^= 0xFF
    path = _write_zip(tmp_path / "edited.fewshot-backbone", members | {"weights.safetensors": bytes(w)})
    with pytest.raises(BackboneFileError, match="checksum"):
        read_backbone_file(path)


def test_weights_that_do_not_fit_the_network_are_refused(saved, tmp_path, backbone):
    from safetensors.numpy import save

    members = _members(saved)
    weights = save({"blocks.0.bogus": np.zeros((2, 2), np.float32)})
    manifest = json.loads(members["manifest.json"]) | {"weights_sha256": hashlib.sha256(weights).hexdigest()}
    path = _write_zip(tmp_path / "misfit.fewshot-backbone",
                      {"manifest.json": json.dumps(manifest).encode(), "weights.safetensors": weights})
    with pytest.raises(BackboneFileError, match="do not fit"):
        load_backbone_file(path, backbone.device)


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(BackboneFileError, match="no such backbone file"):
        load_backbone(str(tmp_path / "nope.fewshot-backbone"), device="cpu")


def test_a_classifier_on_a_backbone_file_travels_alone_and_exports_with_parity(backbone, shared_data, tmp_path):
    """The path a meta-trained backbone takes: train on it, save, lose the backbone file, reload,
    predict the same, export to ONNX at the file's own input size with the parity check."""
    import shutil

    from classifier_helpers import CLASSES, unseen_photos

    from fewshot_studio.core.classifier.file_format import load_classifier, save_classifier
    from fewshot_studio.core.classifier.onnx_export import export_onnx
    from fewshot_studio.core.classifier.training import train_classifier

    bb_file = save_backbone_file(tmp_path / "mine-160.fewshot-backbone", backbone.net, "efficientnet-lite0", 160,
                                 label="160 px")
    examples = {c: [str(p) for p in sorted((shared_data / "flowers12" / c).glob("*.jpg"))[:5]] for c in CLASSES}
    trained = train_classifier(examples, backbone=str(bb_file), device="cpu", check_duplicates_too=False).classifier
    photos = [str(p) for p in unseen_photos(shared_data, 2)]
    expected = trained.predict_paths(photos)[0].probs
    model = save_classifier(trained, tmp_path / "flowers.fewshot")
    shutil.move(bb_file, tmp_path / "elsewhere.bin")  # the user sends only the .fewshot file
    loaded = load_classifier(model, device="cpu")
    np.testing.assert_allclose(loaded.predict(photos).probs, expected, atol=1e-6)
    report = export_onnx(loaded.trained, tmp_path / "flowers.onnx", check_images=photos)
    assert report.parity.passed and report.parity.n_images == len(photos), report

    import onnxruntime as ort

    assert ort.InferenceSession(str(tmp_path / "flowers.onnx")).get_inputs()[0].shape[1] == 160


LATER_START = """
import json, sys
from fewshot_studio.core.classifier.training import train_classifier
examples, test, backbone = json.loads(sys.argv[1])
result = train_classifier(examples, test_paths=test, backbone=backbone)
print(json.dumps({"torch": "torch" in sys.modules, "predicted": len(result.test_predictions),
                  "backbone": result.classifier.backbone_id}))
"""


def test_a_backbone_file_already_exported_is_used_on_a_cpu_without_torch(saved, fashion_small, tmp_path):
    """The first use of a backbone file checks its weights against the network (torch) and exports
    its graph; a later start, finding that graph for the same identity hash, needs neither."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    from fewshot_studio.core.features.onnx_runner import graph_path

    first = load_backbone_file(saved, "cpu")
    graph = graph_path(first)  # the first start: checked and exported
    (tmp_path / "cache" / "onnx").mkdir(parents=True)
    shutil.copy(graph, tmp_path / "cache" / "onnx" / graph.name)
    examples = {name: [str(p) for p in paths[:4]] for name, paths in fashion_small.items()}
    test = [str(p) for paths in fashion_small.values() for p in paths[4:5]]
    env = dict(os.environ, FEWSHOT_CACHE_DIR=str(tmp_path / "cache"), FEWSHOT_DEVICE="cpu")
    out = subprocess.run([sys.executable, "-c", LATER_START, json.dumps([examples, test, str(saved)])], env=env,
                         capture_output=True, text=True, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"torch": False, "predicted": len(test), "backbone": first.id}, seen
