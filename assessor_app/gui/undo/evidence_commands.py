"""Undoable edits of the evidence register: discarding an observation, editing an item, removing an attachment."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from assessor_app.domain.changes import Changes
from assessor_app.domain.evidence import EDITABLE_FIELDS, EvidenceItem
from assessor_app.gui.events import AppEvents
from assessor_app.gui.undo_commands import _DoneCommand
from assessor_app.services.session import Session


class _PairCommand(_DoneCommand):
    """A command whose redo and undo are two service calls, each returning Changes (or (result, Changes))."""

    def __init__(self, text: str, events: AppEvents, first_changes: Changes, again, reverse):
        super().__init__(text, events, first_changes)
        self._do, self._undo = again, reverse

    def _again(self) -> Changes:
        return _changes_of(self._do())

    def _reverse(self) -> Changes:
        return _changes_of(self._undo())


def _changes_of(result) -> Changes:
    return result[1] if isinstance(result, tuple) else result


def push_discard_observation(stack: QUndoStack, session: Session, events: AppEvents, item: EvidenceItem) -> None:
    changes = session.observations.discard(item.id)
    stack.push(_PairCommand(f"Discard observation {item.ref}", events, changes,
                            lambda: session.observations.discard(item.id),
                            lambda: session.observations.restore(item.id)))


def push_update_evidence(stack: QUndoStack, session: Session, events: AppEvents, evidence_id: str,
                         **fields) -> EvidenceItem:
    """Edit an item's text or people (refused with the reason on a signed-off unit); undo puts the old values back."""
    before = session.evidence.item(evidence_id)
    old = {name: getattr(before, name) for name in fields if name in EDITABLE_FIELDS}
    after, changes = session.evidence.update(evidence_id, **fields)
    if changes:
        stack.push(_PairCommand(f"Edit evidence {before.ref}", events, changes,
                                lambda: session.evidence.update(evidence_id, **fields),
                                lambda: session.evidence.update(evidence_id, **old)))
    return after


def push_delete_evidence(stack: QUndoStack, session: Session, events: AppEvents, item: EvidenceItem) -> None:
    changes = session.evidence.delete(item.id)
    stack.push(_PairCommand(f"Delete evidence {item.ref}", events, changes,
                            lambda: session.evidence.delete(item.id), lambda: session.evidence.restore(item.id)))


def push_detach(stack: QUndoStack, session: Session, events: AppEvents, attachment_id: str, name: str) -> None:
    changes = session.attachments.detach(attachment_id)
    stack.push(_PairCommand(f"Remove attachment {name}", events, changes,
                            lambda: session.attachments.detach(attachment_id),
                            lambda: session.attachments.restore(attachment_id)))


def push_link(stack: QUndoStack, session: Session, events: AppEvents, evidence_id: str, registration_id: str,
              unit_urn: str, number: str) -> str:
    """Tick an AC under an existing evidence item (the unit page's tick); undo unlinks it. Returns the link id."""
    made, changes = session.mapping.link(evidence_id, registration_id, unit_urn, [number])
    if not made:
        return ""
    link_id = made[0].id
    stack.push(_PairCommand(f"Tick {number}", events, changes, lambda: session.mapping.restore_link(link_id),
                            lambda: session.mapping.unlink(link_id)))
    return link_id


def push_added_evidence(stack: QUndoStack, session: Session, events: AppEvents, item: EvidenceItem,
                        changes: Changes) -> None:
    """An item just logged by a form: undo deletes it (soft), redo brings it back."""
    stack.push(_PairCommand(f"Add evidence {item.ref}", events, changes, lambda: session.evidence.restore(item.id),
                            lambda: session.evidence.delete(item.id)))


def push_unlink(stack: QUndoStack, session: Session, events: AppEvents, link_id: str, number: str) -> None:
    changes = session.mapping.unlink(link_id)
    stack.push(_PairCommand(f"Untick {number}", events, changes, lambda: session.mapping.unlink(link_id),
                            lambda: session.mapping.restore_link(link_id)))


def push_comment(stack: QUndoStack, session: Session, events: AppEvents, comment_id: str | None, learner_id: str,
                 **fields) -> str:
    """Add a comment row (comment_id None) or edit one (finishing a draft is draft=False); undoable. Returns its id."""
    if comment_id is None:
        comment, changes = session.comments.add(learner_id, **fields)
        stack.push(_PairCommand("Add comment", events, changes, lambda: session.comments.restore(comment.id),
                                lambda: session.comments.delete(comment.id)))
        return comment.id
    before = session.comments.comment(comment_id)
    old = {name: getattr(before, name) for name in fields}
    _, changes = session.comments.update(comment_id, **fields)
    if changes:
        stack.push(_PairCommand("Edit comment", events, changes, lambda: session.comments.update(comment_id, **fields),
                                lambda: session.comments.update(comment_id, **old)))
    return comment_id
