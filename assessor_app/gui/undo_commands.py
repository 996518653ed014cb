"""Undoable commands: each calls a service and its inverse, then announces the Changes."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from assessor_app.gui.events import AppEvents
from assessor_app.services.session import Session


class TickCriterionCommand(QUndoCommand):
    """Tick an AC; undo soft-deletes the tick, redo restores the same record (no duplicates)."""

    def __init__(self, session: Session, events: AppEvents, registration_id: str, unit_urn: str, number: str,
                 met_on: str, evidence_ref: str):
        super().__init__(f"Tick {number}")
        self._session, self._events = session, events
        self._args = (registration_id, unit_urn, number, met_on, evidence_ref)
        self._tick_id: str | None = None

    def redo(self) -> None:
        if self._tick_id is None:
            tick, changes = self._session.tick(*self._args)
            self._tick_id = tick.id
        else:
            changes = self._session.restore_tick(self._tick_id)
        self._events.changed.emit(changes)

    def undo(self) -> None:
        self._events.changed.emit(self._session.untick(self._tick_id))


class UntickCriterionCommand(QUndoCommand):
    """Clear every tick of an AC; undo restores them."""

    def __init__(self, session: Session, events: AppEvents, tick_ids: list[str], number: str):
        super().__init__(f"Untick {number}")
        self._session, self._events, self._tick_ids = session, events, list(tick_ids)

    def redo(self) -> None:
        for tick_id in self._tick_ids:
            self._events.changed.emit(self._session.untick(tick_id))

    def undo(self) -> None:
        for tick_id in self._tick_ids:
            self._events.changed.emit(self._session.restore_tick(tick_id))
