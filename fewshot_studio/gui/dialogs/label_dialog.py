"""File ▸ Label a folder…: sort or list a folder of photos with the classifier, in the background.

The same ``label_folder`` as ``fewshot-studio label``: a CSV, optional copy/move/link into class
folders, never overwriting, resumable, undoable. The work runs in a ``JobRunner`` thread with a
progress bar (count, rate, time left) and Cancel; a stopped run continues where it stopped when
started again. "Undo this sort" (and later File ▸ Undo last sort) runs the same
``undo_labelling`` as ``fewshot-studio undo``, so nobody needs a terminal to take a sort back.
Preview it alone:

    python -m fewshot_studio.gui.dialogs.label_dialog [MODEL.fewshot] [FOLDER]
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fewshot_studio.core.methods.familiarity import DEFAULT_UNKNOWN_THRESHOLD
from fewshot_studio.gui.plain_words import engine_text, stage_text
from fewshot_studio.gui.project import session_files
from fewshot_studio.gui.work import main_thread_gc
from fewshot_studio.gui.work.job_runner import JobRunner, format_eta

# Copy first: it is the default, and the one that can never lose a photo.
MODES = [
    ("copy", QT_TRANSLATE_NOOP("LabelDialog", 'Copy photos into a folder per class')),
    ("move", QT_TRANSLATE_NOOP("LabelDialog", 'Move photos into a folder per class (can be undone)')),
    ("link", QT_TRANSLATE_NOOP("LabelDialog", 'Put shortcuts to the photos in a folder per class (takes no extra space)')),
    ("csv", QT_TRANSLATE_NOOP("LabelDialog", 'Only make a list of what each photo is (a spreadsheet file)')),
]
MODE_DETAILS = {
    "copy": QT_TRANSLATE_NOOP("LabelDialog", 'The photos stay where they are; a copy of each goes into a folder named after its class.'),
    "move": QT_TRANSLATE_NOOP("LabelDialog", 'Each photo is moved into a folder named after its class. “Undo this sort” puts them all back.'),
    "link": QT_TRANSLATE_NOOP("LabelDialog", 'Symbolic links: the folders show the photos without copying them (not every program follows links).'),
    "csv": QT_TRANSLATE_NOOP("LabelDialog", 'Writes labels.csv (path, class, confidence) in the results folder; no photo is copied or moved.'),
}


def _path_row(edit: QLineEdit, browse) -> QWidget:
    row = QWidget()
    lay = QHBoxLayout(row)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(edit, 1)
    button = QPushButton(QCoreApplication.translate("LabelDialog", 'Browse…'))
    button.clicked.connect(browse)
    lay.addWidget(button)
    return row


def run_label_job(model, folder: str, options, *, progress, cancel):
    """What the worker thread runs (plain data in): load the classifier if given a path, then label."""
    from fewshot_studio.core.classifier.file_format import load_trained_classifier
    from fewshot_studio.core.labelling.folder_run import label_folder

    clf = load_trained_classifier(model)[0] if isinstance(model, (str, Path)) else model
    return label_folder(clf, folder, options, progress=progress, cancel=cancel)


def summary_text(s) -> str:
    names = {"_unsure": QCoreApplication.translate("LabelDialog", "unsure"),
             "_unknown": QCoreApplication.translate("LabelDialog", "none of these"),
             "unreadable": QCoreApplication.translate("LabelDialog", "unreadable"),
             "failed": QCoreApplication.translate("LabelDialog", "could not be placed")}
    if s.dry_run:
        lines = [(QCoreApplication.translate("LabelDialog", "Dry run: {0} photos checked, nothing was changed.") if s.processed != 1 else
                  QCoreApplication.translate("LabelDialog", "Dry run: 1 photo checked, nothing was changed.")).format(s.processed)]
    else:
        lines = [(QCoreApplication.translate("LabelDialog", "Done: {0} photos in {1} s") if s.processed != 1 else
                  QCoreApplication.translate("LabelDialog", "Done: 1 photo in {1} s")).format(s.processed, f"{s.seconds:.0f}")
                 + (QCoreApplication.translate("LabelDialog", ' ({0} per second)').format(f'{s.images_per_second:.1f}') if s.processed else "")
                 + (QCoreApplication.translate("LabelDialog", '; {0} were done by an earlier run.').format(s.already_done) if s.already_done else ".")]
    lines += [f"  {names.get(k, k)}: {n}" for k, n in sorted(s.counts.items(), key=lambda kv: -kv[1])]
    if not s.dry_run:
        lines.append(QCoreApplication.translate("LabelDialog", 'List of results: {0}').format(s.csv_path))
        if s.mode != "csv":
            lines.append(QCoreApplication.translate("LabelDialog", 'To take this sort back, press “Undo this sort” (or later File ▸ Undo last sort).'))
    return "\n".join(lines)


def undo_text(s) -> str:
    o = s.outcomes
    lines = [(QCoreApplication.translate("LabelDialog", "Undone: {0} photos put back, {1} copies or shortcuts removed") if o["restored"] != 1 else
              QCoreApplication.translate("LabelDialog", "Undone: 1 photo put back, {1} copies or shortcuts removed")).format(o["restored"], o["removed"])
             + (QCoreApplication.translate("LabelDialog", ' ({0} were already undone).').format(o['already']) if o["already"] else ".")]
    if s.conflicts:
        lines.append(QCoreApplication.translate("LabelDialog", '{0} left where they are, so that nothing is overwritten:').format(len(s.conflicts)))
        lines += ["  " + QCoreApplication.translate("LabelDialog", "{0} (its old place {1} is taken, or the copy was changed)").format(dst, src)
                  for src, dst in s.conflicts[:20]]
    return "\n".join(lines)


class LabelDialog(QDialog):
    """Pick a classifier (or get the app's current one), a folder and what to do; watch it run."""

    labellingFinished = Signal(object)  # LabelSummary
    undoFinished = Signal(object)  # UndoSummary

    def __init__(self, parent: QWidget | None = None, classifier=None, model_path: str | None = None,
                 folder: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr('Label a folder of photos'))
        self.setMinimumWidth(560)
        self._classifier = classifier
        self.runner = JobRunner(self)
        self.summary = None
        self._out_dir: Path | None = None

        self.model_edit = QLineEdit(model_path or "")
        self.model_edit.setPlaceholderText(self.tr('a .fewshot classifier file'))
        self.folder_edit = QLineEdit(folder or "")
        self.folder_edit.setPlaceholderText(self.tr('the folder of photos to label'))
        self.out_edit = QLineEdit()
        self.out_edit.setPlaceholderText(self.tr('default: a new folder beside it, ending in -labelled'))
        self.recursive = QCheckBox(self.tr('Include subfolders'))
        self.mode = QComboBox()
        for i, (key, text) in enumerate(MODES):
            self.mode.addItem(self.tr(text), key)
            self.mode.setItemData(i, self.tr(MODE_DETAILS[key]), Qt.ItemDataRole.ToolTipRole)
        self.threshold = QDoubleSpinBox(suffix=" %", decimals=0, minimum=0, maximum=100, singleStep=5)
        default = getattr(classifier, "threshold", 0.5)
        self.threshold.setValue(round(100 * default))
        self.threshold.setToolTip(self.tr('Photos the classifier is less sure about than this go to _unsure'))
        self.unknown = QDoubleSpinBox(suffix=" %", decimals=0, minimum=0, maximum=100, singleStep=1)
        self.unknown.setValue(round(100 * getattr(classifier, "unknown_threshold", DEFAULT_UNKNOWN_THRESHOLD)))
        self.unknown.setToolTip(self.tr("Photos that look less like your classes than this go to _unknown "
                                        "(“None of these”); 0 % turns it off"))
        self.dry_run = QCheckBox(self.tr('Only show what would happen (dry run)'))

        form = QFormLayout()
        if classifier is None:
            form.addRow(self.tr('Classifier:'), _path_row(self.model_edit, self._browse_model))
        else:
            form.addRow(self.tr('Classifier:'), QLabel(self.tr('the current one ({0})').format(', '.join(classifier.class_names))))
        form.addRow(self.tr('Photos:'), _path_row(self.folder_edit, self._browse_folder))
        form.addRow("", self.recursive)
        form.addRow(self.tr('Results to:'), _path_row(self.out_edit, self._browse_out))
        form.addRow(self.tr('What to do:'), self.mode)
        form.addRow(self.tr('Unsure below:'), self.threshold)
        form.addRow(self.tr('None of these below:'), self.unknown)
        form.addRow("", self.dry_run)

        self.progress_bar = QProgressBar(textVisible=True)
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.status = QLabel("")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_view = QPlainTextEdit(readOnly=True)
        self.result_view.setMaximumBlockCount(200)
        self.result_view.setPlaceholderText(self.tr('A summary appears here when the photos are labelled.'))

        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(self.tr('Start'), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr('Stop'), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button = self.buttons.addButton(self.tr('Open results folder'), QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button = self.buttons.addButton(self.tr('Undo this sort'), QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.setToolTip(self.tr('Put every moved photo back and remove the copies and shortcuts this sort made (the same as “fewshot-studio undo” on the command line)'))
        self.undo_button.clicked.connect(lambda: self.undo(self._journal))
        self.undo_button.hide()
        self._journal: Path | None = None
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.open_button.clicked.connect(self._open_out)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.setEnabled(False)
        self.open_button.setEnabled(False)

        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.progress_bar)
        lay.addWidget(self.status)
        lay.addWidget(self.result_view, 1)
        lay.addWidget(self.buttons)

        self.model_edit.editingFinished.connect(self._read_model_settings)
        self._read_model_settings()

        self._inputs = [self.model_edit, self.folder_edit, self.out_edit, self.recursive, self.mode,
                        self.threshold, self.dry_run]
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.runner.busyChanged.connect(self._set_busy)

    def _read_model_settings(self) -> None:
        """The chosen file's own threshold and classes (manifest only: instant, no torch)."""
        path = self.model_edit.text().strip()
        if self._classifier is not None or not path or not Path(path).is_file():
            return
        from fewshot_studio.core.classifier.file_format import ClassifierFileError, describe_classifier_file

        try:
            manifest = describe_classifier_file(path)
        except ClassifierFileError as exc:
            self.status.setText(engine_text(exc))
            return
        self.threshold.setValue(round(100 * manifest["threshold"]))
        names = manifest["class_names"]
        self.status.setText(self.tr('{0} classes: {1}{2}').format(len(names), ', '.join(names[:8]), ' …' if len(names) > 8 else ''))

    # -- user actions ---------------------------------------------------------------------------
    def _browse_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr('Classifier file'), self.model_edit.text(), self.tr('Classifier (*.fewshot)'))
        if path:
            self.model_edit.setText(path)
            self._read_model_settings()

    def _browse_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr('Folder of photos'), self.folder_edit.text())
        if path:
            self.folder_edit.setText(path)

    def _browse_out(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr('Where the results go'), self.out_edit.text())
        if path:
            self.out_edit.setText(path)

    def _open_out(self) -> None:
        if self._out_dir is None or not self._out_dir.is_dir():
            self.status.setText(self.tr('There is no results folder yet.'))
        elif not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._out_dir))):
            self.status.setText(self.tr('No file manager could be opened here. The results are in {0}').format(self._out_dir))

    def options(self):
        from fewshot_studio.core.labelling.folder_run import LabelOptions

        return LabelOptions(out_dir=self.out_edit.text().strip() or None, mode=self.mode.currentData(),
                            threshold=self.threshold.value() / 100.0, unknown_threshold=self.unknown.value() / 100.0,
                            recursive=self.recursive.isChecked(),
                            dry_run=self.dry_run.isChecked())

    def start(self) -> None:
        model = self._classifier if self._classifier is not None else self.model_edit.text().strip()
        folder = self.folder_edit.text().strip()
        problem = (self.tr('Choose a classifier file.') if not model else self.tr('Choose the folder of photos.') if not folder
                   else self.tr('{0} is not a folder.').format(folder) if not Path(folder).is_dir() else None)
        if problem:
            self.status.setText(problem)
            return
        self.summary = None
        self.result_view.clear()
        self.status.setText(self.tr('Starting… (loading the classifier)'))
        self.progress_bar.setRange(0, 0)  # busy until the first count arrives
        options = self.options()
        from fewshot_studio.core.labelling.folder_run import default_out_dir

        self._out_dir = Path(options.out_dir) if options.out_dir else default_out_dir(folder)
        self.runner.start(lambda progress, cancel: run_label_job(model, folder, options, progress=progress, cancel=cancel))

    def undo(self, journal: Path | None) -> None:
        """Take a sort back in the background: moved photos return, copies and links go."""
        if journal is None or self.runner.busy:
            return
        from fewshot_studio.core.labelling.undo import undo_labelling

        self._journal = Path(journal)
        self.undo_button.setEnabled(False)
        self.status.setText(self.tr('Putting the photos back…'))
        self.progress_bar.setRange(0, 0)
        self.runner.start(lambda progress, cancel: undo_labelling(journal, progress=progress, cancel=cancel))

    # -- worker reports -------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        for w in self._inputs:
            w.setEnabled(not busy)
        self.start_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.undo_button.setEnabled(not busy)
        self.close_button.setText(self.tr('Close'))

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        rate = self.runner.rate()
        parts = [self.tr("{0}: {1} of {2}").format(QCoreApplication.translate("plain_words", stage_text(stage)),
                                                  f"{done:,}", f"{total:,}")]
        if rate > 0:
            parts += [f"{rate:.1f} per second", format_eta(self.runner.eta())]
        self.status.setText(" · ".join(p for p in parts if p))

    def _on_finished(self, summary) -> None:
        from fewshot_studio.core.labelling.undo import UndoSummary

        if isinstance(summary, UndoSummary):
            self._on_undone(summary)
            return
        self.summary = summary
        self.progress_bar.setRange(0, max(summary.total, 1))
        self.progress_bar.setValue(summary.total if not summary.dry_run else summary.processed)
        self.status.setText(self.tr('Dry run finished.') if summary.dry_run else self.tr('Finished.'))
        self.result_view.setPlainText(summary_text(summary))
        self.open_button.setEnabled(not summary.dry_run)
        if not summary.dry_run and summary.mode != "csv" and summary.journal_path.is_file():
            self._journal = summary.journal_path
            session_files.remember_last_sort(self._journal)
            self.undo_button.setEnabled(True)
            self.undo_button.show()
        self.labellingFinished.emit(summary)

    def _on_undone(self, s) -> None:
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        self.result_view.setPlainText(undo_text(s))
        if s.conflicts:
            self.status.setText(self.tr('Undone, except for the photos listed below.'))
            self.undo_button.setEnabled(True)  # after the user sorts out a conflict, it can be tried again
        else:
            self.status.setText(self.tr('Undone: the folder is as it was before the sort.'))
            self.undo_button.hide()
            if session_files.last_sort() in (None, s.journal):
                session_files.forget_last_sort()
        self.undoFinished.emit(s)

    def _on_failed(self, message: str) -> None:
        self.progress_bar.setRange(0, 1)
        self.status.setText(self.tr('Stopped by a problem.'))
        self.result_view.setPlainText(message)

    def _on_cancelled(self) -> None:
        self.status.setText(self.tr('Stopped. Nothing is lost: press Start again to continue where it stopped.'))
        self.open_button.setEnabled(True)

    def reject(self) -> None:  # Close / Esc while running: stop first, then close
        if self.runner.busy:
            self.runner.cancel()
        self.runner.shutdown()
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.runner.shutdown()
        super().closeEvent(event)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    app = QApplication.instance() or QApplication([sys.argv[0]])
    main_thread_gc.install(app)
    dialog = LabelDialog(model_path=argv[0] if argv else None, folder=argv[1] if len(argv) > 1 else None)
    dialog.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
