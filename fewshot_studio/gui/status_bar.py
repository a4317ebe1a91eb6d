"""The bottom line: which device learns, how many images, and whether the model is current.

"Up to date" means the panel describes exactly the images in the buckets; "updating" that a run
is under way (with its progress and a Cancel button); "out of date" that edits are not learned yet.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QSizePolicy, QStatusBar, QWidget

from fewshot_studio.core.project import Project
from fewshot_studio.gui.plain_words import device_text, model_name, stage_text, technical_model_name

STATE_LOOK = {
    "up_to_date": ("#1f6f3a", "● ", QT_TRANSLATE_NOOP("StatusBar", "Model up to date")),
    "updating": ("#1a4fa0", "◌ ", QT_TRANSLATE_NOOP("StatusBar", "Model updating")),
    "stale": ("#8a5300", "● ", QT_TRANSLATE_NOOP("StatusBar", "Model out of date")),
    "error": ("#a11a1a", "● ", QT_TRANSLATE_NOOP("StatusBar", "Training failed")),
    "empty": ("#5f6670", "○ ", QT_TRANSLATE_NOOP("StatusBar", "No model yet")),
}


class StatusBar(QStatusBar):
    cancelClicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.device_label = QLabel(QCoreApplication.translate("plain_words", device_text("")))
        self.device_label.setToolTip(self.tr('Where the learning runs; known once it starts'))
        self.backbone_label = QLabel()
        self.counts_label = QLabel()
        self.state_label = QLabel()
        # The state line gives way first when the window is narrow (its full text is in the
        # tooltip), so the status bar never sets the window's minimum width.
        self.state_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.state_label.setMinimumWidth(160)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(110)
        self.progress.setTextVisible(True)
        # The stage goes in its own label, which grows with its text: a bar's text is cut at its width.
        self.stage_label = QLabel()
        self.stage_label.hide()
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr('Cancel'))
        self.cancel_button.setToolTip(self.tr('Stop learning (your images stay as they are)'))
        self.cancel_button.clicked.connect(self.cancelClicked)
        self.cancel_button.hide()
        self.addWidget(self.state_label, 1)
        self.addWidget(self.stage_label)
        self.addWidget(self.progress)
        self.addWidget(self.cancel_button)
        self.addPermanentWidget(self.counts_label)
        self.addPermanentWidget(self.backbone_label)
        self.addPermanentWidget(self.device_label)
        self.set_state("empty", self.tr('Add images to at least two classes'))

    def set_device(self, name: str) -> None:
        self.device_label.setText(QCoreApplication.translate("plain_words", device_text(name)))
        self.device_label.setToolTip(f"Device: {name}")

    def set_backbone(self, name: str) -> None:
        """The feature extractor in use: a stock name, or a backbone file's name."""
        self.backbone_label.setText(self.tr("Model: {0}").format(QCoreApplication.translate("plain_words", model_name(name))))
        self.backbone_label.setToolTip(f"Base model: {technical_model_name(name)} (change it in Model ▸ Fast or accurate)")

    def set_counts(self, project: Project) -> None:
        n_img, n_cls, n_test = project.image_count(), len(project.classes), len(project.test_pool)
        self.counts_label.setText(
            self.tr("{0} in {1} · {2}").format(
                self.tr("{0} photos").format(n_img) if n_img != 1 else self.tr("1 photo"),
                self.tr("{0} classes").format(n_cls) if n_cls != 1 else self.tr("1 class"),
                self.tr("{0} test photos").format(n_test) if n_test != 1 else self.tr("1 test photo"))
        )

    def set_state(self, state: str, message: str) -> None:
        color, mark, text = STATE_LOOK.get(state, STATE_LOOK["empty"])
        text = mark + QCoreApplication.translate("StatusBar", text)
        self.state = state
        self.state_label.setText(f"<span style='color:{color}; font-weight:600'>{text}</span>"
                                 f"<span style='color:#3c4350'> — {message}</span>")
        self.state_label.setToolTip(f"{text[2:]} — {message}")
        busy = state == "updating"
        self.progress.setVisible(busy)
        self.stage_label.setVisible(busy)
        self.counts_label.setVisible(not busy)  # room for the stage, which is never cut (1024 px wide)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)  # busy until the first progress report
            self.stage_label.setText("")

    def set_progress(self, stage: str, done: int, total: int) -> None:
        plain = QCoreApplication.translate("plain_words", stage_text(stage))
        if total > 1:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(f"{done}/{total}")
        elif total == 1:  # a one-step stage: a count "0/1" says nothing
            self.progress.setRange(0, 1)
            self.progress.setValue(done)
            self.progress.setFormat("")
        else:
            self.progress.setRange(0, 0)
        self.stage_label.setText(plain)
        self.progress.setToolTip(stage)
