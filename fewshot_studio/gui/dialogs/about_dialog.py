"""Help ▸ About: the version, and what ships inside the app under which licence.

Everything shown comes from package metadata (``fewshot_studio.credits``), which the frozen build
carries too, so the dialog tells the truth about whichever build it runs in. Preview it alone:

    python -m fewshot_studio.gui.dialogs.about_dialog
"""
from __future__ import annotations

import platform
import sys
from importlib import metadata

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fewshot_studio.credits import Credit, credits, licence_text
from fewshot_studio.gui.icons import app_icon

APP_NAME = "Fewshot Studio"


def _summary() -> str:
    try:
        return metadata.metadata("fewshot-studio")["Summary"] or ""
    except metadata.PackageNotFoundError:
        return ""


def version_report(items: list[Credit] | None = None) -> str:
    """Plain text for support: the app, the platform and every shipped component's version."""
    from fewshot_studio import __version__

    frozen = " (frozen build)" if getattr(sys, "frozen", False) else ""
    lines = [
        f"{APP_NAME} {__version__}{frozen}",
        f"Python {platform.python_version()}, Qt {qVersion()}, {platform.platform()}",
    ]
    for c in items if items is not None else credits():
        if c.version and c.distribution != "fewshot-studio":
            lines.append(f"{c.component.name}: {c.version} ({c.licence})")
    return "\n".join(lines)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        from fewshot_studio import __version__

        super().__init__(parent)
        self.setWindowTitle(self.tr('About {0}').format(APP_NAME))
        self.credits = credits(include_missing=False)

        icon = QLabel()
        app_icon = QApplication.windowIcon()
        if not app_icon.isNull():
            icon.setPixmap(app_icon.pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<h2 style='margin:0'>{APP_NAME} {__version__}</h2><p>{_summary()}</p>")
        title.setWordWrap(True)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details = QLabel(
            self.tr('Python {0} · Qt {1} · {2} {3}').format(platform.python_version(), qVersion(), platform.system(), platform.machine())
            + (self.tr(' · frozen build') if getattr(sys, "frozen", False) else "")
        )
        details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header_text = QVBoxLayout()
        header_text.addWidget(title)
        header_text.addWidget(details)
        header = QHBoxLayout()
        header.addWidget(icon)
        header.addLayout(header_text, 1)

        intro = QLabel(
            self.tr('{0} is made of the software and data below. Select one to read its licence.').format(APP_NAME)
        )
        intro.setWordWrap(True)

        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setHeaderLabels([self.tr("Component"), self.tr('Version'), self.tr('Licence'), self.tr('Used for')])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for credit in self.credits:
            item = QTreeWidgetItem([credit.component.name, credit.version, credit.licence, credit.component.role])
            source = self.tr('package {0}').format(credit.distribution) if credit.distribution else self.tr('shipped in resources/')
            tip = f"{credit.component.name}\n{credit.licence}\n{source}" + (f"\n{credit.url}" if credit.url else "")
            for col in range(4):
                item.setToolTip(col, tip)
            self.table.addTopLevelItem(item)
        head = self.table.header()
        head.setStretchLastSection(True)
        for col in (0, 1):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # Some licence expressions (PyTorch's) are a line long: elide them, the tooltip has it all.
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(2, 230)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.currentItemChanged.connect(self._show_licence)

        self.licence = QPlainTextEdit()
        self.licence.setReadOnly(True)
        self.licence.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.licence.setPlaceholderText(self.tr('Select a component to read its licence.'))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.licence)
        splitter.setSizes([300, 200])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr('Copy version details'))
        copy.setToolTip(self.tr('For a message to support: the versions of the app and everything it includes'))
        copy.clicked.connect(self.copy_details)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(820, 600)
        if self.table.topLevelItemCount():
            self.table.setCurrentItem(self.table.topLevelItem(min(1, self.table.topLevelItemCount() - 1)))

    def _show_licence(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            self.licence.clear()
            return
        credit = self.credits[self.table.indexOfTopLevelItem(item)]
        text = licence_text(credit)
        if not text:
            text = (
                self.tr('{0} is distributed under {1}. Its package does not include the licence text.').format(credit.component.name, credit.licence)
            )
        self.licence.setPlainText(text)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(version_report(self.credits))


def show_about(parent: QWidget | None = None) -> None:
    AboutDialog(parent).exec()


if __name__ == "__main__":  # a look at the dialog alone
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    dialog = AboutDialog()
    dialog.show()
    sys.exit(app.exec())
