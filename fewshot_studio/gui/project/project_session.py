"""New, Open, Save, Save As, autosave and crash recovery for the window's one project.

The window keeps a single ``Project`` object for its whole life (its views listen to it); opening
a file replaces its contents. Unsaved work is autosaved every few seconds after an edit to the
user's data folder, and the autosave is removed on a clean save or close, so one found at start
means the last session crashed and is offered back.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from fewshot_studio.core.portable_project import PORTABLE_SUFFIX, is_portable, load_portable, save_portable
from fewshot_studio.core.project import PROJECT_SUFFIX, Project, ProjectError, load_project
from fewshot_studio.gui.plain_words import engine_text
from fewshot_studio.gui.project import session_files
from fewshot_studio.gui.project.project_editor import ProjectEditor

FILE_FILTER = (f"Fewshot Studio projects (*{PROJECT_SUFFIX} *{PORTABLE_SUFFIX});;"
               f"Portable projects, with their photos (*{PORTABLE_SUFFIX});;All files (*)")
PORTABLE_FILTER = f"Portable projects, with their photos (*{PORTABLE_SUFFIX})"
AUTOSAVE_DELAY_MS = 5_000


class ProjectSession(QObject):
    opened = Signal()  # a project was loaded (or a new one started)
    saved = Signal(str)
    dirtyChanged = Signal(bool)
    message = Signal(str, list, str, str)  # text, details, level, key
    dismiss = Signal(str)  # a notice key that no longer applies

    def __init__(self, editor: ProjectEditor, window: QWidget):
        super().__init__(window)
        self.editor, self.project, self.window = editor, editor.project, window
        self.slot = session_files.AutosaveSlot()
        self.settings_dirty = False
        self.autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        editor.undo_stack.cleanChanged.connect(self._clean_changed)
        editor.edited.connect(self._edited)

    def _clean_changed(self, _clean: bool) -> None:
        self.dirtyChanged.emit(self.dirty)

    @property
    def dirty(self) -> bool:
        return not self.editor.undo_stack.isClean() or self.settings_dirty

    def mark_settings_changed(self) -> None:
        self.settings_dirty = True
        self._edited()
        self.dirtyChanged.emit(True)

    def _edited(self) -> None:
        if self.dirty:
            self.autosave_timer.start()

    def autosave(self) -> None:
        if self.dirty and not self.project.is_empty():
            try:
                self.slot.write(self.project)
            except OSError as exc:
                self.message.emit(self.tr('Autosave failed: {0}').format(exc), [], "warning", "autosave")

    def title(self) -> str:
        name = self.project.file.stem if self.project.file else self.tr('Untitled project')
        return self.tr('{0}{1} — Fewshot Studio').format(name, ' •' if self.dirty else '')

    # -- open / new ---------------------------------------------------------------------------
    def _replace(self, project: Project, clean: bool = True) -> None:
        self.editor.undo_stack.clear()
        self.project.replace_with(project)
        self.settings_dirty = not clean
        self.slot.discard()
        self.slot = session_files.AutosaveSlot()
        self.opened.emit()
        self.dirtyChanged.emit(self.dirty)

    def new(self) -> bool:
        if not self.confirm_discard():
            return False
        self._replace(Project())
        return True

    def open_file(self, file: str | os.PathLike[str], remember: bool = True) -> bool:
        try:
            if is_portable(file):  # its photos are unpacked into the app's data folder
                loaded = load_portable(file, session_files.portable_dir())
            else:
                loaded = load_project(file)
        except ProjectError as exc:
            self.message.emit(engine_text(exc), [], "error", "open")  # a str signal: translated here
            return False
        self._replace(loaded.project)
        if remember:
            session_files.remember_recent(loaded.project.file)
        if loaded.missing:
            n = len(loaded.missing)
            self.message.emit(
                (self.tr('{0} images of this project could not be found (moved, renamed or on a drive that is not connected). They are left out of training until they are back.') if n != 1 else self.tr('1 image of this project could not be found (moved, renamed or on a drive that is not connected). It is left out of training until it is back.')).format(n),
                loaded.missing, "warning", "missing")
        return True

    def open_dialog(self) -> bool:
        if not self.confirm_discard():
            return False
        start = str(self.project.file.parent) if self.project.file else str(Path.home())
        file, _ = QFileDialog.getOpenFileName(self.window, self.tr('Open project'), start, FILE_FILTER)
        return bool(file) and self.open_file(file)

    def open_demo(self) -> bool:
        if not self.confirm_discard():
            return False
        return self.open_file(session_files.prepare_demo(), remember=False)

    def restore_autosave(self, autosave: session_files.Autosave) -> bool:
        """Bring back a crashed session's work: it stays unsaved until the user saves it."""
        try:
            loaded = load_project(autosave.file)
        except ProjectError as exc:
            try:
                kept = self.tr(" It was kept as {0}.").format(session_files.set_aside(autosave.file))
            except OSError:
                kept = ""
            self.message.emit(self.tr('The autosave could not be restored: {0}').format(engine_text(exc)) + kept, [], "error",
                              "open")
            return False
        project = loaded.project
        project.file = autosave.original
        self._replace(project, clean=False)
        autosave.file.unlink(missing_ok=True)
        self.autosave()
        self.message.emit(self.tr('Your unsaved work from the last session was restored. Save it to keep it.'), [], "info", "restore")
        return True

    # -- save ---------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.project.file is None or self._is_demo(self.project.file):
            return self.save_as()
        return self._write(self.project.file)

    def save_as_portable(self) -> bool:
        """One file with the photos in it, to open on another computer."""
        stem = self.project.file.stem if self.project.file and not self._is_demo(self.project.file) else self.tr('My classifier')
        start = Path(self.project.file.parent if self.project.file and not self._is_demo(self.project.file)
                     else Path.home()) / f"{stem}{PORTABLE_SUFFIX}"
        file, _ = QFileDialog.getSaveFileName(self.window, self.tr('Save as portable project (with the photos)'), str(start),
                                              PORTABLE_FILTER)
        if not file:
            return False
        if not file.endswith(PORTABLE_SUFFIX):
            file += PORTABLE_SUFFIX
        return self._write(Path(file))

    def save_as(self) -> bool:
        start = self.project.file.with_suffix(PROJECT_SUFFIX) if self.project.file else Path.home() / self.tr('My classifier{0}').format(PROJECT_SUFFIX)
        if self._is_demo(start):
            start = Path.home() / self.tr('My classifier{0}').format(PROJECT_SUFFIX)
        file, _ = QFileDialog.getSaveFileName(self.window, self.tr('Save project as'), str(start), FILE_FILTER)
        if not file:
            return False
        if not file.endswith((PROJECT_SUFFIX, PORTABLE_SUFFIX)):
            file += PROJECT_SUFFIX
        return self._write(Path(file))

    def _write(self, file: Path) -> bool:
        missing: list[str] = []
        try:
            if is_portable(file):
                _, missing = save_portable(self.project, file)
                self.project.file = Path(file).absolute()
            else:
                self.project.save(file)
        except OSError as exc:
            self.message.emit(self.tr('The project could not be saved: {0}').format(exc), [], "error", "save")
            return False
        if missing:
            n = len(missing)
            self.message.emit((self.tr('Saved, but {0} photos were not found and could not go into the portable file.') if n != 1 else self.tr('Saved, but 1 photo was not found and could not go into the portable file.')).format(n), missing, "warning", "save")
        session_files.remember_recent(file)
        self.editor.undo_stack.setClean()
        self.settings_dirty = False
        self.slot.discard()
        self.dirtyChanged.emit(False)
        self.saved.emit(str(file))
        self.dismiss.emit("restore")  # "Save it to keep it" is no longer true
        return True

    @staticmethod
    def _is_demo(file: Path) -> bool:
        """The demo copy is refreshed on every "Open demo", so saving goes to a new file."""
        file = Path(file).resolve()
        if file.is_relative_to(session_files.demo_copy_dir().resolve()):
            return True
        try:
            return file.is_relative_to(session_files.demo_source().resolve())
        except FileNotFoundError:
            return False

    def confirm_discard(self) -> bool:
        """Ask before unsaved work is dropped; True when it is fine to go on."""
        if not self.dirty or self.project.is_empty():
            return True
        answer = QMessageBox.question(
            self.window, self.tr('Unsaved changes'), self.tr('Save your changes to this project first?'),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def close_cleanly(self) -> None:
        """The window closes with the user's consent: no crash to recover from."""
        self.autosave_timer.stop()
        self.slot.discard()
