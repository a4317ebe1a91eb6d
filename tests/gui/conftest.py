"""Fixtures for the window tests: a real MainWindow, real image files, real drops."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A modal dialog would hang an offscreen test run: fail loudly instead."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected modal dialog: {args[1:3]}")

    monkeypatch.setattr(QMessageBox, "question", refuse)


@pytest.fixture
def window(qtbot):
    """The real main window, learning only when a test asks (fast tests never load torch)."""
    from fewshot_studio.gui.main_window import MainWindow

    w = MainWindow(debounce_ms=30, warm_up=False)
    w.trainer.auto = False
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.shutdown()  # stops the worker thread, then closing asks nothing
    w.close()
    w.deleteLater()


@pytest.fixture
def pictures(tmp_path, fashion_small) -> dict[str, list[Path]]:
    """Copies of real Fashion-MNIST images in per-class folders (so folders can be dropped)."""
    out = {}
    for name, paths in fashion_small.items():
        folder = tmp_path / "pictures" / name
        folder.mkdir(parents=True)
        out[name] = []
        for p in paths:
            shutil.copyfile(p, folder / p.name)
            out[name].append(folder / p.name)
    return out
