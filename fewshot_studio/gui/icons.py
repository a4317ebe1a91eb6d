"""The app's icon, shared by the window and the dialogs that can be opened alone."""
from __future__ import annotations

from PySide6.QtGui import QIcon

from fewshot_studio.resources import resource_path


def app_icon() -> QIcon:
    icon = QIcon()
    try:
        for name in ("fewshot-studio.svg", "fewshot-studio.png"):
            path = resource_path("icons", name)
            if path.is_file():
                icon.addFile(str(path))
    except FileNotFoundError:
        pass
    return icon
