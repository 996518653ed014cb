"""Help: the About box (version, licence, data folder, log file) and the list of keyboard shortcuts (F1)."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from assessor_app import __version__

DISTRIBUTION = "assessor-app"


def installed_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return __version__


def licence_text() -> str:
    try:
        found = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "see the project's pyproject.toml"
    return found.get("License") or found.get("License-Expression") or "not stated"


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, log_file: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("About assessor-app")
        self.version = installed_version()
        title = QLabel(f"<h2>assessor-app {self.version}</h2>"
                       "<p>Records and signs off vocational assessment evidence, offline, and exports the "
                       "Learner Assessment Record.</p>")
        title.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Version:", _selectable(self.version))
        form.addRow("Licence:", _selectable(licence_text()))
        form.addRow("Data folder:", _selectable(str(data_dir)))
        form.addRow("Log file:", _selectable(str(log_file) if log_file else "none (read-only folder)"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 260)


class ShortcutsDialog(QDialog):
    def __init__(self, shortcuts: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.table = QTableWidget(len(shortcuts), 2)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "What they do"])
        self.table.verticalHeader().setVisible(False)
        for row, (what, keys) in enumerate(shortcuts):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(0)
        extra = QLabel("In the learner list's filter, Down, Up and Enter move into the list; Enter on a learner "
                       "opens the overview. Tab moves between panes.\nIn an observation: Ctrl+J types a timed "
                       "note, Ctrl+K a question, Ctrl+L goes to the criteria's filter, Space ticks a criterion.")
        extra.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(extra)
        layout.addWidget(buttons)
        self.resize(520, 520)
