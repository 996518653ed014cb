"""The window as an assessor uses it: tick an AC, close, reopen, find it; export the unit page and read it back."""

import re
from datetime import date

import pypdf
import pytest
from PySide6.QtCore import Qt

from assessor_app.domain.records import uk_date
from assessor_app.gui.criteria_model import CHECK_COLUMN
from assessor_app.paths import DataFolder, DataFolderLock, FolderLocked
from tests.gui.helpers import click_tick, open_window, select_learner
from tests.gui.test_route_dialog import tick
from assessor_app.paths import shipped_dir


def test_tick_survives_closing_and_reopening(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Tomasz Wiśniewski")
    model = window.criteria.model
    row = next(r for r in range(model.rowCount()) if not model.row_at(r).met)
    number = model.row_at(row).number
    click_tick(qtbot, window, row)
    assert model.row_at(row).met, "the click did not tick the AC"
    assert model.row_at(row).date == date.today().isoformat()
    window.close()
    session.store.close()

    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Tomasz Wiśniewski")
    reopened = window.criteria.model
    assert reopened.row_at(reopened.row_of(number)).met
    assert reopened.data(reopened.index(reopened.row_of(number), 3)) == uk_date(date.today().isoformat())
    session.store.close()


def test_undo_and_redo_a_tick(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Tomasz Wiśniewski")
    model = window.criteria.model
    row = next(r for r in range(model.rowCount()) if not model.row_at(r).met)
    click_tick(qtbot, window, row)
    assert model.row_at(row).met
    window.undo_stack.undo()
    assert not model.row_at(row).met
    window.undo_stack.redo()
    assert model.row_at(row).met
    ticks = session.mapping.ticks(window.criteria.registration_id, window.criteria.unit_urn)
    assert len([t for t in ticks if t.criterion_number == model.row_at(row).number]) == 1
    session.store.close()


def test_export_unit_page_has_ac_text_ref_and_date(qtbot, demo_dir, tmp_path):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Zoë Ó'Brien-Łukasiewicz")
    model = window.criteria.model
    row = next(r for r in range(model.rowCount()) if not model.row_at(r).met)
    window.criteria.evidence_ref.setCurrentText("E42")
    click_tick(qtbot, window, row)
    ticked = model.row_at(row)
    out = window.export_current_unit(target=tmp_path / "unit.pdf")
    text = re.sub(r"\s+", " ", "".join(page.extract_text() for page in pypdf.PdfReader(out).pages))
    assert "UNIT REF: CS 7" in text and "UNIT TITLE: DELIVER CUSTOMER SERVICE" in text
    assert "Zoë Ó'Brien-Łukasiewicz" in text
    for r in range(model.rowCount()):
        assert re.sub(r"\s+", " ", model.row_at(r).text) in text
    assert f"{ticked.number} {ticked.text}" in text
    assert "E42" in text and uk_date(date.today().isoformat()) in text
    assert "ASSESSOR SIGNATURE:" in text and "PIN NO:" in text
    session.store.close()


def test_read_only_window_cannot_tick(qtbot, demo_dir):
    with DataFolderLock(DataFolder(demo_dir)):
        with pytest.raises(FolderLocked):
            DataFolderLock(DataFolder(demo_dir)).acquire()
        window, session = open_window(qtbot, demo_dir, read_only=True)
        select_learner(window, "Amelia Hart")
        assert "read-only" in window.windowTitle()
        index = window.criteria.model.index(0, CHECK_COLUMN)
        assert not (window.criteria.model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable)
        session.store.close()


def test_choose_units_saves_a_valid_route_and_undo_restores_the_old_one(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")
    registration = session.roster.registration(window.units.registration_id)
    qualification = session.catalogue.get(registration.qualification_number)
    old = list(registration.chosen_units)
    group_c = next(g for g in qualification.groups if g.name == "C")
    extra = next(u for u in group_c.units if u not in old)
    dialog = window.choose_units()
    tick(dialog, "C", {qualification.unit(extra).ref})
    dialog.accept()
    assert extra in session.roster.registration(registration.id).chosen_units
    assert window.units.model.row_of(extra) >= 0, "the unit list did not refresh"
    window.undo_stack.undo()
    assert list(session.roster.registration(registration.id).chosen_units) == old
    assert window.units.model.row_of(extra) < 0
    session.store.close()


def test_refused_tick_is_explained_and_leaves_nothing_to_undo(qtbot, demo_dir, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Tomasz Wiśniewski")
    model = window.criteria.model
    row = next(r for r in range(model.rowCount()) if not model.row_at(r).met)
    window.criteria.evidence_ref.setCurrentText("E1, E2")  # two refs in one box: not a ref the register can hold
    click_tick(qtbot, window, row)
    assert warnings, "no message told the assessor why nothing was recorded"
    assert not model.row_at(row).met
    assert window.undo_stack.count() == 0
    session.store.close()


def test_unit_list_shows_which_units_are_signed_off(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")
    model = window.units.model
    signed = {model.unit_at(r).ref: model.data(model.index(r, 5)) for r in range(model.rowCount())}
    registration = session.roster.registration(window.units.registration_id)
    cs8 = session.signoffs.active(registration.id, registration.chosen_units[1])
    assert signed["CS 8"] == uk_date(cs8.signed_on)
    assert signed["CS 9"] == ""
    session.store.close()


def test_window_starts_with_the_good_qualifications_when_one_file_is_broken(qtbot, demo_dir):
    (demo_dir / "qualifications" / "centre-broken.json").write_text('{"format": "assessor-app-qualification/1"',
                                                                  encoding="utf-8")
    window, session = open_window(qtbot, demo_dir)
    assert [p.path.name for p in session.catalogue.problems] == ["centre-broken.json"]
    assert "not valid JSON" in session.catalogue.problems[0].problem
    assert window.learners.model.rowCount() == 3
    assert "601/3456/2" in session.catalogue.qualifications
    session.store.close()


def test_unit_heading_does_not_double_the_word_unit(qtbot, data_dir):
    from assessor_app.services.opening import open_session
    folder = DataFolder(data_dir).ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    learner, _ = session.roster.add("Ann Example", "R-1")
    session.roster.register(learner.id, "601/5358/1")
    session.store.close()
    window, session = open_window(qtbot, data_dir)
    assert window.criteria.title.text() == "Unit 1: Customer Service Principles"
    assert window.units.version_note.isHidden()
    session.store.close()


def test_go_to_shows_the_learner_and_the_unit_an_incomplete_item_names(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    zoe = session.roster.find("IMI-2026-0002")
    [registration] = session.roster.registrations(zoe.id)
    unit = registration.chosen_units[2]
    window.go_to(zoe.id, unit)
    assert window.context.selection.learner_id == zoe.id
    assert window.units.current_urn() == unit and window.criteria.unit_urn == unit
    window.go_to(zoe.id, "no-such-unit")  # a unit no longer on the route: the learner stays shown
    assert window.context.selection.learner_id == zoe.id
    session.store.close()
