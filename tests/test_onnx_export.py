"""ONNX export: one real export (through the CLI), parity with the app, dynamic batch, the docs' example."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from classifier_helpers import train_small, unseen_photos

from fewshot_studio.cli.main import main
from fewshot_studio.core.classifier import onnx_export
from fewshot_studio.core.classifier.file_format import load_trained_classifier, save_classifier
from fewshot_studio.core.classifier.onnx_export import ExportError, ParityReport, check_parity, export_onnx
from fewshot_studio.core.features.backbone import BACKBONES, crop_uint8, preprocess
from fewshot_studio.core.imaging.images import load_image

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def model_file(shared_data, tmp_path_factory):
    return save_classifier(train_small(shared_data).classifier, tmp_path_factory.mktemp("m") / "flowers.fewshot")


@pytest.fixture(scope="module")
def exported(model_file, shared_data, tmp_path_factory):
    """The one real export of this module, done as a user would: through the CLI."""
    import contextlib
    import io

    checks = tmp_path_factory.mktemp("checks")
    for p in unseen_photos(shared_data, 4):
        shutil.copyfile(p, checks / p.name.replace(".jpg", f"_{p.parent.name}.jpg"))
    out = tmp_path_factory.mktemp("onnx") / "flowers.onnx"
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(["export", str(model_file), "--onnx", str(out), "--check-images", str(checks)])
    return code, buf.getvalue(), out


def test_the_cli_exports_and_shows_the_parity_check(exported):
    code, stdout, out = exported
    assert code == 0, stdout
    assert out.is_file()
    assert re.search(r"Parity check PASSED on 12 real images: same top class on 12/12, largest probability "
                     r"difference \d\.\de-\d\d, largest known_score difference \d\.\de-\d\d \(must be < 1e-04\)",
                     stdout), stdout
    assert "'known_score' (N,)" in stdout


def test_crop_plus_normalise_is_the_apps_preprocessing_bit_for_bit(shared_data, tmp_path):
    from PIL import Image

    spec = BACKBONES["efficientnet-lite0"]
    rgba = tmp_path / "wide.png"
    Image.new("RGBA", (301, 97), (10, 200, 30, 128)).save(rgba)
    paths = [unseen_photos(shared_data, 1)[0], next((shared_data / "fashion_mnist_100" / "bag").glob("*.png")), rgba]
    for p in paths:
        img = load_image(p)
        crop = crop_uint8(img, spec).astype(np.float32) * (1.0 / 255.0)
        ours = ((crop - np.asarray(spec.mean, np.float32)) / np.asarray(spec.std, np.float32)).transpose(2, 0, 1)
        np.testing.assert_array_equal(ours, preprocess(img, spec))


def test_dynamic_batch_metadata_and_agreement_on_other_photos(exported, model_file, shared_data):
    import onnxruntime as ort

    out = exported[2]
    session = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    meta = session.get_modelmeta().custom_metadata_map
    clf, manifest = load_trained_classifier(model_file)
    assert json.loads(meta["class_names"]) == manifest["class_names"]
    assert float(meta["threshold"]) == manifest["threshold"]
    assert json.loads(meta["preprocessing"])["resize_shorter_side_to"] == 224
    spec = clf.backbone().spec
    photos = [str(p) for p in unseen_photos(shared_data, 3, start=40)]
    batch = np.stack([crop_uint8(load_image(p), spec) for p in photos])
    whole = session.run(None, {"image": batch})[0]
    ones = np.concatenate([session.run(None, {"image": batch[i : i + 1]})[0] for i in range(len(batch))])
    assert whole.shape == (len(photos), 3)
    np.testing.assert_allclose(whole, ones, atol=1e-5)
    # photos of another kind altogether (28x28 grayscale): the numbers still agree with the app
    fashion = [str(p) for p in sorted((shared_data / "fashion_mnist_100" / "sandal").glob("*.png"))[:4]]
    report = check_parity(clf, out, photos + fashion)
    assert report.passed and report.n_images == 13, report.summary()


def test_the_ten_line_example_in_the_readme_runs(exported, model_file, shared_data, tmp_path):
    text = (REPO / "README.md").read_text()
    code = re.search(r"<!-- onnx-example -->\s*```python\n(.*?)```", text, re.S).group(1)
    assert len([line for line in code.splitlines() if line.strip()]) <= 12
    photo = unseen_photos(shared_data, 1, start=30)[-1]
    shutil.copyfile(exported[2], tmp_path / "flowers.onnx")
    shutil.copyfile(photo, tmp_path / "photo.jpg")
    (tmp_path / "example.py").write_text(code)
    proc = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    name, prob = proc.stdout.split()
    clf, _ = load_trained_classifier(model_file)
    app = clf.predict_paths([str(photo)])[0]
    assert name == clf.class_names[int(app.top[0])]
    assert abs(float(prob) - float(app.confidence[0])) < 2e-3


def test_a_failed_check_writes_no_file(exported, model_file, monkeypatch, tmp_path):
    """Anything that disagrees with the app never lands at the target path."""
    good = exported[2]
    monkeypatch.setattr(onnx_export, "export_graph", lambda module, ex, path, *a, **k: shutil.copyfile(good, path))
    monkeypatch.setattr(onnx_export, "check_parity", lambda *a, **k: ParityReport(12, 11, 0.3))
    clf, _ = load_trained_classifier(model_file)
    target = tmp_path / "bad.onnx"
    with pytest.raises(ExportError, match=r"not saved.*FAILED.*same top class on 11/12") as err:
        export_onnx(clf, target)
    assert err.value.parity.max_abs_diff == 0.3
    assert list(tmp_path.iterdir()) == []


def test_the_cli_reports_a_bad_model_file(tmp_path, capsys):
    bad = tmp_path / "bad.fewshot"
    bad.write_bytes(b"nope")
    assert main(["export", str(bad), "--onnx", str(tmp_path / "x.onnx")]) == 1
    assert "damaged or truncated" in capsys.readouterr().err


def test_a_self_trained_classifier_exports_with_parity(shared_data, tmp_path):
    """With a test pool, auto at 5+ shots is self-training: square-rooted features and a head refitted
    on the pool. The file and the ONNX graph must still predict exactly what the app does."""
    from fewshot_studio.core.classifier.training import train_classifier

    flowers = shared_data / "flowers12"
    classes = sorted(p.name for p in flowers.iterdir())[:3]
    examples = {c: [str(p) for p in sorted((flowers / c).glob("*.jpg"))[:6]] for c in classes}
    pool = [str(p) for c in classes for p in sorted((flowers / c).glob("*.jpg"))[30:33]]
    clf = train_classifier(examples, test_paths=pool, device="cpu", check_duplicates_too=False).classifier
    assert clf.method.name == "self-training"  # auto resolved at training time
    loaded, _ = load_trained_classifier(save_classifier(clf, tmp_path / "st.fewshot"))
    assert loaded.method.name == "self-training" and loaded.method.power == 0.5
    report = export_onnx(loaded, tmp_path / "st.onnx", check_images=pool)
    assert report.parity.same_top == report.parity.n_images == len(pool)
    assert report.parity.max_abs_diff < 1e-4


def test_the_exporter_is_chosen_explicitly_and_torch_warnings_are_not_hidden(tmp_path):
    """TorchScript on purpose (onnxscript is not a dependency): torch's own notice stays visible."""
    import warnings

    import onnxruntime as ort
    import torch

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        onnx_export.export_graph(torch.nn.Linear(3, 2).eval(), torch.zeros(2, 3), tmp_path / "g.onnx", "x", "y")
    session = ort.InferenceSession(str(tmp_path / "g.onnx"), providers=["CPUExecutionProvider"])
    assert session.run(None, {"x": np.zeros((5, 3), np.float32)})[0].shape == (5, 2)  # dynamic batch
    if torch.__version__ >= "2.9":  # the version whose TorchScript exporter says it is deprecated
        assert any("TorchScript" in str(w.message) for w in caught), [str(w.message) for w in caught]
