"""What every screen opened from the window needs: the services, the signals, the undo stack, the selection."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from assessor_app.gui.events import AppEvents
from assessor_app.paths import DataFolder
from assessor_app.services.session import Session


@dataclass
class Selection:
    """The learner, registration and unit the window is showing ("" for none)."""

    learner_id: str = ""
    registration_id: str = ""
    unit_urn: str = ""


@dataclass
class WindowContext:
    session: Session
    events: AppEvents
    undo_stack: QUndoStack
    font_dir: Path
    folder: DataFolder
    parent: QWidget | None = None
    selection: Selection = field(default_factory=Selection)
    last_export: Path | None = None

    @property
    def read_only(self) -> bool:
        return self.session.store.read_only

    def announce(self, changes) -> None:
        """Every write's Changes go out on the app-wide signal; each panel refreshes what it shows."""
        if changes:
            self.events.changed.emit(changes)
