"""The bottom line: which device learns, how many images, and whether the model is current.

"Up to date" means the panel describes exactly the images in the buckets; "updating" that a run
is under way (with its progress and a Cancel button); "out of date" that edits are not learned yet.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from fewshot_studio.core.project import Project
from fewshot_studio.gui.backbone_menu import display_name

STATE_LOOK = {
    "up_to_date": ("#1f6f3a", "● Model up to date"),
    "updating": ("#1a4fa0", "◌ Model updating"),
    "stale": ("#8a5300", "● Model out of date"),
    "error": ("#a11a1a", "● Training failed"),
    "empty": ("#5f6670", "○ No model yet"),
}


class StatusBar(QStatusBar):
    cancelClicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.device_label = QLabel("Device: not started yet")
        self.backbone_label = QLabel()
        self.counts_label = QLabel()
        self.state_label = QLabel()
        self.state_label.setToolTip("")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop learning (your images stay as they are)")
        self.cancel_button.clicked.connect(self.cancelClicked)
        self.cancel_button.hide()
        self.addWidget(self.state_label)
        self.addWidget(self.progress)
        self.addWidget(self.cancel_button)
        self.addPermanentWidget(self.counts_label)
        self.addPermanentWidget(self.backbone_label)
        self.addPermanentWidget(self.device_label)
        self.set_state("empty", "Add images to at least two classes")

    def set_device(self, name: str) -> None:
        self.device_label.setText(f"Device: {name}")

    def set_backbone(self, name: str) -> None:
        """The feature extractor in use: a stock name, or a backbone file's name."""
        self.backbone_label.setText(f"Base model: {display_name(name)}")
        self.backbone_label.setToolTip(f"{name} (change it in Model ▸ Base model)")

    def set_counts(self, project: Project) -> None:
        n_img, n_cls, n_test = project.image_count(), len(project.classes), len(project.test_pool)
        self.counts_label.setText(
            f"{n_img} labelled image{'s' if n_img != 1 else ''} in {n_cls} class{'es' if n_cls != 1 else ''} · "
            f"{n_test} test image{'s' if n_test != 1 else ''}"
        )

    def set_state(self, state: str, message: str) -> None:
        color, text = STATE_LOOK.get(state, STATE_LOOK["empty"])
        self.state = state
        self.state_label.setText(f"<span style='color:{color}; font-weight:600'>{text}</span>"
                                 f"<span style='color:#3c4350'> — {message}</span>")
        busy = state == "updating"
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)  # busy until the first progress report

    def set_progress(self, stage: str, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(f"{stage} {done}/{total}")
        else:
            self.progress.setRange(0, 0)
        self.progress.setToolTip(stage)
