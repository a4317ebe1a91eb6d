"""Try a photo: drop, paste or open one photo (or point the webcam) and see the model's bars at
once, without adding it to the project (Teachable Machine's Preview, Lobe's Play).

It is the large photo view with ways to bring a photo in; the model is asked in the background.
Pasted picture data is written to a scratch folder in the app's data folder (the model reads
files) and removed when the dialog closes.
"""
from __future__ import annotations

import shutil
import sys

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QWidget

from fewshot_studio.gui.buckets.drag_data import accepts, local_files, pasted_files
from fewshot_studio.gui.dialogs import last_folder
from fewshot_studio.gui.dialogs.last_folder import IMAGE_FILTER
from fewshot_studio.gui.dialogs.photo_viewer import PhotoViewer


class TryPhotoDialog(PhotoViewer):
    def __init__(self, classifier=None, threshold: float = 0.5, parent: QWidget | None = None,
                 unknown_threshold: float | None = None):
        super().__init__(None, classifier=classifier, threshold=threshold, parent=parent, unknown_threshold=unknown_threshold)
        from fewshot_studio.core.util.locations import data_dir

        self.setWindowTitle(self.tr("Try a photo"))
        self.setAcceptDrops(True)
        self.scratch = data_dir() / "try-a-photo"
        self.picture.setText(self.tr('Drop a photo here, paste one (Ctrl+V), or open one.\nIt is only shown to the model, not added to your project.'))
        self.picture.setStyleSheet("QLabel { border: 2px dashed #9aa5b5; border-radius: 8px; color: #5f6670; }")
        self.picture.setMinimumSize(480, 320)
        self.open_button = self.buttons.addButton(self.tr('Open a photo…'), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_file)
        self.webcam_button = self.buttons.addButton(self.tr("Webcam…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.webcam_button.setToolTip(self.tr("Take one photo with the webcam and try it"))
        self.webcam_button.clicked.connect(lambda: self.use_webcam())
        self.camera = None
        QShortcut(QKeySequence.StandardKey.Paste, self, activated=self.paste)
        if classifier is None:
            self.bars.show_message(self.tr('No model yet: once two classes have photos, it learns and you can try photos here.'))
        else:
            self.bars.show_message("")

    def try_file(self, path: str) -> None:
        self.picture.setStyleSheet("")
        self.show_photo(path)

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr('Try a photo'), last_folder.start_folder("photos"), IMAGE_FILTER)
        if path:
            last_folder.remember("photos", path)
            self.try_file(path)

    def use_webcam(self, source=None) -> None:
        from fewshot_studio.gui.dialogs.camera import CameraDialog

        self.camera = CameraDialog(single=True, source=source, folder=self.scratch, parent=self)
        self.camera.captured.connect(lambda files: (self.camera.accept(), self.try_file(files[0])))
        self.camera.open()

    def paste(self) -> None:
        try:
            files = pasted_files(QApplication.clipboard().mimeData(), self.scratch)
        except OSError as exc:
            self.bars.show_message(self.tr('The pasted picture could not be read: {0}').format(exc))
            return
        if files:
            self.try_file(files[0])
        else:
            self.bars.show_message(self.tr('There is no photo on the clipboard.'))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if accepts(event.mimeData()) and local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        files = local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.try_file(files[0])

    def done(self, result: int) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)
        super().done(result)


if __name__ == "__main__":  # preview: python -m fewshot_studio.gui.dialogs.try_photo [MODEL.fewshot] [PHOTO]
    import os

    from fewshot_studio.gui import i18n

    app = QApplication.instance() or QApplication(sys.argv[:1])
    i18n.install(app, os.environ.get("FEWSHOT_LANGUAGE") or None)  # as the app does
    clf = None
    if len(sys.argv) > 1:
        from fewshot_studio.core.classifier.file_format import load_trained_classifier

        clf = load_trained_classifier(sys.argv[1])[0]
    dialog = TryPhotoDialog(clf)
    if len(sys.argv) > 2:
        dialog.try_file(sys.argv[2])
    dialog.exec()
