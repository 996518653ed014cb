"""The IV refers a unit back: actions are needed, the countersignature is drawn, and the assessor sees it needs action."""

from PySide6.QtCore import Qt

from assessor_app.gui.iv_sample import IvSampleDialog
from tests.gui.helpers import draw_signature, open_window, opened, select_learner, select_unit, trigger
from tests.gui.test_signoff_dialog import on_signed_unit, signed_unit


def test_referred_back_needs_actions_and_shows_as_needing_action(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")
    learner_id = window.learners.current_learner_id()
    registration, signoff = signed_unit(session, learner_id)
    select_unit(qtbot, window, signoff.unit_urn)
    trigger(window, "action_iv_sample")
    dialog = opened(qtbot, window, IvSampleDialog)
    assert dialog.iv.currentText() == "Marcus Reid"
    dialog.decision_buttons["referred_back"].click()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "draw the signature" in dialog.problem.text()
    draw_signature(qtbot, dialog.pad)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "needs the actions" in dialog.problem.text()
    qtbot.keyClicks(dialog.actions_text, "Add the manager's witness statement for 2.3")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    latest = max(session.signoffs.iv_samples(registration.id, signoff.unit_urn), key=lambda s: (s.sampled_on, s.id))
    assert latest.decision == "referred_back" and latest.countersigned
    row = window.units.model.unit_at(window.units.model.row_of(signoff.unit_urn))
    assert row.state == "Referred back: needs action"
    [caseload_row] = [r for r in session.caseload.rows() if r.learner_id == learner_id]
    assert caseload_row.referred_back == 1
    window.learners.awaiting.setCurrentIndex(window.learners.awaiting.findData("referred_back"))
    assert window.learners.proxy.rowCount() == 1
    session.store.close()


def test_the_dialog_names_the_learner_and_the_unit_sampled(qtbot, demo_dir):
    session, registration, signoff, _dialog, texts = on_signed_unit(qtbot, demo_dir, "action_iv_sample",
                                                                    IvSampleDialog)
    unit = session.progress.unit_record(registration.id, signoff.unit_urn).unit
    assert "Amelia Hart" in texts and f"{unit.name}: {unit.title}" in texts  # not only in the title bar
    session.store.close()
