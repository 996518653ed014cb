"""Undoable commands: each calls a service and its inverse, then announces the Changes.

The first call is made before the command is pushed (see `push_*`), so a refusal from a service reaches the user as a
message and nothing half-done lands on the undo stack; the command's first redo() then only announces the Changes.
An undo or redo the records now refuse (the unit was signed off in between) is announced on `refused` with the
reason, changes nothing, and drops the command, so the stack never claims a state the records do not hold."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from assessor_app.domain.changes import Changes
from assessor_app.gui.events import AppEvents
from assessor_app.services.session import ServiceError, Session


class _DoneCommand(QUndoCommand):
    """A command whose first action already happened; redo() after an undo repeats it through `_again`."""

    def __init__(self, text: str, events: AppEvents, first_changes: Changes):
        super().__init__(text)
        self._events = events
        self._pending = first_changes

    def redo(self) -> None:
        if self._pending is not None:
            changes, self._pending = self._pending, None
            self._events.changed.emit(changes)
        else:
            self._attempt(self._again, "Cannot redo")

    def undo(self) -> None:
        self._attempt(self._reverse, "Cannot undo")

    def _attempt(self, action, title: str) -> None:
        try:
            changes = action()
        except ServiceError as refused:
            self.setObsolete(True)  # QUndoStack deletes an obsolete command and keeps its index right
            self._events.refused.emit(f"{title} “{self.text()}”", str(refused))
            return
        self._events.changed.emit(changes)

    def _again(self) -> Changes:
        raise NotImplementedError

    def _reverse(self) -> Changes:
        raise NotImplementedError


class TickCriterionCommand(_DoneCommand):
    """Undo soft-deletes the tick; redo restores the same record, so undo/redo never duplicates it."""

    def __init__(self, session: Session, events: AppEvents, tick_id: str, number: str, changes: Changes):
        super().__init__(f"Tick {number}", events, changes)
        self._session, self._tick_id = session, tick_id

    def _again(self) -> Changes:
        return self._session.mapping.restore_link(self._tick_id)

    def _reverse(self) -> Changes:
        return self._session.mapping.unlink(self._tick_id)


class UntickCriterionCommand(_DoneCommand):
    def __init__(self, session: Session, events: AppEvents, tick_ids: list[str], number: str, changes: Changes):
        super().__init__(f"Untick {number}", events, changes)
        self._session, self._tick_ids = session, list(tick_ids)

    def _each(self, action) -> Changes:
        changes = Changes()
        for tick_id in self._tick_ids:
            changes = changes | action(tick_id)
        return changes

    def _again(self) -> Changes:
        return self._each(self._session.mapping.unlink)

    def _reverse(self) -> Changes:
        return self._each(self._session.mapping.restore_link)


class ChangeUnitsCommand(_DoneCommand):
    def __init__(self, session: Session, events: AppEvents, registration_id: str, old: list[str], new: list[str],
                 changes: Changes):
        super().__init__("Change chosen units", events, changes)
        self._session, self._registration_id, self._old, self._new = session, registration_id, old, new

    def _again(self) -> Changes:
        return self._session.roster.change_units(self._registration_id, self._new)[1]

    def _reverse(self) -> Changes:
        return self._session.roster.change_units(self._registration_id, self._old, allow_incomplete=True)[1]


def push_tick(stack: QUndoStack, session: Session, events: AppEvents, registration_id: str, unit_urn: str,
              number: str, met_on: str, evidence_ref: str) -> None:
    tick, changes = session.mapping.tick(registration_id, unit_urn, number, met_on, evidence_ref)
    stack.push(TickCriterionCommand(session, events, tick.id, number, changes))


def push_untick(stack: QUndoStack, session: Session, events: AppEvents, tick_ids: list[str], number: str) -> None:
    changes = Changes()
    done = []
    try:
        for tick_id in tick_ids:
            changes = changes | session.mapping.unlink(tick_id)
            done.append(tick_id)
    except Exception:
        for tick_id in done:  # all or nothing, as the user asked for one thing
            session.mapping.restore_link(tick_id)
        raise
    stack.push(UntickCriterionCommand(session, events, tick_ids, number, changes))


def push_change_units(stack: QUndoStack, session: Session, events: AppEvents, registration_id: str,
                      new: list[str]) -> None:
    old = list(session.roster.registration(registration_id).chosen_units)
    _, changes = session.roster.change_units(registration_id, new)
    stack.push(ChangeUnitsCommand(session, events, registration_id, old, new, changes))
