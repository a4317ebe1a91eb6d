"""The Export dialog: saves a .fewshot file, and shows the ONNX parity check's verdict in the window."""
from __future__ import annotations

import zipfile

import pytest
from classifier_helpers import train_small

from fewshot_studio.core.classifier import onnx_export
from fewshot_studio.core.classifier.onnx_export import ExportError, ExportReport, ParityReport
from fewshot_studio.gui.dialogs import export_dialog
from fewshot_studio.gui.dialogs.export_dialog import ExportDialog


@pytest.fixture(scope="module")
def trained(shared_data):
    return train_small(shared_data).classifier


@pytest.fixture
def make(qtbot):
    made = []

    def build(**kwargs):
        d = ExportDialog(**kwargs)
        qtbot.addWidget(d)
        d.show()
        made.append(d)
        return d

    yield build
    for d in made:
        d.runner.shutdown()


def _fake_export(passed: bool):
    """The real export takes ~30 s and has its own tests; here only the dialog is under test."""

    def export(clf, path, *, check_images=(), progress, cancel):
        report = ParityReport(12, 12 if passed else 11, 3e-7 if passed else 0.2)
        if not passed:
            raise ExportError(f"The ONNX file disagrees with the app, so it was not saved. {report.summary()}", report)
        open(path, "wb").write(b"onnx")
        return ExportReport(path, report, 1.0, 4)

    return export


def test_saves_the_classifier_file_and_shows_a_passed_check(make, qtbot, trained, tmp_path, monkeypatch):
    monkeypatch.setattr(onnx_export, "export_onnx", _fake_export(True))
    d = make(classifier=trained, check_images=["a.jpg"] * 40, folder=str(tmp_path), suggested_name="flowers")
    assert d.images_label.text() == "32 of your photos"
    d.onnx_box.setChecked(True)
    with qtbot.waitSignal(d.exported, timeout=60_000) as done:
        d.export_button.click()
    assert zipfile.is_zipfile(tmp_path / "flowers.fewshot") and (tmp_path / "flowers.onnx").is_file()
    assert done.args[0].onnx.parity.passed
    assert d.result.isVisible() and d.result.text().startswith("✓ The exported model gives the same answers as the app")
    assert "12 of 12 photos" in d.result.text() and "3.0e-07" not in d.result.text()
    assert "3.0e-07" in d.result.toolTip()  # the figures for an expert, out of the main text
    assert "flowers.fewshot" in d.status.text()


def test_a_failed_check_is_shown_in_red(make, qtbot, trained, tmp_path, monkeypatch):
    monkeypatch.setattr(onnx_export, "export_onnx", _fake_export(False))
    d = make(classifier=trained, folder=str(tmp_path))
    d.fewshot_box.setChecked(False)
    d.onnx_box.setChecked(True)
    with qtbot.waitSignal(d.runner.failed, timeout=60_000):
        d.export_button.click()
    assert "FAILED" in d.result.text() and "11/12" in d.result.text()
    assert d.result.styleSheet() == export_dialog.FAIL_STYLE
    assert not (tmp_path / "classifier.onnx").exists()


def test_nothing_chosen_is_explained(make, trained):
    d = make(classifier=trained)
    d.fewshot_box.setChecked(False)
    d.start()
    assert "at least one" in d.status.text() and not d.runner.busy
