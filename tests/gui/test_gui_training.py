"""The training worker through the real window: progress, cancel, restart, and honest numbers.

Cancel and restart are tested with a stand-in for the engine that holds the run open until the
test lets it go (so "a new edit during a run" really happens during a run, however warm the
cache is); the real engine is used for the numbers, on 32 labelled + 4 test images.
"""
from __future__ import annotations

import os
import threading

import numpy as np
import pytest
from gui_helpers import drop_files

from fewshot_studio.core.classifier import training
from fewshot_studio.core.util.progress import Progress
from fewshot_studio.gui.results.result_rows import percent


@pytest.fixture
def filled(qtbot, window, pictures, shared_data):
    """The window with 4 classes × 8 Fashion-MNIST images and 4 unlabelled test images."""
    drop_files(qtbot, window, window.buckets.new_class_zone, [paths[0].parent for paths in pictures.values()])
    test = [shared_data / "fashion_mnist_100" / name / "0050.png" for name in pictures]
    drop_files(qtbot, window, window.buckets.test_pool_widget.view, test)
    assert len(window.project.classes) == 4 and len(window.project.test_pool) == 4
    return window


@pytest.fixture
def held_engine(monkeypatch):
    """Replace the engine with one that reports progress, then waits for ``gate`` (or a cancel)."""
    real = training.train_classifier
    state = {"gate": threading.Event(), "calls": [], "threads": [], "finetune": [], "backbone": []}

    def engine(examples, **kwargs):
        state["calls"].append({k: list(v) for k, v in examples.items()})
        state["finetune"].append(kwargs.get("finetune"))
        state["backbone"].append(kwargs.get("backbone"))
        state["threads"].append(threading.current_thread() is threading.main_thread())
        kwargs["progress"](Progress("Embedding images", 0, 10))
        while not state["gate"].wait(0.005):  # in the worker thread: hold the run open
            kwargs["cancel"].raise_if_cancelled()
        return real(examples, **kwargs)

    monkeypatch.setattr(training, "train_classifier", engine)
    return state


def test_panel_numbers_equal_the_engine_on_the_same_data(qtbot, filled, monkeypatch):
    window = filled
    stages = []
    window.trainer.progress.connect(lambda stage, done, total: stages.append((stage, done, total)))
    with qtbot.waitSignal(window.trainer.resultReady, timeout=240_000) as blocker:
        window.train_action.trigger()
    snap, result = blocker.args
    assert window.trainer.state == "up_to_date" and window.status.state == "up_to_date"
    assert any(stage == "Embedding images" for stage, _, _ in stages)
    assert window.status.device_label.toolTip().startswith("Device: CPU") and "processor" in window.status.device_label.text()

    engine = training.train_classifier(window.project.examples(), test_paths=window.project.test_pool.paths)
    ev = engine.evaluation
    panel = window.results
    assert panel.summary.accuracy_label.text() == f"{percent(ev.accuracy)} correct"
    assert ev.sentence() in panel.summary.basis_label.text()  # "17 of 20 right — 85 % (likely 64–95 %)"
    assert snap.accuracy_ci95 == ev.accuracy_ci95 and snap.n_correct == ev.n_correct
    assert snap.n_heldout == ev.n_heldout and snap.accuracy == pytest.approx(ev.accuracy)
    for row, name in enumerate(ev.class_names):
        assert panel.summary.table.item(row, 0).text() == name
        assert panel.summary.table.item(row, 1).text() == percent(ev.per_class[name]["accuracy"])
        stats = ev.per_class[name]
        assert panel.summary.table.item(row, 2).text() == f"{stats['correct']} of {stats['n']}"
    model = panel.confusion.confusion
    shown = np.array([[int(model.index(r, c).data()) for c in range(model.columnCount())] for r in range(model.rowCount())])
    assert (shown == ev.confusion).all()
    engine_test = {p.path: (ev.class_names[p.pred], p.confidence) for p in engine.test_predictions}
    assert {r.path: (r.pred, pytest.approx(r.confidence)) for r in snap.test} == engine_test
    assert len(snap.mistakes) == len(ev.mistakes)
    # test-pool tiles show the live prediction
    tile = window.buckets.test_pool_widget.model
    from fewshot_studio.gui.buckets.thumbnail_delegate import PredictionRole

    badge = tile.index(0).data(PredictionRole)
    assert badge[0] == engine_test[tile.path_at(0)][0]

    # File ▸ Export… hands the trained classifier to the export dialog
    from fewshot_studio.gui.dialogs.export_dialog import ExportDialog

    opened = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: opened.append(self) or 0)
    assert window.export_action.isEnabled()
    window.export_action.trigger()
    assert opened and opened[0]._classifier is result.classifier
    assert opened[0].check_images and set(opened[0].check_images) <= {r.path for r in snap.rows}


def test_cancel_stops_the_run_and_leaves_the_model_stale(qtbot, filled, held_engine):
    window = filled
    with qtbot.waitSignal(window.trainer.progress, timeout=20_000):
        window.trainer.start_now()
    assert window.status.state == "updating" and window.status.cancel_button.isVisibleTo(window)
    with qtbot.waitSignal(window.trainer.jobEnded, timeout=20_000) as ended:
        window.status.cancel_button.click()
    assert ended.args[1] == "cancelled"
    assert window.trainer.state == "stale" and not window.trainer.busy
    assert window.live.snapshot is None
    assert held_engine["threads"] == [False]  # the engine never ran in the GUI thread


def test_a_new_edit_cancels_the_run_and_restarts_with_the_new_images(qtbot, filled, held_engine):
    window = filled
    window.trainer.auto = True
    ends = []
    window.trainer.jobEnded.connect(lambda job, how: ends.append(how))
    with qtbot.waitSignal(window.trainer.progress, timeout=20_000):
        window.trainer.start_now()
    bag = window.project.classes[0]
    gone = bag.paths[0]
    with qtbot.waitSignals([window.trainer.jobEnded, window.trainer.jobStarted], timeout=20_000):
        window.editor.remove(bag, [gone])  # an edit while the first run is going
    assert ends == ["cancelled"]
    held_engine["gate"].set()
    with qtbot.waitSignal(window.trainer.resultReady, timeout=240_000) as blocker:
        pass
    assert ends == ["cancelled", "finished"]
    assert gone not in held_engine["calls"][-1][bag.name] and gone in held_engine["calls"][0][bag.name]
    assert all(r.path != gone for r in blocker.args[0].heldout)
    assert window.trainer.state == "up_to_date"


def test_not_enough_data_is_said_in_words(qtbot, window, pictures, tmp_path):
    window.editor.new_class("bag")
    with qtbot.waitSignal(window.trainer.stateChanged, timeout=5_000) as blocker:
        window.trainer.start_now()
    assert blocker.args[0] == "empty" and "two classes" in blocker.args[1]
    # two classes, but one holds only a file that is not an image any more
    broken = tmp_path / "was-an-image.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    dress = window.editor.new_class("dress")
    bag = window.project.class_named("bag")
    window.editor.project.insert_images(bag, [str(p) for p in pictures["bag"][:3]])
    window.editor.project.insert_images(dress, [str(broken)])
    with qtbot.waitSignal(window.trainer.stateChanged, timeout=240_000,
                          check_params_cb=lambda state, msg: state == "error") as blocker:
        window.trainer.start_now()
    assert "dress" in blocker.args[1] and os.path.isfile(broken)


def test_fine_tune_is_a_visible_choice_with_a_time_estimate(qtbot, filled, held_engine):
    from fewshot_studio.gui.finetune_option import describe_duration, model_passes

    window = filled
    option = window.finetune
    assert option.isVisibleTo(window) and "Fine-tune" in option.checkbox.text()
    option.set_speed(0.1)  # what the worker measures on this computer
    seconds = 0.1 * model_passes(32, 4)
    assert describe_duration(seconds) in option.estimate_label.text() and "rough estimate" in option.estimate_label.toolTip()
    option.checkbox.click()
    assert window.project.settings["finetune"] is True and window.session.dirty
    with qtbot.waitSignal(window.trainer.progress, timeout=20_000):
        window.trainer.start_now()
    assert held_engine["finetune"] == [True]
    option.record_run(120.0, 32, 4)  # a real fine-tuned run took 2 minutes
    assert "about 2 minutes" in option.estimate_label.text() and "from a real run" in option.estimate_label.toolTip()


def test_an_edit_during_a_manual_run_leaves_the_result_marked_out_of_date(qtbot, filled, held_engine):
    window = filled  # automatic learning is off in these tests: the run is not restarted
    with qtbot.waitSignal(window.trainer.progress, timeout=20_000):
        window.trainer.start_now()
    bag = window.project.classes[0]
    window.editor.remove(bag, [bag.paths[0]])
    assert window.trainer.busy  # not cancelled
    held_engine["gate"].set()
    with qtbot.waitSignal(window.trainer.resultReady, timeout=240_000):
        pass
    assert window.trainer.state == "stale" and window.status.state == "stale"
    assert window.live.snapshot is not None  # the result is shown, marked as out of date


def test_a_backbone_file_is_chosen_checked_and_used_for_learning(qtbot, filled, held_engine, backbone, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from fewshot_studio.core.features.backbone_file import save_backbone_file

    window, menu = filled, filled.backbone_menu
    assert menu.stock["efficientnet-lite0"].isChecked() and "Lite0" in window.status.backbone_label.toolTip()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    bad = tmp_path / "bad.fewshot-backbone"
    bad.write_bytes(b"not a zip at all")
    assert not menu.accept_file(str(bad))
    assert "bad.fewshot-backbone" in warnings[0] and "backbone" not in window.project.settings
    assert menu.stock["efficientnet-lite0"].isChecked()

    small = save_backbone_file(tmp_path / "small96.fewshot-backbone", backbone.net, "efficientnet-lite0", 96, label="96 px")
    assert menu.accept_file(str(small))
    assert window.project.settings["backbone"] == str(small) and window.session.dirty
    assert menu.file_action.isChecked() and "small96" in menu.file_action.text()
    assert window.status.backbone_label.text() == "Model: small96"
    with qtbot.waitSignal(window.trainer.resultReady, timeout=120_000):
        window.trainer.start_now()
        held_engine["gate"].set()
    assert held_engine["backbone"][-1] == str(small)
    assert window.live.snapshot is not None and window.live.snapshot.n_heldout > 0


def test_the_base_model_menu_lists_the_stock_backbones_and_opens_from_the_menu_bar(qtbot, window):
    names = [a.text() for a in window.backbone_menu.actions() if not a.isSeparator()]
    assert names[:3] == ["Fast (recommended)", "Balanced", "Accurate"] and names[-1] == "Your own base model from a file…"
    tips = [a.toolTip() for a in window.backbone_menu.actions() if not a.isSeparator()]
    assert "EfficientNet-Lite0 (224 px)" in tips[0] and ("Lite2 (260 px)" in tips[2] or "Not installed" in tips[2])
    window.show_base_model_menu()
    qtbot.waitUntil(window.backbone_menu.isVisible, timeout=5_000)
    window.backbone_menu.hide()
    window.model_menu.hide()


def test_the_fine_tuning_speed_is_timed_after_the_first_result_not_before(qtbot, filled):
    """Timing torch for the estimate imports it (2 s on a CPU, which a first result no longer
    needs): the result comes first, the measurement after it, once per session."""
    window = filled
    order = []
    window.trainer.resultReady.connect(lambda *_: order.append("result"))
    window.trainer.speedMeasured.connect(lambda s: order.append(("speed", s)))
    with qtbot.waitSignal(window.trainer.speedMeasured, timeout=120_000):
        window.trainer.start_now()
    assert order[0] == "result" and order[1][0] == "speed" and order[1][1] > 0
    assert window.finetune.sec_per_image == order[1][1]


def test_the_warm_up_says_when_it_is_done_without_timing_torch(qtbot):
    from fewshot_studio.gui.work.training_worker import TrainingWorker

    worker = TrainingWorker()
    timed = []
    worker.speedMeasured.connect(timed.append)
    with qtbot.waitSignal(worker.warmedUp, timeout=120_000):
        worker.warm_up("efficientnet-lite0")  # in this thread: the signal still comes
    assert timed == []
