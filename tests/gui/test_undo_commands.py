"""Undo of a command the records now refuse (its unit was signed off in between): the reason is shown, nothing
changes, and the stack stays consistent (the command is dropped, redo does not claim it)."""

from datetime import date

from tests.gui.helpers import click_tick, open_window, select_learner, select_unit


def test_undo_after_sign_off_is_refused_with_the_reason(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    refusals = []
    window.events.refused.disconnect()
    window.events.refused.connect(lambda title, reason: refusals.append((title, reason)))
    select_learner(window, "Tomasz Wiśniewski")
    learner_id = window.learners.current_learner_id()
    [registration] = session.roster.registrations(learner_id)
    urn = registration.chosen_units[0]
    select_unit(qtbot, window, urn)
    rows = [r for r, row in enumerate(window.criteria.record.rows) if not row.met]
    for row in rows:
        click_tick(qtbot, window, row)
    assert window.criteria.record.met_count == len(window.criteria.record.rows)
    depth = window.undo_stack.count()
    for items in session.caseload.covering_evidence(registration.id, urn).values():
        for item in items:
            if not item.narrative:
                session.evidence.update(item.id, narrative="All seen on the shop floor.")
    assessor = session.profile.current()
    session.signoffs.sign(registration.id, urn, assessor.id, date.today().isoformat())
    window.undo_stack.undo()
    assert refusals and "Cannot undo" in refusals[0][0] and "signed off" in refusals[0][1]
    assert window.undo_stack.count() == depth - 1 and window.undo_stack.index() == depth - 1
    assert session.signoffs.active(registration.id, urn) is not None
    assert session.progress.unit_record(registration.id, urn).met_count == len(window.criteria.record.rows)
    window.undo_stack.redo()  # nothing above the index: the refused command is gone, not redone
    assert window.undo_stack.index() == depth - 1
    session.store.close()
