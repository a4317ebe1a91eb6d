"""File ▸ Export…: save the classifier as a ``.fewshot`` file and/or an ONNX model, in the background.

The ONNX export ends with the parity check (onnxruntime vs the app on the user's own photos) and
its figures are shown here, in the dialog, with a clear pass/fail — not only written to a log.
Preview it alone:

    python -m fewshot_studio.gui.dialogs.export_dialog [MODEL.fewshot]
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fewshot_studio.gui.dialogs.label_dialog import _path_row
from fewshot_studio.gui.plain_words import engine_text, stage_text
from fewshot_studio.gui.work import main_thread_gc
from fewshot_studio.gui.work.job_runner import JobRunner

PASS_STYLE = "QLabel { color: #1b5e20; background: #e8f5e9; border: 1px solid #a5d6a7; padding: 8px; }"
FAIL_STYLE = "QLabel { color: #b71c1c; background: #ffebee; border: 1px solid #ef9a9a; padding: 8px; }"


@dataclass
class ExportOutcome:
    fewshot_path: Path | None
    onnx: object | None  # core.onnx_export.ExportReport


def run_export_job(model, fewshot_path: str | None, onnx_path: str | None, check_images: list[str], *,
                   progress, cancel) -> ExportOutcome:
    """Worker-thread side, plain data in: save the file, export ONNX, check parity."""
    from fewshot_studio.core.classifier.file_format import load_trained_classifier, save_classifier
    from fewshot_studio.core.classifier.onnx_export import export_onnx

    clf = load_trained_classifier(model)[0] if isinstance(model, (str, Path)) else model
    saved = save_classifier(clf, fewshot_path) if fewshot_path else None
    cancel.raise_if_cancelled()
    report = export_onnx(clf, onnx_path, check_images=check_images, progress=progress, cancel=cancel) if onnx_path else None
    return ExportOutcome(saved, report)


def parity_text(parity) -> str:
    """The check in plain words; the numbers for an expert are in ``parity_detail``."""
    mark = "✓" if parity.passed else "✗"
    head = (QCoreApplication.translate("ExportDialog", 'The exported model gives the same answers as the app') if parity.passed
            else QCoreApplication.translate("ExportDialog", 'The exported model does NOT give the same answers as the app'))
    return QCoreApplication.translate("ExportDialog", '{0} {1}: same class on {2} of {3} photos.').format(mark, head, parity.same_top, parity.n_images)


def parity_detail(parity) -> str:
    return (QCoreApplication.translate("ExportDialog", 'ONNX check: largest probability difference {0} (must be below {1}).').format(f'{parity.max_abs_diff:.1e}', f'{parity.tolerance:.0e}'))


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportOutcome

    def __init__(self, parent: QWidget | None = None, classifier=None, model_path: str | None = None,
                 check_images: list[str] | tuple[str, ...] = (), suggested_name: str = "classifier",
                 folder: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr('Export the classifier'))
        self.setMinimumWidth(600)
        self._classifier = classifier
        self.check_images = [str(p) for p in check_images]
        self.runner = JobRunner(self)
        self.outcome: ExportOutcome | None = None
        base = Path(folder or Path.home()) / suggested_name

        self.model_edit = QLineEdit(model_path or "")
        self.fewshot_box = QCheckBox(self.tr('For Fewshot Studio on any computer, and Python scripts (.fewshot)'))
        self.fewshot_edit = QLineEdit(str(base.with_suffix(".fewshot")))
        self.onnx_box = QCheckBox(self.tr('For other programs (.onnx)'))
        self.onnx_box.setToolTip(self.tr('An ONNX model: runs in other programs and programming languages, without this app'))
        self.onnx_edit = QLineEdit(str(base.with_suffix(".onnx")))
        self.fewshot_box.setChecked(classifier is not None)
        self.fewshot_box.setEnabled(classifier is not None)
        self.onnx_box.setChecked(classifier is None)
        if model_path and classifier is None:
            self.onnx_edit.setText(str(Path(model_path).with_suffix(".onnx")))
        self.images_label = QLabel()
        self.images_button = QPushButton(self.tr('Choose photos…'))
        self.images_button.clicked.connect(self._browse_images)

        form = QFormLayout()
        if classifier is None:
            form.addRow(self.tr('Classifier file:'), _path_row(self.model_edit, self._browse_model))
        if classifier is not None:  # converting a file that exists already: only ONNX makes sense
            form.addRow(self.fewshot_box)
            form.addRow(self.tr('   Save as:'), _path_row(self.fewshot_edit, lambda: self._browse_save(self.fewshot_edit, "*.fewshot")))
        form.addRow(self.onnx_box)
        form.addRow(self.tr('   Save as:'), _path_row(self.onnx_edit, lambda: self._browse_save(self.onnx_edit, "*.onnx")))
        form.addRow(self.tr('   Check on:'), self._images_row())
        self._update_images_label()

        self.progress_bar = QProgressBar(textVisible=False)
        self.progress_bar.setRange(0, 1)
        self.status = QLabel("")
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setVisible(False)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(self.tr('Export'), QDialogButtonBox.ButtonRole.AcceptRole)
        self.stop_button = self.buttons.addButton(self.tr('Stop'), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.runner.cancel)
        self.close_button.clicked.connect(self.reject)
        self.stop_button.setEnabled(False)

        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.progress_bar)
        lay.addWidget(self.status)
        lay.addWidget(self.result)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self._inputs = [self.model_edit, self.fewshot_edit, self.onnx_edit, self.onnx_box, self.images_button]
        if classifier is not None:
            self._inputs.append(self.fewshot_box)
        self.runner.progress.connect(lambda stage, d, t: (self.progress_bar.setRange(0, max(t, 1)),
                                                          self.progress_bar.setValue(d), self.status.setText(self.tr("{0}…").format(QCoreApplication.translate("plain_words", stage_text(stage))))))
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(lambda: self.status.setText(self.tr('Stopped; nothing more was written.')))
        self.runner.busyChanged.connect(self._set_busy)

    def _images_row(self) -> QWidget:
        from PySide6.QtWidgets import QHBoxLayout

        row = QWidget()
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.images_label, 1)
        lay.addWidget(self.images_button)
        return row

    def _update_images_label(self) -> None:
        n = len(self.check_images)
        self.images_label.setText(self.tr('{0} of your photos').format(min(n, 32)) if n else self.tr('the demo photos that come with the app'))

    def _browse_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr('Classifier file'), self.model_edit.text(), self.tr('Classifier (*.fewshot)'))
        if path:
            self.model_edit.setText(path)
            self.onnx_edit.setText(str(Path(path).with_suffix(".onnx")))

    def _browse_save(self, edit: QLineEdit, pattern: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr('Save as'), edit.text(), pattern)
        if path:
            edit.setText(path)

    def _browse_images(self) -> None:
        from fewshot_studio.core.imaging.images import ImageLoadError, iter_images

        folder = QFileDialog.getExistingDirectory(self, self.tr('Photos to check the export on'))
        if folder:
            try:
                self.check_images = [str(p) for p in iter_images(folder)]
            except ImageLoadError as exc:
                self.status.setText(engine_text(exc.reason))
            self._update_images_label()

    def start(self) -> None:
        model = self._classifier if self._classifier is not None else self.model_edit.text().strip()
        fewshot = self.fewshot_edit.text().strip() if self.fewshot_box.isChecked() else None
        onnx = self.onnx_edit.text().strip() if self.onnx_box.isChecked() else None
        problem = (self.tr('Choose a classifier file.') if not model else self.tr('Choose at least one kind of file to export.')
                   if not (fewshot or onnx) else None)
        if problem:
            self.status.setText(problem)
            return
        self.outcome = None
        self.result.setVisible(False)
        self.status.setText(self.tr('Exporting… (checking the exported model takes a little while)'))
        self.progress_bar.setRange(0, 0)
        images = list(self.check_images)
        self.runner.start(lambda progress, cancel: run_export_job(model, fewshot, onnx, images,
                                                                  progress=progress, cancel=cancel))

    def _set_busy(self, busy: bool) -> None:
        for w in self._inputs:
            w.setEnabled(not busy)
        self.export_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)

    def _show_result(self, text: str, ok: bool) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(PASS_STYLE if ok else FAIL_STYLE)
        self.result.setVisible(True)

    def _on_finished(self, outcome: ExportOutcome) -> None:
        self.outcome = outcome
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        lines = []
        if outcome.fewshot_path:
            lines.append(self.tr('Saved {0}').format(outcome.fewshot_path))
        if outcome.onnx is not None:
            lines.append(self.tr('Saved {0} ({1} MB)').format(outcome.onnx.path, f'{outcome.onnx.size_bytes / 1000000.0:.1f}'))
        self.status.setText("\n".join(lines))
        if outcome.onnx is not None:
            self._show_result(parity_text(outcome.onnx.parity), outcome.onnx.parity.passed)
            self.result.setToolTip(parity_detail(outcome.onnx.parity))
        self.exported.emit(outcome)

    def _on_failed(self, message: str) -> None:
        self.progress_bar.setRange(0, 1)
        self.status.setText(self.tr('The export did not finish.'))
        self._show_result(message, False)

    def reject(self) -> None:
        self.runner.shutdown()
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.runner.shutdown()
        super().closeEvent(event)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    app = QApplication.instance() or QApplication([sys.argv[0]])
    main_thread_gc.install(app)
    dialog = ExportDialog(model_path=argv[0] if argv else None)
    dialog.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
