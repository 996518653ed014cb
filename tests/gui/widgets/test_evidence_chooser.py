"""Ticking on the unit page asks which evidence item the tick belongs to: the open observation by default."""

from tests.gui.helpers import click_tick, open_window, select_learner


def test_unit_page_ticks_into_the_open_observation_by_default(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Tomasz Wiśniewski")
    chooser = window.criteria.evidence_ref
    learner_id = window.context.selection.learner_id
    next_ref = session.evidence.next_ref(learner_id)
    assert chooser.chosen_ref() == next_ref and "new observation" in chooser.currentText()
    refs = [chooser.itemData(i) for i in range(chooser.count())]
    assert set(refs[:-1]) == {item.ref for item in session.evidence.register(learner_id)}

    observation, changes = session.observations.start(learner_id, time="09:00")
    window.context.announce(changes)
    assert chooser.chosen_ref() == observation.ref and "being recorded" in chooser.currentText()
    model = window.criteria.model
    row = next(r for r in range(model.rowCount()) if not model.row_at(r).met)
    click_tick(qtbot, window, row)
    links = session.observations.links(observation.id)
    assert [(lk.unit_urn, lk.criterion_number) for lk in links] == [(window.criteria.unit_urn, model.row_at(row).number)]

    other = next(item for item in session.evidence.register(learner_id) if item.id != observation.id)
    chooser.setCurrentIndex(chooser.findData(other.ref))
    row = next(r for r in range(model.rowCount()) if not model.row_at(r).met)
    click_tick(qtbot, window, row)
    assert model.row_at(row).number in {lk.criterion_number for lk in session.mapping.links(evidence_id=other.id)}
    session.store.close()


def test_the_chosen_item_reads_whole_from_its_ref_no(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    window.resize(1366, 768)
    select_learner(window, "Amelia Hart")
    chooser = window.criteria.evidence_ref
    longest = max((chooser.itemText(i) for i in range(chooser.count())), key=len)
    chooser.setCurrentIndex(chooser.findText(longest))
    qtbot.wait(50)
    shown = chooser.lineEdit()
    assert shown.fontMetrics().horizontalAdvance(longest) <= shown.width()  # not scrolled to show only its end
    assert longest.startswith(chooser.chosen_ref()) and shown.cursorPosition() in (0, len(longest))
    session.store.close()
