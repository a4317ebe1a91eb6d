"""The right side: how good the model is, where it is wrong, and what to label next.

Headline accuracy and per-class numbers on top; tabs below for the confusion matrix, the list of
predictions (with the "unsure" and "None of these" sliders), the mistakes, "label these next" and
the warnings. A
click on a confusion cell opens the predictions tab filtered to that cell.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from fewshot_studio.gui.buckets.thumbnails import ThumbnailLoader
from fewshot_studio.gui.project.project_editor import ProjectEditor
from fewshot_studio.gui.results.action_lists import LabelNextList, MistakesList
from fewshot_studio.gui.results.confusion_view import ConfusionView
from fewshot_studio.gui.results.live_results import LiveResults
from fewshot_studio.gui.results.predictions_view import FILTERS, PredictionsModel, PredictionsView
from fewshot_studio.gui.results.summary_view import SummaryView
from fewshot_studio.gui.results.threshold_control import ThresholdControl, UnknownControl
from fewshot_studio.gui.results.warnings_view import WarningsView


class ResultsPanel(QWidget):
    def __init__(self, live: LiveResults, editor: ProjectEditor, thumbs: ThumbnailLoader, parent: QWidget | None = None):
        super().__init__(parent)
        self.live = live
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.summary = SummaryView()
        layout.addWidget(self.summary)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        self.confusion = ConfusionView()
        self.confusion.cellChosen.connect(self.show_cell)
        confusion_page = QWidget()
        cl = QVBoxLayout(confusion_page)
        hint = QLabel(self.tr('Rows: the class you gave · Columns: what the model said · Click a cell to see its images'))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6670;")
        cl.addWidget(hint)
        cl.addWidget(self.confusion, 1)
        self.tabs.addTab(confusion_page, self.tr('Confusion'))

        self.predictions_model = PredictionsModel(live, thumbs, self)
        self.predictions = PredictionsView(self.predictions_model)
        page = QWidget()
        pl = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.filter_box = QComboBox()
        for key, label in FILTERS.items():
            self.filter_box.addItem(QCoreApplication.translate("PredictionsView", label), key)
        self.filter_box.currentIndexChanged.connect(self._filter_changed)
        bar.addWidget(self.filter_box, 1)
        self.cell_chip = QPushButton()
        self.cell_chip.setToolTip(self.tr('Show all predictions again'))
        self.cell_chip.clicked.connect(lambda: self._filter_changed(self.filter_box.currentIndex()))
        self.cell_chip.hide()
        bar.addWidget(self.cell_chip)
        pl.addLayout(bar)
        self.pool_note = QLabel(self.tr("Photos in the test pool help the model learn: it uses the ones that look "
                                        "like your classes and leaves out the ones that look like none of them "
                                        "(“None of these”)."))
        self.pool_note.setWordWrap(True)
        self.pool_note.setStyleSheet("color: #5f6670;")
        pl.addWidget(self.pool_note)
        pl.addWidget(self.predictions, 1)
        self.threshold = ThresholdControl(live)
        pl.addWidget(self.threshold)
        self.unknown = UnknownControl(live)
        pl.addWidget(self.unknown)
        self.tabs.addTab(page, self.tr('Predictions'))

        self.mistakes = MistakesList(live, editor, thumbs)
        self.tabs.addTab(self.mistakes, self.tr('Mistakes'))
        self.label_next = LabelNextList(live, editor, thumbs)
        self.tabs.addTab(self.label_next, self.tr('Label these next'))
        self.warnings = WarningsView(live)
        self.tabs.addTab(self.warnings, self.tr('Warnings'))
        live.changed.connect(self.refresh)
        live.unknownThresholdChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *_) -> None:
        snap = self.live.snapshot
        self.summary.show_snapshot(snap, self.live.unknown_threshold)
        if snap is not None:
            self.confusion.confusion.set_matrix(snap.class_names, snap.confusion)
        else:
            self.confusion.confusion.set_matrix([], [])
        n_mistakes = len(snap.mistakes) if snap else 0
        self.tabs.setTabText(self.tabs.indexOf(self.mistakes), self.tr("Mistakes ({0})").format(n_mistakes) if snap else self.tr("Mistakes"))
        n_warn = self.warnings.count()
        self.tabs.setTabText(self.tabs.indexOf(self.warnings), self.tr("Warnings ({0})").format(n_warn) if n_warn else self.tr("Warnings"))
        if self.predictions_model.mode == "cell":
            self.predictions_model.refilter()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """On a short screen the per-class table gives its room to the tabs (1024×700)."""
        super().resizeEvent(event)
        self.summary.set_max_rows(8 if self.height() >= 760 else 4)

    def show_cell(self, true: str, pred: str) -> None:
        self.predictions_model.set_filter("cell", (true, pred))
        n = self.predictions_model.rowCount()
        what = "correct" if true == pred else f"predicted as “{pred}”"
        self.cell_chip.setText(f"“{true}” {what}: {n} ✕")
        self.cell_chip.show()
        self.filter_box.setEnabled(False)
        self.tabs.setCurrentIndex(self.tabs.indexOf(self.predictions.parentWidget()))

    def _filter_changed(self, index: int) -> None:
        self.cell_chip.hide()
        self.filter_box.setEnabled(True)
        self.predictions_model.set_filter(self.filter_box.itemData(index))

    def show_tab(self, name: str) -> None:
        widget = {"mistakes": self.mistakes, "label_next": self.label_next, "warnings": self.warnings,
                  "confusion": self.confusion.parentWidget(), "predictions": self.predictions.parentWidget()}[name]
        self.tabs.setCurrentWidget(widget)

