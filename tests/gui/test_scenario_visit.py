"""A whole visit on a demo learner through the window's own widgets, as an assessor at the employer's does it:
an observation ticking 6 ACs across two units with three timed notes and two questions, a witness testimony
signed on the pad, a professional discussion with its audio file, a photo dropped onto the observation, the
drafted feedback finished, a report with its word count; then a restart finds it all and the exported LAR prints
every field the visit recorded."""

import wave
from datetime import date

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

from assessor_app.domain.evidence import FINAL, LEARNER, PROFESSIONAL_DISCUSSION, REPORT, WITNESS_TESTIMONY
from assessor_app.domain.records import uk_date
from assessor_app.gui.comments_log import CommentsLog
from assessor_app.gui.evidence_form import EvidenceForm
from assessor_app.gui.evidence_register import EvidenceRegister
from assessor_app.gui.observation import FinishDialog, ObservationWindow
from assessor_app.services.lar import build_lar_record
from tests.export.pdf_reading import read_back
from tests.gui.helpers import draw_signature, open_window, select_learner, trigger, type_text

LEARNER_NAME = "Tomasz Wiśniewski"
CS7, CS8 = "A/506/2130", "F/506/2131"
TODAY = date.today().isoformat()


def tick_by_keyboard(qtbot, ticks, unit_ref, count):
    """Filter to the unit, go down into the list, and tick with Space `count` ACs no other evidence covers yet."""
    ticks.filter.clear()
    qtbot.keyClicks(ticks.filter, unit_ref)
    qtbot.keyClick(ticks.filter, Qt.Key.Key_Down)
    ticked = []
    while len(ticked) < count:
        key = ticks.current_key()
        covered = ticks.view.currentIndex().siblingAtColumn(1).data()
        if key is not None and key not in ticks.ticked() and not covered:
            qtbot.keyClick(ticks.view, Qt.Key.Key_Space)
            assert ticks.current_key() == key and key in ticks.ticked()
            ticked.append(key)
        qtbot.keyClick(ticks.view, Qt.Key.Key_Down)
    return ticked


def drop_files(widget, paths):
    """A real drag and drop: enter (Qt routes the drop to the widget that accepted it), then drop file URLs."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), "the widget refused the files"
    event = QDropEvent(QPointF(QPoint(20, 20)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def make_files(tmp_path):
    photo = tmp_path / "brake-bay.png"
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    assert image.save(str(photo))
    audio = tmp_path / "discussion.wav"
    with wave.open(str(audio), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x01" * 8000 * 3)
    return photo, audio


def observe(qtbot, window, cs8_ref):
    trigger(window, "action_start_observation")
    screen = window.dialog
    assert isinstance(screen, ObservationWindow) and screen.isVisible()
    type_text(qtbot, screen.activity, "Greeting and serving customers at the parts counter")
    screen.activity.editingFinished.emit()
    ticked = tick_by_keyboard(qtbot, screen.ticks, "CS 7", 3) + tick_by_keyboard(qtbot, screen.ticks, cs8_ref, 3)
    for note in ("Greets each customer within a minute", "Checks stock before promising", "Logs the order"):
        type_text(qtbot, screen.note_entry, note)
        qtbot.keyClick(screen.note_entry, Qt.Key.Key_Return)
    for question, answer in (("Why check stock first?", "So I never promise what we lack"),
                             ("Who do you escalate to?", "The parts manager")):
        type_text(qtbot, screen.question_entry, question)
        qtbot.keyClick(screen.question_entry, Qt.Key.Key_Return)
        type_text(qtbot, screen.answer_entry, answer)
        qtbot.keyClick(screen.answer_entry, Qt.Key.Key_Return)
    dialog = FinishDialog(window.session, screen.item, screen.learner_name, screen)
    qtbot.addWidget(dialog)
    assert screen.item.ref in dialog.summary.text()
    dialog.show()
    draw_signature(qtbot, dialog.signatures.learner_pad.pad)
    draw_signature(qtbot, dialog.signatures.assessor_pad.pad)
    item = screen.finish(dialog)
    assert item.status == FINAL
    return item, ticked


def witness_testimony(qtbot, window):
    trigger(window, "action_witness_testimony")
    form = window.dialog
    assert isinstance(form, EvidenceForm) and form.kind.currentData() == WITNESS_TESTIMONY
    assert not form.participants.isVisible() and form.witness_box.isVisible()
    form.witness.setCurrentIndex(0)  # New witness…
    type_text(qtbot, form.witness_name, "Marek Nowak")
    type_text(qtbot, form.witness_job, "Parts Manager")
    type_text(qtbot, form.witness_relationship, "line manager")
    form.expert.setChecked(True)
    type_text(qtbot, form.title, "Handling a returned part")
    type_text(qtbot, form.narrative, "Tomasz dealt calmly with a customer returning a wrong part.")
    ticked = tick_by_keyboard(qtbot, form.ticks, "CS 7", 2)
    draw_signature(qtbot, form.witness_pad.pad)
    form.witness_pad.pad.clear()  # cleared and drawn again before saving
    draw_signature(qtbot, form.witness_pad.pad)
    item = form.save()
    assert item is not None, form.problem.text()
    return item, ticked


def professional_discussion(qtbot, window, audio):
    trigger(window, "action_professional_discussion")
    form = window.dialog
    assert isinstance(form, EvidenceForm) and form.kind.currentData() == PROFESSIONAL_DISCUSSION
    assert form.topics.isVisible() and not form.witness_box.isVisible()
    type_text(qtbot, form.title, "Review of customer service")
    type_text(qtbot, form.topics, "brand promise; complaints")
    form.questions.add("What does the brand promise mean at the counter?", "Being honest about lead times")
    form.participants.item(0).setCheckState(Qt.CheckState.Checked)
    tick_by_keyboard(qtbot, form.ticks, "CS 7", 1)
    drop_files(form.attachments, [audio])
    assert form.attachments.pending == [audio], "the drop did not reach the attachments"
    item = form.save()
    assert item is not None, form.problem.text()
    return item


def report(qtbot, window):
    trigger(window, "action_add_evidence")
    form = window.dialog
    assert isinstance(form, EvidenceForm)
    form.kind.setCurrentIndex(form.kind.findData(REPORT))
    assert form.word_count.isVisible()
    type_text(qtbot, form.title, "Assignment: the brand promise")
    type_text(qtbot, form.narrative, "Written up after the visit.")
    form.word_count.setValue(1850)
    item = form.save()
    assert item is not None, form.problem.text()
    return item


def test_a_whole_visit(qtbot, demo_dir, tmp_path, font_dir):
    photo, audio = make_files(tmp_path)
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, LEARNER_NAME)
    learner_id = window.context.selection.learner_id
    registration = session.roster.registrations(learner_id)[0]
    cs8_ref = session.context.qualification(registration).unit(CS8).ref

    observation, observed = observe(qtbot, window, cs8_ref)
    assert {urn for urn, _ in observed} == {CS7, CS8} and len(observed) == 6
    testimony, witnessed = witness_testimony(qtbot, window)
    discussion = professional_discussion(qtbot, window, audio)
    written = report(qtbot, window)

    trigger(window, "action_evidence_register")
    register = window.dialog
    assert isinstance(register, EvidenceRegister)
    register.select(observation.id)
    editor = register.open_item(register.current_id())  # deletes itself on closing
    drop_files(editor.attachments, [photo])
    editor.attachments.wait()
    assert editor.attachments.list.count() == 1 and not editor.attachments.list.item(0).icon().isNull()
    editor.close()

    trigger(window, "action_add_comment")
    log = window.dialog
    assert isinstance(log, CommentsLog)
    draft = next(c for c in session.comments.comments(learner_id) if c.draft and observation.id in c.evidence_ids)
    assert session.comments.comment(log.comment_id).draft, "the log opens on the first draft"
    log.table.setCurrentCell(next(row for row, c in enumerate(log._comments) if c.id == draft.id), 2)
    assert log.comment_id == draft.id and log.text.toPlainText() == draft.text
    log.text.moveCursor(log.text.textCursor().MoveOperation.End)
    type_text(qtbot, log.text, "Well done: greeted and served every customer promptly.")
    assert log.save(draft=False)

    window.close()
    session.store.close()
    window, session = open_window(qtbot, demo_dir)  # the restart

    found = session.evidence.item(observation.id)
    assert [n.text for n in found.notes] == ["Greets each customer within a minute", "Checks stock before promising",
                                             "Logs the order"]
    assert all(len(n.time) == 5 for n in found.notes) and len(found.questions) == 2
    assert found.activity == "Greeting and serving customers at the parts counter" and found.status == FINAL
    assert {(lk.unit_urn, lk.criterion_number) for lk in session.mapping.links(evidence_id=observation.id)} == \
        set(observed)
    assert {s.role for s in session.evidence.signatures(observation.id)} == {LEARNER, "assessor"}
    assert [a.name for a in found.attachments] == [photo.name]
    assert session.attachments.problem(found.attachments[0].id) is None
    testimony = session.evidence.item(testimony.id)
    witness = session.people.person(testimony.person_ids[0])
    assert (witness.name, witness.job_title, testimony.expert_witness) == ("Marek Nowak", "Parts Manager", True)
    assert witness.id in {p.id for p in session.people.contacts(learner_id)}
    assert [s.name for s in session.evidence.signatures(testimony.id)] == ["Marek Nowak"]
    assert {(lk.unit_urn, lk.criterion_number) for lk in session.mapping.links(evidence_id=testimony.id)} == \
        set(witnessed)
    discussion = session.evidence.item(discussion.id)
    assert discussion.topics == "brand promise; complaints" and [a.name for a in discussion.attachments] == [audio.name]
    assert session.attachments.problem(discussion.attachments[0].id) is None
    assert session.evidence.item(written.id).word_count == 1850
    finished = session.comments.comment(draft.id)
    assert not finished.draft and finished.text.endswith("every customer promptly.")

    from assessor_app.export.lar import write_lar

    pdf = write_lar(build_lar_record(session, learner_id, registration.qualification_number),
                    tmp_path / "lar.pdf", font_dir)
    printed = read_back(pdf)
    cs7 = printed.units["CS 7"]
    cs7_refs = {row[0].split()[0]: row[1] for row in cs7.rows}
    cs7_dates = {row[0].split()[0]: row[2] for row in cs7.rows}
    for urn, number in observed:
        if urn == CS7:
            assert observation.ref in cs7_refs[number]
    only_ours = [number for urn, number in observed if urn == CS7 and cs7_refs[number].strip() == observation.ref]
    assert only_ours and all(cs7_dates[number] == uk_date(TODAY) for number in only_ours)
    index = printed.pages_between("EVIDENCE INDEX", None)
    for item in (observation, testimony, discussion, written):
        assert item.ref in index
    assert "Word count: 1,850" in index, "the report's word count is not in the evidence index"
    form = printed.pages_between(f"Evidence Ref. No.: {observation.ref} ", "Evidence Ref. No.:")
    for note in found.notes:
        assert f"{note.time} {note.text}" in form, f"timed note {note.text!r} is not on the observation form"
    assert "Activity observed: Greeting and serving customers at the parts counter" in form
    assert "Record: finished" in form
    discussion_form = printed.pages_between(f"Evidence Ref. No.: {discussion.ref} ", "Evidence Ref. No.:")
    assert "Topics discussed: brand promise; complaints" in discussion_form
    for text in (photo.name, audio.name, "Marek Nowak", "Handling a returned part", "Why check stock first?",
                 "Review of customer service", "Well done: greeted and served every customer promptly."):
        assert text in printed.text, f"{text!r} is not in the exported record"
    session.store.close()
