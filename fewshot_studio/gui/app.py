"""Starting the app: the QApplication, the window, and what it opens first.

``fewshot-studio`` shows the empty state (or offers back work from a session that crashed);
``--demo`` opens a fresh copy of the built-in demo; ``fewshot-studio PROJECT`` opens a project.
Whatever is opened starts learning at once, so the demo appears trained after a few seconds.

Environment: ``FEWSHOT_NO_AUTOTRAIN=1`` learns only when Train is pressed; ``FEWSHOT_GUI_TAB``
(confusion, predictions, mistakes, label_next, warnings) opens that tab of the live panel, and
``FEWSHOT_GUI_MENU=base_model`` opens Model ▸ Fast or accurate (``photo``: the right-click menu of
the first photo), and ``FEWSHOT_GUI_SIZE=1024x700``
sizes the window, for screenshots; ``FEWSHOT_LANGUAGE=zh_CN`` (or ``en``) overrides the language.
"""
from __future__ import annotations

import os
import signal
import socket
import sys

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from fewshot_studio.gui.icons import app_icon
from fewshot_studio.gui.work import main_thread_gc


def offer_autosave(window) -> bool:
    """If the last session crashed with unsaved work, ask whether to bring it back."""
    from fewshot_studio.gui.plain_words import engine_text
    from fewshot_studio.gui.project import session_files

    leftovers, damaged = session_files.scan_autosaves()
    if damaged:
        n = len(damaged)
        said = (QCoreApplication.translate("ProjectSession", "1 autosave file could not be used (damaged) and was set aside, not deleted.")
                if n == 1 else
                QCoreApplication.translate("ProjectSession", "{0} autosave files could not be used (damaged) and were set aside, not deleted."))
        window.session.message.emit(  # the reasons are the engine's Words: translated before the str signal
            said.format(n), [f"{kept_as}: {engine_text(reason)}" for kept_as, reason in damaged], "warning",
            "autosave-damaged")
    if not leftovers:
        return False
    latest = leftovers[0]
    name = latest.original.stem if latest.original else QCoreApplication.translate("ProjectSession", "an untitled project")
    when = (QLocale().toString(QDateTime.fromSecsSinceEpoch(int(latest.saved_at)), QLocale.FormatType.ShortFormat)
            if latest.saved_at else QCoreApplication.translate("ProjectSession", "earlier"))
    answer = QMessageBox.question(
        window, QCoreApplication.translate("ProjectSession", "Restore unsaved work?"),
        QCoreApplication.translate("ProjectSession", "Fewshot Studio did not close properly last time. Restore the unsaved "
                                   "changes to {0} (autosaved {1})?").format(name, when),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    if answer == QMessageBox.StandardButton.Yes:
        restored = window.session.restore_autosave(latest)
    else:
        restored = False
    for autosave in leftovers[1:] if restored or answer == QMessageBox.StandardButton.Yes else leftovers:
        autosave.file.unlink(missing_ok=True)  # a failed restore has set its file aside already
    return restored


def stop_on_terminal_signals(app: QApplication, window) -> None:
    """Ctrl+C or SIGTERM from a terminal stop the app the way ``train`` and ``label`` stop:
    background work ends, unsaved work is autosaved (offered back at the next start), and the
    exit status is 128 + the signal. Qt's event loop runs no Python while it waits, so a Python
    signal handler alone would wait for the next event: ``set_wakeup_fd`` writes to a socket
    that a QSocketNotifier watches, which wakes the loop and lets the handler run."""
    from PySide6.QtCore import QSocketNotifier, QTimer

    wake_read, wake_write = socket.socketpair()
    for end in (wake_read, wake_write):
        end.setblocking(False)
    signal.set_wakeup_fd(wake_write.fileno())
    notifier = QSocketNotifier(wake_read.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:  # running any Python here is what lets the handler below run
        try:
            while wake_read.recv(512):
                pass
        except OSError:
            pass

    def stop(signum: int) -> None:
        if not window._shut_down:
            kept = " Unsaved work is kept for the next start." if window.session.dirty else ""
            print(f"\nStopping ({signal.Signals(signum).name}).{kept}", file=sys.stderr)
            window.shutdown(keep_unsaved=True)
        app.exit(128 + signum)

    def on_signal(signum: int, _frame) -> None:
        # The handler may interrupt any Python line, even before the loop runs (opening the demo):
        # the stop itself waits for the event loop, where it cannot cut into other work.
        QTimer.singleShot(0, lambda: stop(signum))

    notifier.activated.connect(drain)
    app._terminal_signal_wakeup = (wake_read, wake_write, notifier)  # they live as long as the app
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)


def run_app(demo: bool = False, project: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Fewshot Studio")
    app.setDesktopFileName("fewshot-studio")  # matches resources/fewshot-studio.desktop (Wayland icon)
    app.setOrganizationName("fewshot-studio")
    app.setWindowIcon(app_icon())
    main_thread_gc.install(app)
    from fewshot_studio.gui import i18n

    i18n.install(app, os.environ.get("FEWSHOT_LANGUAGE") or None)

    from fewshot_studio.gui.main_window import MainWindow

    window = MainWindow()
    stop_on_terminal_signals(app, window)  # before anything is opened: a Ctrl+C from then on is clean
    size = os.environ.get("FEWSHOT_GUI_SIZE", "")
    if "x" in size:
        width, height = (int(v) for v in size.lower().split("x", 1))
        window.resize(width, height)
    window.show()
    if project:
        window.session.open_file(project)
    elif demo:
        window.session.open_demo()
    else:
        offer_autosave(window)
    tab = os.environ.get("FEWSHOT_GUI_TAB")  # for screenshots of one tab of the live panel
    if tab:
        window.results.show_tab(tab)
    menu = os.environ.get("FEWSHOT_GUI_MENU")
    if menu in ("base_model", "photo"):
        from PySide6.QtCore import QTimer

        QTimer.singleShot(1500, window.show_base_model_menu if menu == "base_model" else window.show_photo_menu)
    status = app.exec()
    if not window._shut_down:  # the loop ended without the window closing (app.quit()): stop the
        window.shutdown(keep_unsaved=True)  # workers, or their running QThread aborts the interpreter
    return status
