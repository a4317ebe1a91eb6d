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
        PredictionRow(test_paths[0], "bag", 0.51, (0.51, 0.49), None, 0.6),  # least sure: label next
        PredictionRow(test_paths[1], "dress", 0.97, (0.03, 0.97), None, 0.3),  # sure, and fairly familiar
    ]
    snap = ResultSnapshot(
        class_names=["bag", "dress"], accuracy=0.75, n_heldout=4,
        per_class={"bag": {"accuracy": 0.5, "n": 2, "correct": 1}, "dress": {"accuracy": 1.0, "n": 2, "correct": 2}},
        confusion=np.array([[1, 1], [0, 2]]), heldout=heldout, test=test, threshold=0.6, unknown_threshold=0.05,
        warnings=["“bag” has only 2 images; add at least 3 so the accuracy means something."],
    )
    window.live.set_result(snap)
    return window, snap


def test_summary_and_warnings(trained):
    window, snap = trained
    panel = window.results
    assert panel.summary.accuracy_label.text() == "75 % correct"
    basis = panel.summary.basis_label.text()
    assert "3 of 4 right — 75 % (likely 30–95 %)" in basis and "Only 4 photos" in basis
    assert "Every test photo looks like one of your classes" in basis
    assert panel.summary.table.item(0, 1).text() == "50 %"
    assert panel.summary.table.item(0, 2).text() == "1 of 2"
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


def test_none_of_these_slider_previews_then_marks_tiles_and_the_list(qtbot, trained):
    window, snap = trained
    control = window.results.unknown
    assert control.slider.value() == 5
    assert control.effect_label.text() == "0 of 2 test photos look like none of your classes."
    control.slider.setSliderDown(True)
    control.slider.setValue(40)
    assert "1 test photo would change (0 → 1 “None of these” of 2)" in control.effect_label.text()
    assert window.live.unknown_threshold == pytest.approx(0.05)
    with qtbot.waitSignal(window.live.unknownThresholdChanged):
        control.slider.setSliderDown(False)
        control.apply()
    assert window.project.settings["unknown_threshold"] == pytest.approx(0.4) and window.session.dirty
    from fewshot_studio.gui.buckets.thumbnail_delegate import PredictionRole

    tile = window.buckets.test_pool_widget.model
    assert tile.index(1).data(PredictionRole) == ("dress", 0.97, "unknown")
    assert tile.index(0).data(PredictionRole) == ("bag", 0.51, "unsure")
    panel = window.results
    assert "1 of 2 test photos look like none of your classes" in panel.summary.basis_label.text()
    panel.filter_box.setCurrentIndex(panel.filter_box.findData("unknown"))
    rows = panel.predictions_model.rows
    assert [r.path for r in rows] == [snap.test[1].path]
    assert panel.predictions_model.data(panel.predictions_model.index(0)).startswith("None of these")
    # The unfamiliar photo now comes first in "Label these next", with its answers.
    label_next = panel.label_next
    qtbot.waitUntil(lambda: not label_next.pending() and bool(label_next.rows))
    assert label_next.rows[0].row.path == snap.test[1].path
    texts = [b.text() for b in label_next.rows[0].findChildren(type(panel.cell_chip))]
    assert "None of these" in texts
    none = [b for b in label_next.rows[0].findChildren(type(panel.cell_chip)) if b.text() == "None of these"][0]
    none.click()
    assert snap.test[1].path in window.project.settings["none_of_these"]
    assert window.project.bucket_of(snap.test[1].path) is window.project.test_pool  # stays in the pool
    window.live.set_result(snap)  # a retrain: the answered photo is not asked about again
    qtbot.waitUntil(lambda: not label_next.pending() and bool(label_next.rows))
    assert [w.row.path for w in label_next.rows] == [snap.test[0].path]


def test_label_next_offers_a_new_class_for_a_photo(qtbot, trained):
    window, snap = trained
    label_next = window.results.label_next
    qtbot.waitUntil(lambda: not label_next.pending() and bool(label_next.rows))
    label_next._new_class(label_next.rows[0].row)
    bucket = window.project.bucket_of(snap.test[0].path)
    assert bucket not in (window.project.test_pool, window.project.class_named("bag"), window.project.class_named("dress"))
    window.editor.undo_stack.undo()
    assert window.project.bucket_of(snap.test[0].path) is window.project.test_pool


def test_my_label_is_right_keeps_the_label_and_stops_listing_the_mistake(qtbot, trained):
    window, snap = trained
    mistakes = window.results.mistakes
    qtbot.waitUntil(lambda: not mistakes.pending() and bool(mistakes.rows))
    path = snap.heldout[1].path
    keep = [b for b in mistakes.rows[0].findChildren(type(window.results.cell_chip)) if b.text() == "My label is right"][0]
    keep.click()
    assert window.project.bucket_of(path).name == "bag"  # the label stays
    assert window.project.settings["kept_labels"] == [path] and window.session.dirty
    window.live.set_result(snap)
    qtbot.waitUntil(lambda: not mistakes.pending())
    assert mistakes.rows == []
