"""The About dialog and the credits it shows: versions and licences from package metadata."""
from __future__ import annotations

from importlib import metadata

import pytest

from fewshot_studio.credits import SHIPPED, credits, licence_text


def test_every_shipped_package_is_installed_and_has_a_licence():
    found = {c.component.name: c for c in credits(include_missing=True)}
    assert set(found) == {c.name for c in SHIPPED}
    for credit in found.values():
        assert credit.licence, credit.component.name
        if credit.component.distributions:
            assert credit.version, f"{credit.component.name} is not installed"
    weights = found["EfficientNet-Lite0 ImageNet weights"]
    assert "Apache" in weights.licence and weights.licence_from_metadata  # read from its LICENSE
    assert found["Fewshot Studio"].version == metadata.version("fewshot-studio")
    assert "LGPL" in found["Qt for Python (PySide6)"].licence


def test_licence_texts_are_found():
    by_name = {c.component.name: c for c in credits(include_missing=True)}
    assert "Fashion-MNIST" in licence_text(by_name["Fashion-MNIST demo images"])
    assert "Apache License" in licence_text(by_name["EfficientNet-Lite0 ImageNet weights"])


def test_about_dialog_shows_version_and_licences(qtbot):
    pytest.importorskip("PySide6")
    from PySide6.QtGui import QGuiApplication

    from fewshot_studio import __version__
    from fewshot_studio.gui.dialogs.about_dialog import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    rows = [dialog.table.topLevelItem(i).text(0) for i in range(dialog.table.topLevelItemCount())]
    assert rows[0] == "Fewshot Studio" and "PyTorch" in rows and "Fashion-MNIST demo images" in rows
    assert dialog.windowTitle() == "About Fewshot Studio"
    dialog.table.setCurrentItem(dialog.table.topLevelItem(rows.index("Fashion-MNIST demo images")))
    assert "MIT" in dialog.licence.toPlainText()
    dialog.copy_details()
    text = QGuiApplication.clipboard().text()
    assert text.startswith(f"Fewshot Studio {__version__}") and "PyTorch: " in text
