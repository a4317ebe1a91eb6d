"""The live panel with a known result: slider preview, confusion clicks, mistakes, label-next.

The snapshot is built by hand over the window's real project, so every number is known and the
tests need no training.
"""
from __future__ import annotations

import numpy as np
import pytest
from gui_helpers import drop_files
from PySide6.QtCore import Qt

from fewshot_studio.gui.results.result_rows import PredictionRow, ResultSnapshot


@pytest.fixture
def trained(qtbot, window, pictures):
    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent, pictures["dress"][0].parent])
    bag, dress = window.project.class_named("bag"), window.project.class_named("dress")
    test_paths = window.project.bucket_of(bag.paths[-1]) and [bag.paths[-1], dress.paths[-1]]
    window.editor.move(test_paths, window.project.test_pool)
    heldout = [
        PredictionRow(bag.paths[0], "bag", 0.95, (0.95, 0.05), "bag"),
        PredictionRow(bag.paths[1], "dress", 0.62, (0.38, 0.62), "bag"),  # a mistake (label is right)
        PredictionRow(dress.paths[0], "dress", 0.88, (0.12, 0.88), "dress"),
        PredictionRow(dress.paths[1], "dress", 0.55, (0.45, 0.55), "dress"),
    ]
    test = [
        PredictionRow(test_paths[0], "bag", 0.51, (0.51, 0.49)),  # least sure: label next
        PredictionRow(test_paths[1], "dress", 0.97, (0.03, 0.97)),
    ]
    snap = ResultSnapshot(
        class_names=["bag", "dress"], accuracy=0.75, n_heldout=4,
        per_class={"bag": {"accuracy": 0.5, "n": 2}, "dress": {"accuracy": 1.0, "n": 2}},
        confusion=np.array([[1, 1], [0, 2]]), heldout=heldout, test=test, threshold=0.6,
        warnings=["“bag” has only 2 images; add at least 3 so the accuracy means something."],
    )
    window.live.set_result(snap)
    return window, snap


def test_summary_and_warnings(trained):
    window, snap = trained
    panel = window.results
    assert panel.summary.accuracy_label.text() == "75 % correct"
    assert "did not learn from: 3 of 4 photos right" in panel.summary.basis_label.text()
    assert panel.summary.table.item(0, 1).text() == "50 %"
    assert panel.tabs.tabText(panel.tabs.indexOf(panel.mistakes)) == "Mistakes (1)"
    assert panel.tabs.tabText(panel.tabs.indexOf(panel.warnings)) == "Warnings (1)"
    assert "only 2 images" in panel.warnings.list.item(0).text()


def test_threshold_slider_previews_then_applies(qtbot, trained):
    window, snap = trained
    control = window.results.threshold
    assert control.slider.value() == 60
    # unsure now: 0.55, 0.51 (2 of 6)
    assert control.effect_label.text() == "2 of 6 predictions are unsure."
    control.slider.setSliderDown(True)  # dragging: preview only
    control.slider.setValue(90)
    assert "2 predictions would change (2 → 4 unsure of 6)" in control.effect_label.text()
    assert window.live.threshold == pytest.approx(0.6)
    with qtbot.waitSignal(window.live.thresholdChanged):
        control.slider.setSliderDown(False)
        control.apply()
    assert window.live.threshold == pytest.approx(0.9)
    assert window.project.settings["threshold"] == pytest.approx(0.9) and window.session.dirty
    tile = window.buckets.test_pool_widget.model
    from fewshot_studio.gui.buckets.thumbnail_delegate import PredictionRole

    assert tile.index(1).data(PredictionRole) == ("dress", 0.97, "sure")
    assert tile.index(0).data(PredictionRole) == ("bag", 0.51, "unsure")
    control.slider.setValue(50)  # a keyboard/click change applies at once
    assert window.live.threshold == pytest.approx(0.5)


def test_confusion_cell_click_lists_those_images(qtbot, trained):
    window, snap = trained
    panel = window.results
    view = panel.confusion
    rect = view.visualRect(view.model().index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.tabs.currentWidget() is panel.predictions.parentWidget()
    rows = panel.predictions_model.rows
    assert [r.path for r in rows] == [snap.heldout[1].path]
    assert "“bag” predicted as “dress”: 1" in panel.cell_chip.text()
    panel.cell_chip.click()
    assert len(panel.predictions_model.rows) == 6
    panel.filter_box.setCurrentIndex(panel.filter_box.findData("test"))
    assert [r.path for r in panel.predictions_model.rows] == [r.path for r in snap.test]


def test_mistake_moves_to_the_right_bucket_in_one_click_and_undoes(qtbot, trained):
    window, snap = trained
    mistakes = window.results.mistakes
    qtbot.waitUntil(lambda: not mistakes.pending())  # rows are built a few per event-loop turn
    assert len(mistakes.rows) == 1
    path = snap.heldout[1].path
    button = [b for b in mistakes.rows[0].findChildren(type(window.results.cell_chip)) if b.text().startswith("Move")][0]
    assert button.text() == "Move to “dress”"
    button.click()
    assert window.project.bucket_of(path).name == "dress"
    window.editor.undo_stack.undo()
    assert window.project.bucket_of(path).name == "bag"


def test_label_next_lists_least_sure_test_images_first(qtbot, trained):
    window, snap = trained
    label_next = window.results.label_next
    qtbot.waitUntil(lambda: not label_next.pending())
    assert [w.row.path for w in label_next.rows] == [snap.test[0].path, snap.test[1].path]
    buttons = [b.text() for b in label_next.rows[0].findChildren(type(window.results.cell_chip))]
    assert buttons[:2] == ["bag", "dress"]
    first = [b for b in label_next.rows[0].findChildren(type(window.results.cell_chip)) if b.text() == "bag"][0]
    first.click()
    assert window.project.bucket_of(snap.test[0].path).name == "bag"
    assert len(window.project.test_pool) == 1


def test_labelled_mistake_shows_a_red_badge_on_its_tile(trained):
    window, snap = trained
    from fewshot_studio.gui.buckets.thumbnail_delegate import PredictionRole

    bag = window.project.class_named("bag")
    model = window.buckets.widget_for(bag).model
    assert model.index(1).data(PredictionRole) == ("dress", 0.62, "wrong")
    assert model.index(0).data(PredictionRole) is None
