"""The unit page as the printed one: header fields, the AC table, each AC's guidance and covering evidence."""

from PySide6.QtCore import Qt

from tests.gui.helpers import open_window, select_learner


def test_header_guidance_and_covering_evidence(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")
    page = window.criteria
    unit = page.record.unit
    assert page.fields["learner"].text() == "Amelia Hart" and page.fields["ref"].text() == unit.ref
    assert page.fields["credit"].text() == str(unit.credit) and page.fields["glh"].text() == str(unit.glh)
    assert page.fields["level"].text() == str(unit.level)
    assert page.view.textElideMode() == Qt.TextElideMode.ElideNone
    assert all(label.wordWrap() for label in page.fields.values())
    covered = next(r for r, row in enumerate(page.record.rows) if row.met)
    page.view.setCurrentIndex(page.model.index(covered, 1))
    number = page.record.rows[covered].number
    assert page.guidance.text().startswith(f"{number}: ")
    guidance = next(c.guidance for c in unit.criteria if c.number == number)
    if guidance:
        assert guidance[:30] in page.guidance.text()
    refs = [page.covering.item(i).text().split()[0] for i in range(page.covering.count())]
    assert refs == list(page.record.rows[covered].ref_no.split(", "))
    with qtbot.waitSignal(page.evidence_opened) as opened:
        page.covering.itemActivated.emit(page.covering.item(0))
    assert session.evidence.item(opened.args[0]).ref == refs[0]
    session.store.close()


def test_a_hidden_unit_page_reads_its_record_when_shown(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")
    page = window.criteria
    window.show_overview()  # the overview tab hides the unit page
    select_learner(window, "Tomasz Wiśniewski")
    assert page.record.learner_name == "Amelia Hart"  # not read for a page no one sees
    window.tabs.setCurrentWidget(page)
    assert page.record.learner_name == "Tomasz Wiśniewski"
    assert page.fields["learner"].text() == "Tomasz Wiśniewski"
    session.store.close()
