"""The Label-a-folder dialog: runs the core in its thread, shows progress, stops and resumes."""
from __future__ import annotations

import dataclasses

import pytest
from classifier_helpers import photo_folder, train_small
from PySide6.QtCore import Qt

from fewshot_studio.core.classifier.file_format import save_classifier
from fewshot_studio.gui.dialogs.label_dialog import LabelDialog


@pytest.fixture(scope="module")
def trained(shared_data):
    return train_small(shared_data).classifier


@pytest.fixture(scope="module")
def model_file(trained, tmp_path_factory):
    return save_classifier(trained, tmp_path_factory.mktemp("m") / "flowers.fewshot")


@pytest.fixture
def dialog(qtbot):
    made = []

    def make(**kwargs):
        d = LabelDialog(**kwargs)
        qtbot.addWidget(d)
        d.show()
        made.append(d)
        return d

    yield make
    for d in made:
        d.runner.shutdown()


def test_labels_a_folder_from_a_file_and_reports(dialog, qtbot, model_file, shared_data, tmp_path):
    photos = photo_folder(tmp_path, shared_data)
    d = dialog(model_path=str(model_file), folder=str(photos))
    assert d.status.text().startswith("3 classes: bluebell, buttercup, sunflower")  # read from the manifest
    d.recursive.setChecked(True)
    d.mode.setCurrentIndex(d.mode.findData("copy"))
    with qtbot.waitSignal(d.labellingFinished, timeout=120_000) as done:
        d.start_button.click()
        assert not d.folder_edit.isEnabled() and d.cancel_button.isEnabled()
    summary = done.args[0]
    assert summary.processed == 11 and summary.counts["unreadable"] == 1
    assert "Done: 11 photos" in d.result_view.toPlainText() and "unreadable: 1" in d.result_view.toPlainText()
    assert d.progress_bar.value() == d.progress_bar.maximum() == 11
    assert d.folder_edit.isEnabled() and d.open_button.isEnabled()
    assert (tmp_path / "photos-labelled" / "labels.csv").is_file()


def test_stop_then_start_continues_where_it_stopped(dialog, qtbot, trained, shared_data, tmp_path, monkeypatch):
    photos = photo_folder(tmp_path, shared_data, per_class=6)
    d = dialog(classifier=trained, folder=str(photos))
    d.out_edit.setText(str(tmp_path / "out"))
    d.mode.setCurrentIndex(d.mode.findData("move"))
    real_options = d.options
    monkeypatch.setattr(d, "options", lambda: dataclasses.replace(real_options(), batch_size=4))

    def press_stop_after_first_batch(stage, done, total):  # runs in the worker: no race with the GUI
        if done >= 4 and not stopped:
            stopped.append(done)
            d.runner.cancel()

    stopped = []
    d.runner._worker.progress.connect(press_stop_after_first_batch, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(d.runner.cancelled, timeout=120_000):
        d.start_button.click()
    assert "press Start again to continue" in d.status.text()
    assert d.start_button.isEnabled()
    with qtbot.waitSignal(d.labellingFinished, timeout=120_000) as done:
        d.start_button.click()
    s = done.args[0]
    assert s.already_done == 4 and s.processed == 15
    assert "were done by an earlier run" in d.result_view.toPlainText()
    assert "Undo this sort" in d.result_view.toPlainText() and d.undo_button.isVisible()


def test_problems_are_shown_not_raised(dialog, qtbot, tmp_path):
    bad = tmp_path / "bad.fewshot"
    bad.write_bytes(b"not a zip")
    d = dialog(model_path=str(bad), folder=str(tmp_path))
    assert "damaged or truncated" in d.status.text()
    with qtbot.waitSignal(d.runner.failed, timeout=60_000):
        d.start_button.click()
    assert "damaged or truncated" in d.result_view.toPlainText()
    d2 = dialog(model_path=str(bad), folder=str(tmp_path / "missing"))
    d2.start_button.click()
    assert "is not a folder" in d2.status.text() and not d2.runner.busy


def test_photos_of_no_class_go_to_unknown_from_the_dialog(dialog, qtbot, trained, shared_data, tmp_path):
    import shutil

    photos = tmp_path / "mixed"
    photos.mkdir()
    for i, p in enumerate(sorted((shared_data / "omniglot_small").glob("*/*.png"))[:3]):
        shutil.copyfile(p, photos / f"char_{i}.png")
    d = dialog(classifier=trained, folder=str(photos))
    assert d.unknown.value() == round(100 * trained.unknown_threshold)
    d.mode.setCurrentIndex(d.mode.findData("copy"))
    with qtbot.waitSignal(d.labellingFinished, timeout=120_000) as done:
        d.start_button.click()
    summary = done.args[0]
    assert summary.counts["_unknown"] == 3
    assert "none of these: 3" in d.result_view.toPlainText()
    assert len(list((tmp_path / "mixed-labelled" / "_unknown").iterdir())) == 3


def test_copy_is_the_default_and_a_move_run_is_undone_from_the_dialog(dialog, qtbot, trained, shared_data, tmp_path):
    from classifier_helpers import tree

    from fewshot_studio.core.labelling.journal import JOURNAL_NAME
    from fewshot_studio.gui.project import session_files

    photos = photo_folder(tmp_path, shared_data)
    before = tree(photos)
    d = dialog(classifier=trained, folder=str(photos))
    assert d.mode.currentData() == "copy"
    d.out_edit.setText(str(tmp_path / "sorted"))
    d.mode.setCurrentIndex(d.mode.findData("move"))
    with qtbot.waitSignal(d.labellingFinished, timeout=120_000):
        d.start_button.click()
    assert tree(photos) != before and d.undo_button.isVisible() and d.undo_button.isEnabled()
    assert "Undo this sort" in d.result_view.toPlainText() and "fewshot-studio undo" not in d.result_view.toPlainText()
    journal = tmp_path / "sorted" / JOURNAL_NAME
    assert journal.is_file() and session_files.last_sort() == journal  # hidden, and File ▸ Undo last sort knows it
    with qtbot.waitSignal(d.undoFinished, timeout=60_000) as undone:
        d.undo_button.click()
    assert not undone.args[0].conflicts and tree(photos) == before
    assert "put back" in d.result_view.toPlainText() and not d.undo_button.isVisible()
    assert session_files.last_sort() is None


def test_file_undo_last_sort_puts_the_photos_back(qtbot, window, trained, shared_data, tmp_path, monkeypatch):
    from classifier_helpers import tree

    from fewshot_studio.core.labelling.folder_run import LabelOptions, label_folder
    from fewshot_studio.gui.project import session_files

    photos = photo_folder(tmp_path, shared_data)
    before = tree(photos)
    summary = label_folder(trained, photos, LabelOptions(out_dir=tmp_path / "out", mode="move", recursive=True))
    session_files.remember_last_sort(summary.journal_path)
    window._update_file_menu()
    assert window.undo_sort_action.isEnabled()
    shown = []
    monkeypatch.setattr(LabelDialog, "exec", lambda d: shown.append(d) or qtbot.waitSignal(d.undoFinished, timeout=60_000).wait())
    window.undo_sort_action.trigger()
    assert shown and tree(photos) == before
    window._update_file_menu()
    assert not window.undo_sort_action.isEnabled()


def test_open_results_folder_says_so_when_no_file_manager_opens(dialog, trained, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    d = dialog(classifier=trained)
    d._out_dir = tmp_path
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    d.open_button.setEnabled(True)
    d.open_button.click()
    assert "No file manager" in d.status.text() and str(tmp_path) in d.status.text()
