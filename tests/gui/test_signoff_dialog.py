"""Reopening a signed-off unit from the sign-off dialog: a reason is needed, and it is kept in the audit trail."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from assessor_app.gui.signoff_dialog import SignOffDialog
from tests.gui.helpers import open_window, opened, select_learner, select_unit, trigger


def signed_unit(session, learner_id):
    [registration] = session.roster.registrations(learner_id)
    signoff = next(s for urn in registration.chosen_units if (s := session.signoffs.active(registration.id, urn)))
    return registration, signoff


def test_reopen_needs_a_reason_and_is_audited(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")
    registration, signoff = signed_unit(session, window.learners.current_learner_id())
    select_unit(qtbot, window, signoff.unit_urn)
    assert not window.findChild(type(window.actions["action_sign_off_unit"]), "action_sign_off_unit").isEnabled()
    trigger(window, "action_reopen_unit")
    dialog = opened(qtbot, window, SignOffDialog)
    assert dialog.locked.isVisible() and dialog.reopen_box.isVisible() and not dialog.sign_box.isVisible()
    qtbot.mouseClick(dialog.reopen_button, Qt.MouseButton.LeftButton)
    assert "needs a reason" in dialog.problem.text()
    assert session.signoffs.active(registration.id, signoff.unit_urn) is not None
    qtbot.keyClicks(dialog.reason, "Witness statement dated wrongly")
    qtbot.mouseClick(dialog.reopen_button, Qt.MouseButton.LeftButton)
    assert session.signoffs.active(registration.id, signoff.unit_urn) is None
    assert dialog.sign_box.isVisible() and not dialog.locked.isVisible()
    event = session.audit_trail.events(signoff.id)[0]
    assert event.action == "reopen" and event.after["reason"] == "Witness statement dated wrongly"
    assert window.findChild(type(window.actions["action_sign_off_unit"]), "action_sign_off_unit").isEnabled()
    session.store.close()


def on_signed_unit(qtbot, demo_dir, action_name, kind):
    """Amelia's signed-off unit selected and `action_name` opened: (session, registration, signoff, dialog, the
    texts of the dialog's labels)."""
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")
    registration, signoff = signed_unit(session, window.learners.current_learner_id())
    select_unit(qtbot, window, signoff.unit_urn)
    trigger(window, action_name)
    dialog = opened(qtbot, window, kind)
    return session, registration, signoff, dialog, [label.text() for label in dialog.findChildren(QLabel)]


def test_the_dialog_names_the_unit_and_shows_the_fingerprint_without_its_version(qtbot, demo_dir):
    session, registration, signoff, dialog, texts = on_signed_unit(qtbot, demo_dir, "action_reopen_unit",
                                                                   SignOffDialog)
    unit = dialog.record.unit
    assert f"{unit.name}: {unit.title}" in texts  # in the dialog, not only in its title bar
    digest = session.signoffs.current_digest(registration.id, signoff.unit_urn)
    assert ":" not in dialog.digest.text() and digest.rpartition(":")[2].startswith(dialog.digest.text().rstrip("…"))
