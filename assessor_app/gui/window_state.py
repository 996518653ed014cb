"""The window's geometry and splitter sizes, remembered in an INI file in the data folder (not the user's registry)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter


class WindowState:
    def __init__(self, settings_file: Path):
        self._settings = QSettings(str(settings_file), QSettings.Format.IniFormat)

    def restore(self, window: QMainWindow, splitters: list[QSplitter]) -> bool:
        """Put the window back as it was closed; False when nothing was remembered yet."""
        geometry = self._settings.value("window/geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)
        self.restore_splitters(splitters)
        return geometry is not None

    def restore_splitters(self, splitters: list[QSplitter]) -> None:
        """Splitters made after the window was put back (the unit page's opens with the records)."""
        for splitter in splitters:
            sizes = self._settings.value(f"splitters/{splitter.objectName()}")
            if sizes is not None:
                splitter.restoreState(sizes)

    def save(self, window: QMainWindow, splitters: list[QSplitter]) -> None:
        self._settings.setValue("window/geometry", window.saveGeometry())
        for splitter in splitters:
            self._settings.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
        self._settings.sync()
