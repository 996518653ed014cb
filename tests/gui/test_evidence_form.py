"""The Add evidence form shows only the fields a kind needs, and a refused item says why and stores nothing."""

import pytest

from assessor_app.domain.evidence import KINDS
from assessor_app.gui.evidence_form import NARRATIVE_LINES, SECTIONS, EvidenceForm
from tests.gui.helpers import open_screen

ZOE = "Zoë Ó'Brien-Łukasiewicz"


@pytest.fixture
def form(qtbot, demo_dir):
    window, session, form = open_screen(qtbot, demo_dir, ZOE, "action_add_evidence", EvidenceForm)
    yield form
    session.store.close()


def test_each_kind_shows_only_its_fields(form):
    parts = {"timed": form._rows["timed"], "participants": form.participants, "topics": form.topics,
             "word_count": form.word_count, "document": form.document_location, "witness": form.witness_box,
             "questions": form.questions_box}
    for kind in KINDS:
        form.kind.setCurrentIndex(form.kind.findData(kind))
        shown = {name for name, widget in parts.items() if widget.isVisible()}
        assert shown == {name for name, kinds in SECTIONS.items() if kind in kinds}, kind


def test_a_workplace_document_needs_its_location_and_a_report_keeps_its_word_count(form):
    session = form._session
    before = len(session.evidence.register(form.learner_id))
    form.kind.setCurrentIndex(form.kind.findData("workplace_document"))
    form.title.setText("Customer complaints log")
    assert form.save() is None
    assert "where it can be found" in form.problem.text()
    assert len(session.evidence.register(form.learner_id)) == before
    form.document_location.setText("Service desk, top drawer")
    form.document_relevance.setText("Shows complaints resolved")
    item = form.save()
    assert item is not None and session.evidence.item(item.id).document_location == "Service desk, top drawer"


def test_report_word_count_and_undo_of_the_add(qtbot, demo_dir):
    window, session, form = open_screen(qtbot, demo_dir, ZOE, "action_add_evidence", EvidenceForm)
    form.kind.setCurrentIndex(form.kind.findData("report"))
    form.title.setText("Assignment: the brand promise")
    form.word_count.setValue(1850)
    item = form.save()
    assert session.evidence.item(item.id).word_count == 1850
    window.undo_stack.undo()
    assert session.evidence.item(item.id).deleted
    session.store.close()


def test_a_witness_account_has_room_for_six_lines_and_a_discussion_room_for_its_location(qtbot, demo_dir):
    window, session, form = open_screen(qtbot, demo_dir, ZOE, "action_witness_testimony", EvidenceForm)
    form.resize(1180, 708)  # as on a 1366x768 laptop
    qtbot.wait(50)
    assert form.narrative.height() >= form.narrative.fontMetrics().lineSpacing() * NARRATIVE_LINES
    form.close()
    window.actions["action_professional_discussion"].trigger()
    form = window.dialog
    form.resize(1180, 708)
    qtbot.wait(50)
    assert form.location.width() >= 250  # it was squeezed beside the time and duration to a few letters
    session.store.close()
