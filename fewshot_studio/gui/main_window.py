"""The main window: buckets on the left, live results on the right, status at the bottom.

This module only wires the parts together; each part (buckets, results, training, project files)
lives in its own module and can be opened alone. The window owns one ``Project`` for its whole
life, so every view can simply listen to it.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget, QToolBar, QVBoxLayout, QWidget

from fewshot_studio.core.features.backbone import BACKBONES, DEFAULT_BACKBONE
from fewshot_studio.core.project import Project
from fewshot_studio.gui.backbone_menu import BackboneMenu
from fewshot_studio.gui.buckets.bucket_panel import BucketPanel
from fewshot_studio.gui.buckets.thumbnails import ThumbnailLoader
from fewshot_studio.gui.dialogs.about_dialog import AboutDialog
from fewshot_studio.gui.dialogs.export_dialog import ExportDialog
from fewshot_studio.gui.dialogs.label_dialog import LabelDialog
from fewshot_studio.gui.empty_state import EmptyState, demo_description
from fewshot_studio.gui.finetune_option import FinetuneOption
from fewshot_studio.gui.notices import NoticeArea
from fewshot_studio.gui.plain_words import model_name
from fewshot_studio.gui.project import session_files
from fewshot_studio.gui.project.project_editor import NEW_CLASS, ProjectEditor
from fewshot_studio.gui.project.project_session import ProjectSession
from fewshot_studio.gui.results.live_results import LiveResults
from fewshot_studio.gui.results.results_panel import ResultsPanel
from fewshot_studio.gui.status_bar import StatusBar
from fewshot_studio.gui.work.training_worker import TrainingController, TrainingJob


class MainWindow(QMainWindow):
    def __init__(self, debounce_ms: int = 700, warm_up: bool = True):
        super().__init__()
        self.project = Project()
        self.editor = ProjectEditor(self.project, self)
        self.thumbs = ThumbnailLoader(self)
        self.live = LiveResults(self)
        self.session = ProjectSession(self.editor, self)
        self.trainer = TrainingController(self._make_job, debounce_ms, self, warm_up=warm_up)

        self.notices = NoticeArea()
        self.buckets = BucketPanel(self.editor, self.thumbs, self.live)
        self.results = ResultsPanel(self.live, self.editor, self.thumbs)
        self.empty = EmptyState(session_files.recent_projects())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.buckets)
        split.addWidget(self.results)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)
        split.setSizes([760, 600])
        workspace = QWidget()
        wl = QVBoxLayout(workspace)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.addWidget(split, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(workspace)
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(self.notices)
        cl.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.status = StatusBar()
        self.setStatusBar(self.status)
        self.finetune = FinetuneOption()
        self._build_actions()
        self._wire()
        self._show_backbone(DEFAULT_BACKBONE)
        self._project_changed()
        self._shut_down = False
        self.resize(1360, 860)

    # -- actions ------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.setToolTip(tip or text)
        return action

    def _build_actions(self) -> None:
        s = self.session
        self.new_action = self._action(self.tr('New'), s.new, QKeySequence.StandardKey.New, self.tr('Start a new, empty project'))
        self.open_action = self._action(self.tr('Open…'), s.open_dialog, QKeySequence.StandardKey.Open)
        self.demo_action = self._action(self.tr('Open demo'), s.open_demo, tip=self.tr('Open the built-in demo project'))
        self.demo_action.setToolTip(demo_description())
        self.save_action = self._action(self.tr('Save'), s.save, QKeySequence.StandardKey.Save)
        self.save_as_action = self._action(self.tr('Save as…'), s.save_as, QKeySequence.StandardKey.SaveAs)
        self.portable_action = self._action(self.tr('Save as portable project…'), s.save_as_portable,
                                            tip=self.tr('One file that holds the project and its photos, to open on another computer'))
        self.quit_action = self._action(self.tr('Quit'), self.close, QKeySequence.StandardKey.Quit)
        stack = self.editor.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr('Undo'))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = stack.createRedoAction(self, self.tr('Redo'))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        # The toolbar's Undo/Redo keep one label ("Undo Move 3 images" would resize the buttons and
        # shift the whole toolbar at every edit); what they would undo is in the tooltip.
        self.undo_button = self._fixed_stack_action(self.tr('Undo'), stack.undo, stack.canUndo, stack.canUndoChanged,
                                                    stack.undoText, stack.undoTextChanged)
        self.redo_button = self._fixed_stack_action(self.tr('Redo'), stack.redo, stack.canRedo, stack.canRedoChanged,
                                                    stack.redoText, stack.redoTextChanged)
        self.new_class_action = self._action(self.tr('New class'), self.editor.new_class, "Ctrl+Shift+N")
        self.paste_action = self._action(self.tr('Paste photos'), self.paste, QKeySequence.StandardKey.Paste,
                                         self.tr('Add the photos (or the picture) on the clipboard to the selected class'))
        self.delete_action = self._action(self.tr('Delete'), self.delete_selected, QKeySequence.StandardKey.Delete,
                                          self.tr('Remove the selected photos from the project (the files stay on disk)'))
        self.train_action = self._action(self.tr('Learn now'), self.trainer.start_now, "Ctrl+T", self.tr('Learn from the photos in the classes now'))
        self.cancel_action = self._action(self.tr('Stop learning'), self.trainer.cancel, tip=self.tr('Stop learning (your photos stay as they are)'))
        self.export_action = self._action(self.tr('Export for other programs…'), self._export, "Ctrl+E",
                                          self.tr('Save what the model learned as a file, for this app on another computer, Python scripts or other programs (.fewshot, ONNX)'))
        self.export_action.setEnabled(False)
        self.label_action = self._action(self.tr('Label a folder of photos…'), self._label_folder, tip=self.tr('Sort a folder of new photos with the classifier'))
        self.try_action = self._action(self.tr('Try a photo…'), self.try_photo, "Ctrl+P",
                                       self.tr('Show the model one photo (drop, paste, open or the webcam) and see what it thinks, without adding it to the project'))
        self.help_action = self._action(self.tr('Getting started'), self.getting_started, QKeySequence.StandardKey.HelpContents,
                                        self.tr('Three steps to your first classifier'))
        self.undo_sort_action = self._action(self.tr('Undo last sort…'), self.undo_last_sort,
                                             tip=self.tr('Put back the photos the last “Label a folder” run moved, and remove the copies it made'))
        self.about_action = self._action(self.tr('About Fewshot Studio'), self._about)
        self.auto_action = self._action(self.tr('Learn automatically after each change'), self._toggle_auto)
        self.auto_action.setCheckable(True)
        self.auto_action.setChecked(self.trainer.auto)

        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr('&File'))
        for a in (self.new_action, self.open_action, self.demo_action):
            file_menu.addAction(a)
        self.recent_menu = file_menu.addMenu(self.tr('Open recent'))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        for a in (self.save_action, self.save_as_action, self.portable_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        for a in (self.export_action, self.label_action, self.undo_sort_action):
            file_menu.addAction(a)
        file_menu.aboutToShow.connect(self._update_file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr('&Edit'))
        for a in (self.undo_action, self.redo_action):
            edit_menu.addAction(a)
        edit_menu.addSeparator()
        for a in (self.paste_action, self.delete_action, self.new_class_action):
            edit_menu.addAction(a)
        self.model_menu = model_menu = bar.addMenu(self.tr('&Model'))
        for a in (self.train_action, self.cancel_action, self.auto_action, self.try_action):
            model_menu.addAction(a)
        model_menu.addSeparator()
        self.backbone_menu = BackboneMenu(self)
        model_menu.addMenu(self.backbone_menu)
        help_menu = bar.addMenu(self.tr('&Help'))
        help_menu.addAction(self.help_action)
        self.language_menu = help_menu.addMenu(self.tr("Language"))
        self._fill_languages()
        help_menu.addAction(self.about_action)

        self.toolbar = tools = QToolBar(self.tr('Main'))
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.new_action, self.open_action, self.save_action):
            tools.addAction(a)
        tools.addSeparator()
        for a in (self.undo_button, self.redo_button, self.new_class_action):
            tools.addAction(a)
        tools.addSeparator()
        tools.addAction(self.train_action)
        tools.addAction(self.try_action)
        tools.addWidget(self.finetune)
        self.addToolBar(tools)

    def _fill_languages(self) -> None:
        from PySide6.QtGui import QActionGroup

        from fewshot_studio.gui import i18n

        group = QActionGroup(self)
        current = i18n.chosen_language()
        for code, name in i18n.LANGUAGES.items():  # each in its own language, so anyone finds theirs
            action = self.language_menu.addAction(name, lambda c=code: self.choose_language(c))
            action.setCheckable(True)
            action.setChecked(code == current)
            group.addAction(action)

    def choose_language(self, code: str) -> None:
        from fewshot_studio.gui import i18n

        i18n.set_language(code)
        self._notice(self.tr("The language changes the next time Fewshot Studio starts."), [], "info", "language")

    def _fixed_stack_action(self, text: str, slot, enabled, enabled_changed, what, what_changed) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)

        def describe(detail: str) -> None:
            action.setToolTip(self.tr("{0}: {1}").format(text, detail) if detail else self.tr("Nothing to do"))

        action.setEnabled(enabled())
        enabled_changed.connect(action.setEnabled)
        describe(what())
        what_changed.connect(describe)
        return action

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in session_files.recent_projects():
            self.recent_menu.addAction(str(path), lambda p=str(path): self.session.confirm_discard() and self.session.open_file(p))
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

    # -- photos: paste, delete, look at one large, show in the file manager -----------------------
    def paste(self) -> None:
        """Ctrl+V: copied files, or image data, into the selected class (a new class if none)."""
        from PySide6.QtWidgets import QApplication

        from fewshot_studio.core.util.locations import data_dir
        from fewshot_studio.gui.buckets.drag_data import pasted_files

        try:
            files = pasted_files(QApplication.clipboard().mimeData(), data_dir() / "pasted")
        except OSError as exc:
            self._notice(self.tr('The pasted picture could not be saved: {0}').format(exc), [], "error", "paste")
            return
        if not files:
            self._notice(self.tr('There are no photos on the clipboard to paste.'), [], "info", "paste")
            return
        target = self.buckets.current_bucket()
        self.editor.add_files(files, target if target is not None else NEW_CLASS)

    def delete_selected(self) -> None:
        bucket, paths = self.buckets.selected_photos()
        if bucket is not None and paths:
            self.editor.remove(bucket, paths)

    def open_photo(self, path: str, bucket=None) -> None:
        """Show ``path`` large with the model's bars (from the result, or asked in the background)."""
        from fewshot_studio.gui.dialogs.photo_viewer import PhotoViewer

        snap = self.live.snapshot
        row = self.live.row(path)
        viewer = PhotoViewer(path, snap.class_names if snap else None, row, self._classifier(),
                             self.live.threshold, bucket.name if bucket is not None else "", self, self.live.unknown_threshold)
        self.viewer = viewer
        viewer.finished.connect(viewer.deleteLater)
        viewer.open()

    def open_webcam(self, bucket, source=None) -> None:
        """Hold-to-capture into ``bucket``; the photos join it through the checked import."""
        from fewshot_studio.gui.dialogs.camera import CameraDialog

        self.camera = CameraDialog(bucket.name, source=source, parent=self)
        self.camera.captured.connect(lambda files, b=bucket: self.editor.add_files(files, b))
        self.camera.finished.connect(self.camera.deleteLater)
        self.camera.open()

    def show_in_folder(self, path: str) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        folder = os.path.dirname(path)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(folder)):
            self._notice(self.tr('No file manager could be opened here. The photo is in {0}').format(folder), [path], "info", "folder")

    # -- dialogs that other modules provide (imported when first opened) ---------------------------
    def _classifier(self):
        return self.live.result.classifier if self.live.result is not None else None

    @staticmethod
    def _run_dialog(dialog) -> None:
        """Show a dialog modally, then stop its worker thread and free it (a QThread destroyed
        while running would abort the app when the window goes)."""
        try:
            dialog.exec()
        finally:
            runner = getattr(dialog, "runner", None)
            if runner is not None:
                runner.shutdown()
            dialog.deleteLater()

    def _export(self) -> None:
        file = self.project.file
        snap = self.live.snapshot
        check = [r.path for r in snap.rows][:32] if snap else []
        self._run_dialog(ExportDialog(self, classifier=self._classifier(), check_images=check,
                                      suggested_name=file.stem if file else "classifier",
                                      folder=str(file.parent) if file else None))

    def _label_folder(self) -> None:
        self._run_dialog(LabelDialog(self, classifier=self._classifier()))

    def _update_file_menu(self) -> None:
        self.undo_sort_action.setEnabled(session_files.last_sort() is not None)

    def undo_last_sort(self) -> None:
        journal = session_files.last_sort()
        if journal is None:
            self._notice(self.tr('There is no sort to undo (or it was undone already).'), [], "info", "sort")
            return
        dialog = LabelDialog(self, classifier=self._classifier())
        dialog.undo(journal)
        self._run_dialog(dialog)

    def try_photo(self) -> None:
        from fewshot_studio.gui.dialogs.try_photo import TryPhotoDialog

        self.try_dialog = TryPhotoDialog(self._classifier(), self.live.threshold, self, self.live.unknown_threshold)
        self.try_dialog.finished.connect(self.try_dialog.deleteLater)
        self.try_dialog.open()

    def getting_started(self) -> None:
        from fewshot_studio.gui.dialogs.getting_started import GettingStarted

        self.help_dialog = GettingStarted(self)
        self.help_dialog.finished.connect(self.help_dialog.deleteLater)
        self.help_dialog.show()

    def _about(self) -> None:
        self._run_dialog(AboutDialog(self))

    def _toggle_auto(self, on: bool) -> None:
        self.trainer.auto = on
        if on:
            self.trainer.request()

    # -- wiring -------------------------------------------------------------------------------
    def _wire(self) -> None:
        e, t, s = self.editor, self.trainer, self.session
        e.edited.connect(self._project_changed)
        e.edited.connect(t.request)
        e.message.connect(self._notice)
        s.message.connect(self._notice)
        s.dismiss.connect(self.notices.dismiss)
        s.opened.connect(self._opened)
        s.dirtyChanged.connect(self._update_title)
        s.saved.connect(self._saved)
        t.stateChanged.connect(self.status.set_state)
        t.stateChanged.connect(self._training_state)
        t.progress.connect(self.status.set_progress)
        t.resultReady.connect(self._result)
        t.deviceKnown.connect(self.status.set_device)
        t.speedMeasured.connect(self.finetune.set_speed)
        self.status.cancelClicked.connect(t.cancel)
        self.live.thresholdChanged.connect(self._threshold_changed)
        self.live.unknownThresholdChanged.connect(self._unknown_threshold_changed)
        e.settingsEdited.connect(s.mark_settings_changed)
        self.finetune.toggled.connect(self._finetune_toggled)
        self.backbone_menu.chosen.connect(self._backbone_chosen)
        self.empty.openDemo.connect(s.open_demo)
        self.empty.newClass.connect(self.editor.new_class)
        self.empty.openProject.connect(s.open_dialog)
        self.empty.openRecent.connect(s.open_file)
        self.empty.dropped.connect(self._dropped_on_empty)
        self.buckets.openPhoto.connect(self.open_photo)
        self.buckets.showInFolder.connect(self.show_in_folder)
        self.buckets.webcamRequested.connect(self.open_webcam)

    def _dropped_on_empty(self, mime) -> None:
        self.editor.drop(mime, NEW_CLASS)

    def _update_title(self, *_) -> None:
        self.setWindowTitle(self.session.title())

    def _saved(self, _file: str) -> None:
        self.empty.set_recent(session_files.recent_projects())

    def _training_state(self, state: str, _message: str) -> None:
        self.cancel_action.setEnabled(state == "updating")

    def _notice(self, text: str, details: list, level: str, key: str) -> None:
        actions = []
        if key == "missing" and details:
            actions = [(self.tr('Locate…'), lambda d=list(details): self.locate_missing(d)),
                       (self.tr('Remove them from the project'), lambda d=list(details): self.editor.remove_missing(d))]
        self.notices.show_notice(text, details, level, actions, key=key or None)

    def locate_missing(self, missing: list[str]) -> None:
        """"Locate…": the user shows the folder the photos are in now; those found there come back."""
        from PySide6.QtWidgets import QFileDialog

        from fewshot_studio.core.project import locate_in
        from fewshot_studio.gui.dialogs import last_folder

        folder = QFileDialog.getExistingDirectory(self, self.tr('Where are the missing photos now?'), last_folder.start_folder("photos"))
        if not folder:
            return
        last_folder.remember("photos", folder)
        found = locate_in(missing, folder)
        self.editor.relocate(found)
        still = [p for p in missing if p not in found]
        if still:
            n = len(still)
            self._notice((self.tr('Found {0}; {1} photos are still missing.') if n != 1 else self.tr('Found {0}; 1 photo is still missing.')).format(len(found), n), still, "warning", "missing")
        else:
            self._notice((self.tr('Found all {0} missing photos.') if len(found) != 1 else self.tr('Found the missing photo.')).format(len(found)), [], "info", "missing")

    def _project_changed(self) -> None:
        p = self.project
        self.pages.setCurrentIndex(0 if p.is_empty() else 1)
        self.status.set_counts(p)
        self.finetune.set_counts(p.image_count(), len(p.test_pool))
        self.setWindowTitle(self.session.title())

    def _opened(self) -> None:
        settings = self.project.settings
        self.live.set_result(None)
        self.export_action.setEnabled(False)
        self.live.reset_threshold(settings.get("threshold"))
        self.live.reset_unknown_threshold(settings.get("unknown_threshold"))
        self.finetune.checkbox.blockSignals(True)
        self.finetune.checkbox.setChecked(bool(settings.get("finetune", False)))
        self.finetune.checkbox.blockSignals(False)
        self._check_backbone_file(settings)
        self._show_backbone(settings.get("backbone") or DEFAULT_BACKBONE)
        self._project_changed()
        if self.trainer.auto:
            self.trainer.start_now()
        else:
            self.trainer.request()

    def _result(self, snapshot, result) -> None:
        self.live.set_result(snapshot, result)
        self.export_action.setEnabled(result is not None)
        self.status.set_device(snapshot.device_name)
        if snapshot.finetuned:
            self.finetune.record_run(snapshot.seconds, self.project.image_count(), len(self.project.test_pool))

    def _threshold_changed(self, value: float) -> None:
        if self.live.user_threshold is not None and self.project.settings.get("threshold") != value:
            self.project.settings["threshold"] = value
            self.session.mark_settings_changed()

    def _unknown_threshold_changed(self, value: float) -> None:
        if self.live.user_unknown_threshold is not None and self.project.settings.get("unknown_threshold") != value:
            self.project.settings["unknown_threshold"] = value
            self.session.mark_settings_changed()

    def _finetune_toggled(self, on: bool) -> None:
        self.project.settings["finetune"] = on
        self.session.mark_settings_changed()
        self.trainer.request()

    def _check_backbone_file(self, settings: dict) -> None:
        """A project whose base-model file is gone (moved, another computer) opens on the default
        model with a notice, instead of failing every training run."""
        chosen = settings.get("backbone")
        if not chosen or chosen in BACKBONES or Path(chosen).is_file():
            return
        settings["backbone"] = DEFAULT_BACKBONE
        self.session.mark_settings_changed()
        self.notices.show_notice(
            self.tr('The base model file {0} could not be found, so this project now uses the {1} model. Choose the file again in Model ▸ Fast or accurate if you have it.').format(Path(chosen).name, model_name(DEFAULT_BACKBONE)),
            [chosen], "warning", key="backbone")

    def show_base_model_menu(self) -> None:
        """Open Model ▸ Base model as a user would (for screenshots and the docs)."""
        from PySide6.QtCore import QPoint, QTimer

        self.menuBar().setActiveAction(self.model_menu.menuAction())

        def open_sub() -> None:
            self.model_menu.setActiveAction(self.backbone_menu.menuAction())
            geometry = self.model_menu.actionGeometry(self.backbone_menu.menuAction())
            self.backbone_menu.popup(self.model_menu.mapToGlobal(QPoint(geometry.right(), geometry.top())))

        QTimer.singleShot(400, open_sub)

    def show_photo_menu(self) -> None:
        """Right-click the first photo of the first class, as a user would (for screenshots)."""
        if not self.project.classes:
            return
        widget = self.buckets.widget_for(self.project.classes[0])
        view = widget.view
        rect = view.visualRect(view.model().index(0))
        view.customContextMenuRequested.emit(rect.center())

    def _show_backbone(self, name: str) -> None:
        self.backbone_menu.set_current(name)
        self.status.set_backbone(name)

    def _backbone_chosen(self, name: str) -> None:
        self._show_backbone(name)
        if self.project.settings.get("backbone", DEFAULT_BACKBONE) != name:
            self.project.settings["backbone"] = name
            self.session.mark_settings_changed()
            self.trainer.request()

    def _make_job(self, job_id: int) -> TrainingJob | str:
        examples = self.project.examples()
        if len(examples) < 2:
            return self.tr('Add images to at least two classes to start learning')
        return TrainingJob(
            job_id=job_id,
            examples=examples,
            test_paths=list(self.project.test_pool.paths),
            finetune=bool(self.project.settings.get("finetune", False)),
            backbone=self.project.settings.get("backbone", DEFAULT_BACKBONE),
            generation=self.editor.generation,
        )

    # -- closing ------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._shut_down:
            event.accept()
            return
        if not self.session.confirm_discard():
            event.ignore()
            return
        self.shutdown()
        event.accept()

    def shutdown(self, keep_unsaved: bool = False) -> None:
        """Stop background work. Closed by the user, who agreed: the autosave goes. Stopped from
        the terminal (Ctrl+C, SIGTERM: ``keep_unsaved``), nobody was asked, so unsaved work is
        autosaved and offered back at the next start, as after a crash."""
        self._shut_down = True
        self.trainer.shutdown()
        self.thumbs.wait_idle(5_000)
        self.editor.importer.wait_idle(5_000)
        if keep_unsaved and self.session.dirty:
            self.session.autosave_timer.stop()
            self.session.autosave()
        else:
            self.session.close_cleanly()
        self.editor.undo_stack.blockSignals(True)  # its destructor must not reach half-destroyed peers
