"""Observation mode as the assessor uses it: keyboard ticking with a filter, timed notes, Q&A, leave, finish."""

from datetime import date

from PySide6.QtCore import Qt

from assessor_app.domain.evidence import FINAL, LEARNER
from assessor_app.gui.observation import FinishDialog, open_observation
from tests.gui.helpers import draw_signature, open_window

CS7 = "A/506/2130"


def learner_named(session, name):
    return next(learner for learner in session.roster.learners() if learner.name == name)


def test_keyboard_ticking_notes_questions_leave_resume_finish(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    tomasz = learner_named(session, "Tomasz Wiśniewski")
    screen = open_observation(window.context, tomasz.id)
    qtbot.addWidget(screen)
    item = screen.item
    assert item.ref == screen.heading.text().split("Observation ")[1].split("<")[0]

    ticks = screen.ticks
    qtbot.keyClicks(ticks.filter, "CS 7")
    headings = [ticks.proxy.index(r, 0).data() for r in range(ticks.proxy.rowCount())
                if ticks.proxy.index(r, 0).data().startswith("Unit ")]
    assert headings and all(h.startswith("Unit CS 7 ") for h in headings)
    qtbot.keyClick(ticks.filter, Qt.Key.Key_Down)
    assert screen.focusWidget() is ticks.view
    first = ticks.current_key()
    qtbot.keyClick(ticks.view, Qt.Key.Key_Space)
    assert ticks.current_key() == first, "the focus left the row just ticked"
    qtbot.keyClick(ticks.view, Qt.Key.Key_Down)
    second = ticks.current_key()
    qtbot.keyClick(ticks.view, Qt.Key.Key_Space)
    qtbot.keyClick(ticks.view, Qt.Key.Key_Space)  # and off again
    qtbot.keyClick(ticks.view, Qt.Key.Key_Space)  # and on
    stored = {(lk.unit_urn, lk.criterion_number) for lk in session.observations.links(item.id)}
    assert stored == {first, second}

    ticks.filter.clear()
    qtbot.keyClicks(ticks.filter, "2.3")
    found = ticks.model.matching("2.3")
    assert found and all(number == "2.3" or number.startswith("2.3.") for _, number in found)
    ticks.filter.clear()

    qtbot.keyClicks(screen.note_entry, "Greets the customer")
    qtbot.keyClick(screen.note_entry, Qt.Key.Key_Return)
    qtbot.keyClicks(screen.question_entry, "Why check stock first?")
    qtbot.keyClick(screen.question_entry, Qt.Key.Key_Return)
    qtbot.keyClicks(screen.answer_entry, "So I do not promise what we lack")
    qtbot.keyClick(screen.answer_entry, Qt.Key.Key_Return)
    screen.location.setText("Shop floor")
    screen.location.editingFinished.emit()
    stored = session.evidence.item(item.id)
    assert [n.text for n in stored.notes] == ["Greets the customer"] and len(stored.notes[0].time) == 5
    assert stored.questions[0].answer == "So I do not promise what we lack"
    assert stored.location == "Shop floor"
    assert screen.notes.count() == 1

    screen.leave_button.click()  # leave: it stays open and comes back as it was
    again = open_observation(window.context, tomasz.id)
    qtbot.addWidget(again)
    assert again.item.id == item.id and again.ticks.ticked() == {first, second}
    assert again.notes.count() == 1 and again.questions.rowCount() == 1

    dialog = FinishDialog(session, again.item, again.learner_name, again)
    qtbot.addWidget(dialog)
    assert item.ref in dialog.summary.text() and "2 criteria ticked" in dialog.summary.text()
    dialog.show()
    draw_signature(qtbot, dialog.signatures.learner_pad.pad)
    draw_signature(qtbot, dialog.signatures.assessor_pad.pad)
    finished = again.finish(dialog)
    assert finished.status == FINAL
    signers = {s.role for s in session.evidence.signatures(item.id)}
    assert signers == {LEARNER, "assessor"}
    assert any(c.draft and item.id in c.evidence_ids for c in session.comments.comments(tomasz.id))
    session.store.close()


def test_signed_off_units_are_locked_and_discard_is_undoable(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    amelia = learner_named(session, "Amelia Hart")
    screen = open_observation(window.context, amelia.id)
    qtbot.addWidget(screen)
    registration = session.roster.registrations(amelia.id)[0]
    locked = [urn for urn in registration.chosen_units if session.signoffs.active(registration.id, urn)]
    assert locked, "the demo's Amelia has a signed-off unit"
    unit = session.catalogue.get(registration.qualification_number).unit(locked[0])
    screen.ticks.select(locked[0], unit.criteria[0].number)
    qtbot.keyClick(screen.ticks.view, Qt.Key.Key_Space)
    assert "signed off" in screen.message.text()
    assert session.observations.links(screen.item.id) == []

    item = screen.item
    screen.discard(confirmed=True)
    assert session.observations.open_for(amelia.id) is None
    window.undo_stack.undo()
    assert session.observations.open_for(amelia.id).id == item.id
    session.store.close()


def test_date_cannot_be_set_in_the_future(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    screen = open_observation(window.context, learner_named(session, "Zoë Ó'Brien-Łukasiewicz").id)
    qtbot.addWidget(screen)
    assert screen.date_edit.maximumDate().toString("yyyy-MM-dd") == date.today().isoformat()
    session.store.close()
