"""A window a first-time user can read: plain words, a toolbar that holds still, nothing cut off,
12+ classes readable, and a layout that still works at 1024×700."""
from __future__ import annotations

import numpy as np
from gui_helpers import drop_files
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QToolButton

from fewshot_studio.gui.buckets.thumbnail_delegate import badge_text
from fewshot_studio.gui.results.confusion_view import ConfusionView
from fewshot_studio.gui.status_bar import StatusBar


def test_toolbar_undo_and_redo_keep_their_label_and_say_the_action_in_the_tooltip(qtbot, window, pictures):
    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent])
    bag = window.project.class_named("bag")
    window.editor.move(bag.paths[:2], window.project.test_pool)
    assert window.undo_button.text() == "Undo" and window.undo_button.isEnabled()
    assert window.undo_button.toolTip().startswith("Undo: ") and len(window.undo_button.toolTip()) > len("Undo: ")
    window.undo_button.trigger()
    assert len(bag.paths) == len(pictures["bag"])
    assert window.redo_button.text() == "Redo" and window.redo_button.isEnabled()
    assert window.redo_button.toolTip().startswith("Redo: ")


def test_nothing_falls_into_the_toolbar_overflow_at_1280_px(qtbot, window):
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    extension = window.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()
    for action in window.toolbar.actions():
        if not action.isSeparator():
            assert window.toolbar.widgetForAction(action).isVisible(), action.text()


def test_progress_text_is_plain_and_never_cut(qtbot):
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.resize(1024, 30)
    bar.show()
    bar.set_state("updating", "Learning from 80 photos…")
    bar.set_progress("Evaluating on held-out images", 0, 1)
    assert bar.stage_label.text() == "Checking on photos it did not learn from"
    assert bar.progress.format() == ""  # no meaningless "0/1"
    bar.set_progress("Fine-tuning: choosing the schedule", 5, 100)
    assert bar.stage_label.text() == "Fine-tuning: trying settings" and bar.progress.format() == "5/100"
    qtbot.waitUntil(lambda: bar.stage_label.width() >= bar.stage_label.sizeHint().width())
    assert not bar.counts_label.isVisible()  # gives its room to the stage while busy


def test_status_bar_speaks_plainly_and_keeps_the_detail_in_tooltips(qtbot):
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.set_device("CPU (2 cores)")
    bar.set_backbone("efficientnet-lite0")
    assert bar.device_label.text() == "Runs on the processor" and "2 cores" in bar.device_label.toolTip()
    assert bar.backbone_label.text() == "Model: Fast" and "EfficientNet-Lite0 (224 px)" in bar.backbone_label.toolTip()


def test_a_badge_elides_the_class_name_never_the_percentage():
    font = QFont()
    text = badge_text(font, "lily of the valley (convallaria)", " 97%", 80)
    assert text.endswith(" 97%") and "…" in text
    assert badge_text(font, "iris", " 51%", 200) == "iris 51%"


def test_confusion_headers_with_12_classes_are_upright_and_carry_the_full_name(qtbot):
    view = ConfusionView()
    qtbot.addWidget(view)
    names = [f"class number {i} with a long name" for i in range(12)]
    view.confusion.set_matrix(names, np.eye(12, dtype=int))
    view.resize(500, 500)
    view.show()
    header = view.horizontalHeader()
    assert header.rotated() and header.sizeHint().height() > 60
    assert names[3] in view.confusion.headerData(3, header.orientation(), 3)  # ToolTipRole
    assert view.verticalHeader().width() <= 110
    view.confusion.set_matrix(names[:3], np.eye(3, dtype=int))
    assert not header.rotated()


def test_warnings_text_sits_at_the_top(window):
    from PySide6.QtCore import Qt

    assert window.results.warnings.intro.alignment() & Qt.AlignmentFlag.AlignTop


def test_the_demo_button_says_what_the_demo_holds(window):
    from fewshot_studio.core.project import load_project
    from fewshot_studio.gui.project import session_files

    classes = load_project(session_files.demo_source() / session_files.DEMO_FILE).project.classes
    tip = window.empty.demo_button.toolTip()
    assert f"{len(classes)} kinds" in tip and f"{len(classes[0].paths)} examples each" in tip


def test_the_restored_work_notice_goes_once_it_is_saved(qtbot, window, pictures, tmp_path):
    drop_files(qtbot, window, window.buckets.new_class_zone, [pictures["bag"][0].parent])
    window.notices.show_notice("Your unsaved work from the last session was restored. Save it to keep it.", key="restore")
    assert window.session._write(tmp_path / "p.fsproject")
    assert not [n for n in window.notices.notices if n.key == "restore"]


def test_learned_text_counts_only_the_photos_it_used_and_never_says_0_0_s():
    from fewshot_studio.gui.results.result_rows import ResultSnapshot
    from fewshot_studio.gui.work.training_worker import TrainingJob, learned_text

    job = TrainingJob(1, {"a": ["1.jpg", "2.jpg"], "b": ["3.jpg", "4.jpg"]}, test_paths=["t.jpg"])
    snap = ResultSnapshot(["a", "b"], 1.0, 2, {}, np.eye(2), [], [], 0.5, skipped=[("2.jpg", "broken"), ("t.jpg", "x")],
                          seconds=0.02)
    assert learned_text(job, snap) == "learned from 3 photos in under a second"


def test_at_1024_by_700_two_classes_and_every_tab_are_in_reach(qtbot, window, pictures):
    drop_files(qtbot, window, window.buckets.new_class_zone, [p[0].parent for p in pictures.values()])
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.size().width() == 1024 and window.size().height() == 700)
    assert window.minimumSizeHint().width() <= 1024
    viewport = window.buckets.scroll.viewport()

    def classes_in_view() -> int:
        return sum(1 for w in window.buckets.widgets.values()
                   if w.mapTo(viewport, w.rect().bottomLeft()).y() <= viewport.height())

    qtbot.waitUntil(lambda: classes_in_view() >= 2)
    tabs = window.results.tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        assert tabs.currentWidget().isVisible()


def test_a_long_class_name_is_elided_and_never_pushes_the_buttons_out(qtbot, window, pictures):
    """At 1024 px a 50-letter class name once widened every bucket past the column, cutting
    "Add photos…" off for all classes; now the name gives way, whole in its tooltip."""
    drop_files(qtbot, window, window.buckets.new_class_zone, [p[0].parent for p in pictures.values()])
    long_name = "A character with a very long name that does not fit anywhere"
    bucket = window.project.classes[0]
    window.editor.rename(bucket, long_name)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.size().width() == 1024)
    viewport = window.buckets.scroll.viewport()

    def buttons_in_view() -> bool:
        return all(w.folder_button.mapTo(viewport, w.folder_button.rect().topRight()).x() <= viewport.width()
                   for w in window.buckets.widgets.values())

    qtbot.waitUntil(buttons_in_view, timeout=3000)
    label = window.buckets.widget_for(bucket).name_label
    assert label.text() == long_name and label.toolTip() == long_name
    assert label.width() < label.fontMetrics().horizontalAdvance(long_name)  # shown elided
