"""The app-wide `changed` signal: every write's Changes goes out here and every view refreshes from it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    changed = Signal(object)  # a domain.changes.Changes
