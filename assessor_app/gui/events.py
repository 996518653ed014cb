"""The app-wide signals: every write's Changes goes out on `changed` and each panel refreshes itself from it;
a request the records refuse goes out on `refused` (title, reason) and the window shows it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    changed = Signal(object)  # a domain.changes.Changes
    refused = Signal(str, str)  # title, the reason in words
