"""Qt widgets, models and workers; imported only when a window is wanted.

Importing the package first applies ``pyside_workarounds`` (PySide6 6.12 on Python 3.11 would
otherwise crash the interpreter after a few thousand Qt calls).
"""
from fewshot_studio.gui import pyside_workarounds  # noqa: F401 - applied on import

