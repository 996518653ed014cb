"""The caseload end to end through the window, as a new assessor would work it on an empty data folder: profile with
a drawn signature, a learner, registration on 601/3456/2 with units chosen, a whole unit ticked, sign-off refused and
then made, an IV sample countersigned, the LAR exported and read back; then a restart finds it all."""

from datetime import date

import pdfplumber
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from assessor_app.app import build_window
from assessor_app.domain.records import uk_date
from assessor_app.gui.evidence_view import EvidenceView
from assessor_app.gui.first_run import FirstRunDialog
from assessor_app.gui.iv_sample import IvSampleDialog
from assessor_app.gui.learner_form import LearnerForm
from assessor_app.gui.register_dialog import RegisterDialog
from assessor_app.gui.route_dialog import RouteDialog
from assessor_app.gui.signoff_dialog import SignOffDialog
from assessor_app.services.demo import _demo_route
from tests.conftest import IMI
from tests.gui.helpers import click_tick, draw_signature, opened, select_unit, trigger, type_text

CS7 = "A/506/2130"
TODAY = uk_date(date.today().isoformat())


def tick_route(dialog, qualification):
    """Tick, in the route dialog's tree, every unit of a valid route that is not ticked yet."""
    wanted = set(_demo_route(qualification))
    model = dialog.model
    for group_row in range(model.rowCount()):
        parent = model.index(group_row, 0)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            urn = model._urn(index)
            if urn in wanted and urn not in dialog.chosen():
                assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)


def test_caseload_from_an_empty_folder_to_the_exported_record_and_back(qtbot, data_dir, tmp_path):
    window, session = build_window(data_dir)
    qtbot.addWidget(window)
    window.show()

    # First run: the assessor's profile with a drawn signature, then straight on to a new learner.
    first = opened(qtbot, window, FirstRunDialog)
    qtbot.keyClicks(first.name, "Priya Shah")
    qtbot.keyClicks(first.pin, "4417")
    draw_signature(qtbot, first.pad)
    qtbot.mouseClick(first.add_button, Qt.MouseButton.LeftButton)
    assert session.profile.current().name == "Priya Shah"

    form = opened(qtbot, window, LearnerForm)
    for field, text in (("name", "Zoë Wiśniewski"), ("registration_no", "IMI-77"), ("email", "zoe@example.org"),
                        ("tel", "01920 000000"), ("employer_contact", "Dev Patel"),
                        ("employer_name_address", "Ware Garden Centre, Ware"), ("employer_tel", "01920 111111"),
                        ("address", "1 High Street, Ware")):
        type_text(qtbot, form.fields[field], text)
    form.new_role.setCurrentIndex(form.new_role.findData("witness"))
    qtbot.keyClicks(form.new_name, "Dev Patel")
    qtbot.keyClicks(form.new_job, "Store Manager")
    qtbot.keyClicks(form.new_relationship, "Line manager")
    add_new = next(b for b in form.findChildren(type(form.save_button)) if "new person" in b.text())
    qtbot.mouseClick(add_new, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.learners.model.rowCount() == 1)
    learner = session.roster.find("IMI-77")
    assert learner.employer_tel == "01920 111111"
    assert [p.name for p in session.people.contacts(learner.id)] == ["Dev Patel"]

    # The filter finds her without the accents; Enter goes into the list.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.learners.filter, "wis")
    assert window.learners.proxy.rowCount() == 1
    qtbot.keyClick(window.learners.filter, Qt.Key.Key_Return)
    assert window.learners.current_learner_id() == learner.id

    # Register on the IMI diploma, then choose the units (the route dialog opens by itself).
    trigger(window, "action_register")
    register = opened(qtbot, window, RegisterDialog)
    register.qualification.setCurrentIndex(register.qualification.findData(IMI))
    qtbot.mouseClick(register.register_button, Qt.MouseButton.LeftButton)
    route = opened(qtbot, window, RouteDialog)
    tick_route(route, session.catalogue.get(IMI))
    save = route.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.isEnabled()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    registration = session.roster.registrations(learner.id)[0]
    assert set(registration.chosen_units) == set(_demo_route(session.catalogue.get(IMI)))
    qtbot.waitUntil(lambda: window.units.model.row_of(CS7) >= 0)

    # Tick every AC of CS 7 but the last one, on the unit page (Enter in the list had opened the overview).
    select_unit(qtbot, window, CS7)
    tab_bar = window.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(0).center())
    assert window.tabs.currentWidget() is window.criteria
    rows = window.criteria.model.rowCount()
    for row in range(rows - 1):
        click_tick(qtbot, window, row)
    assert window.criteria.record.met_count == rows - 1

    # Write the observation up: open E1 from the first AC's covering evidence.
    window.criteria.view.setCurrentIndex(window.criteria.model.index(0, 1))
    assert window.criteria.covering.item(0).text().startswith("E1")
    window.criteria.covering.setCurrentRow(0)
    window.criteria.covering.setFocus()
    qtbot.keyClick(window.criteria.covering, Qt.Key.Key_Return)
    evidence = opened(qtbot, window, EvidenceView)
    qtbot.keyClicks(evidence.narrative, "Served a queue of customers at the till; handled a refund and a complaint.")
    qtbot.mouseClick(evidence.save_button, Qt.MouseButton.LeftButton)

    # Sign-off is refused while one AC is missing, and says which.
    trigger(window, "action_sign_off_unit")
    signoff = opened(qtbot, window, SignOffDialog)
    last = window.criteria.record.rows[-1].number
    assert "have no evidence" in signoff.missing.text() and last in signoff.missing.text()
    qtbot.keyClicks(signoff.pin, "4417")
    qtbot.mouseClick(signoff.sign_button, Qt.MouseButton.LeftButton)
    assert "Refused" in signoff.problem.text() and last in signoff.problem.text()
    assert session.signoffs.active(registration.id, CS7) is None
    signoff.reject()

    click_tick(qtbot, window, rows - 1)
    assert window.criteria.record.met_count == rows
    trigger(window, "action_sign_off_unit")
    signoff = opened(qtbot, window, SignOffDialog)
    assert signoff.missing.text() == "" and signoff.digest.text()
    qtbot.keyClicks(signoff.pin, "9999")
    qtbot.mouseClick(signoff.sign_button, Qt.MouseButton.LeftButton)
    assert "not your PIN No" in signoff.problem.text()
    signoff.pin.clear()
    qtbot.keyClicks(signoff.pin, "4417")
    qtbot.mouseClick(signoff.sign_button, Qt.MouseButton.LeftButton)
    assert signoff.locked.isVisible() and "Priya Shah" in signoff.locked.text()
    assert signoff.reopen_box.isVisible() and not signoff.sign_box.isVisible()
    signoff.reject()
    assert not window.criteria.lock_note.isHidden() and window.criteria.lock_note.text().startswith("Locked")
    assert not (window.criteria.model.flags(window.criteria.model.index(0, 1)) & Qt.ItemFlag.ItemIsUserCheckable)

    # The IV samples the unit, agrees, and countersigns with a drawn signature.
    trigger(window, "action_iv_sample")
    sample = opened(qtbot, window, IvSampleDialog)
    assert sample.iv.currentData() == ""  # no IV yet: a new one
    qtbot.keyClicks(sample.new_name, "Grace Mensah")
    qtbot.keyClicks(sample.feedback, "Clear observation; all ACs evidenced.")
    draw_signature(qtbot, sample.pad)
    qtbot.mouseClick(sample.save_button, Qt.MouseButton.LeftButton)
    [iv_sample] = session.signoffs.iv_samples(registration.id, CS7)
    assert iv_sample.decision == "agreed" and iv_sample.countersigned

    # The whole record out, with progress, then offered to open.
    window.export_record(target=tmp_path / "record.pdf")
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "offer_to_open") is not None, timeout=60000)
    assert window.context.last_export == tmp_path / "record.pdf"
    with pdfplumber.open(tmp_path / "record.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Zoë Wiśniewski" in text and "Priya Shah" in text and "4417" in text
    assert "INTERNAL VERIFIER SAMPLE: Agreed" in text and "Grace Mensah" in text and TODAY in text

    # Restart on the same folder: straight to the learner list, and everything is there.
    window.close()
    session.store.close()
    again, reopened = build_window(data_dir)
    qtbot.addWidget(again)
    again.show()
    qtbot.wait(50)
    assert again.dialog is None, "the guided start came back"
    assert again.learners.model.rowCount() == 1 and again.learners.current_learner_id() == learner.id
    row = again.units.model.unit_at(again.units.model.row_of(CS7))
    assert row.signed_on and row.state == "Signed off, IV agreed"
    again.show_overview()
    assert "Signed off, IV agreed" in again.overview.text.toPlainText()
    assert reopened.signoffs.iv_samples(registration.id, CS7)[0].countersigned
    reopened.store.close()
