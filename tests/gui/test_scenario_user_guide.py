"""The user guide's steps done in the window, each button clicked by the name the guide gives it: the first run,
adding and importing learners (a refused row, then the same file again), registering and choosing units,
signing off, reopening with a reason, the IV's sample, and a sync into a folder on a stick."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from assessor_app.gui.first_run import FirstRunDialog
from assessor_app.gui.import_dialog import ImportDialog
from assessor_app.gui.iv_sample import IvSampleDialog
from assessor_app.gui.learner_form import LearnerForm
from assessor_app.gui.register_dialog import RegisterDialog
from assessor_app.gui.route_dialog import RouteDialog
from assessor_app.gui.signoff_dialog import SignOffDialog
from assessor_app.gui.sync_dialog import SyncDialog
from tests.conftest import IMI
from tests.gui.helpers import draw_signature, open_window, opened, select_learner, select_unit, trigger

CS7 = "A/506/2130"


def click(qtbot, screen, text: str) -> None:
    """Click the button that shows `text` (its mnemonic & left out), as the guide names it."""
    buttons = [b for b in screen.findChildren(QAbstractButton) if b.text().replace("&", "") == text]
    assert buttons, f"no button {text!r} in {type(screen).__name__}"
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)


def test_first_run_learners_import_and_registration_as_the_guide_says(qtbot, data_dir, tmp_path):
    window, session = open_window(qtbot, data_dir)
    first = opened(qtbot, window, FirstRunDialog)
    qtbot.keyClicks(first.name, "Sam Whitfield")
    qtbot.keyClicks(first.pin, "51877")
    draw_signature(qtbot, first.pad)
    click(qtbot, first, "Save and add a learner")
    form = opened(qtbot, window, LearnerForm)
    qtbot.keyClicks(form.fields["name"], "Priya Shah")
    qtbot.keyClicks(form.fields["registration_no"], "IMI-2026-0004")
    click(qtbot, form, "Save")
    assert session.roster.find("IMI-2026-0004").name == "Priya Shah"

    csv = tmp_path / "mis-export.csv"
    csv.write_text("Learner Name,Learner Registration No,Learner Email\nJordan Ellis,IMI-2026-0005,j@example.com\n"
                   "Kerry Walsh,IMI-2026-0006,kerry.walsh@example\n", encoding="utf-8")
    trigger(window, "action_import_learners")
    dialog = opened(qtbot, window, ImportDialog)
    qtbot.keyClicks(dialog.path, str(csv))
    for imported in (1, 0):  # the same file twice: nobody is added twice
        dialog.report = None
        click(qtbot, dialog, "Import")
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
        assert len(dialog.report.imported) == imported
    refused = [dialog.refused.item(i).text() for i in range(dialog.refused.count())]
    assert any("already in the records" in line for line in refused)
    assert any("not an email address" in line for line in refused)
    dialog.close()

    select_learner(window, "Priya Shah")
    trigger(window, "action_register")
    register = opened(qtbot, window, RegisterDialog)
    register.qualification.setCurrentIndex(register.qualification.findData(IMI))
    click(qtbot, register, "Register and choose units…")
    route = opened(qtbot, window, RouteDialog)
    click(qtbot, route, "Save")
    [registration] = session.roster.registrations(session.roster.find("IMI-2026-0004").id)
    assert registration.qualification_number == IMI and registration.chosen_units
    session.store.close()


def test_sign_off_reopen_iv_sample_and_sync_as_the_guide_says(qtbot, demo_dir, tmp_path):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")
    select_unit(qtbot, window, CS7)
    trigger(window, "action_sign_off_unit")
    dialog = opened(qtbot, window, SignOffDialog)
    assert "20 of 20" in dialog.coverage.text() and not dialog.missing.isVisible()
    qtbot.keyClicks(dialog.pin, "40213")
    click(qtbot, dialog, "Sign off")
    assert dialog.locked.isVisible() and "Locked" in dialog.locked.text()
    qtbot.keyClicks(dialog.reason, "IV referred back: 1.4 needs a second piece of evidence")
    click(qtbot, dialog, "Reopen with this reason")
    assert dialog.sign_box.isVisible() and dialog.pin.text() == ""  # signing again needs the PIN No again
    qtbot.keyClicks(dialog.pin, "40213")
    click(qtbot, dialog, "Sign off")
    dialog.close()

    qtbot.waitUntil(lambda: window.actions["action_iv_sample"].isEnabled(), timeout=3000)  # the unit is signed now
    trigger(window, "action_iv_sample")
    sample = opened(qtbot, window, IvSampleDialog)
    click(qtbot, sample, "Agreed")
    qtbot.keyClicks(sample.feedback, "Evidence is valid and sufficient.")
    draw_signature(qtbot, sample.pad)
    click(qtbot, sample, "Record and countersign")
    units = window.units.model
    assert units.unit_at(units.row_of(CS7)).state == "Signed off, IV agreed"

    stick = tmp_path / "USB stick"
    stick.mkdir()
    trigger(window, "action_sync")
    sync = opened(qtbot, window, SyncDialog)
    qtbot.keyClicks(sync.folder, str(stick))
    qtbot.keyClicks(sync.passphrase, "centre passphrase for the pictures")
    click(qtbot, sync, "Sync")
    sync.wait_for_sync()
    QApplication.processEvents()
    assert (stick / "assessor-sync").is_dir()  # the first time, the app makes assessor-sync there
    assert sync.summary.toPlainText().strip() and "Synced" in sync.stage.text()
    assert [label for label in sync.findChildren(QLabel) if "amendment requests" in label.text()]
    sync.close()
    session.store.close()
