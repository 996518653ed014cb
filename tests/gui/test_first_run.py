"""The guided start: only on a folder with no profile, refusing a profile without signature or PIN No."""

from PySide6.QtCore import Qt

from assessor_app.gui.first_run import FirstRunDialog
from assessor_app.gui.import_dialog import ImportDialog
from tests.gui.helpers import draw_signature, open_window, opened


def test_profile_needs_a_signature_and_a_pin_then_offers_the_import(qtbot, data_dir):
    window, session = open_window(qtbot, data_dir)
    dialog = opened(qtbot, window, FirstRunDialog)
    qtbot.keyClicks(dialog.name, "Priya Shah")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Draw your signature" in dialog.problem.text() and session.profile.current() is None
    draw_signature(qtbot, dialog.pad)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "PIN No" in dialog.problem.text() and session.profile.current() is None
    qtbot.keyClicks(dialog.pin, "4417")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert session.profile.current().pin_no == "4417"
    assert session.blobs.read_bytes(session.profile.current().signature_sha256)[:4] == b"\x89PNG"
    opened(qtbot, window, ImportDialog)
    session.store.close()


def test_later_runs_open_straight_on_the_learner_list(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    qtbot.wait(50)
    assert window.dialog is None and window.learners.model.rowCount() == 3
    session.store.close()


def test_an_empty_list_says_how_to_add_learners(qtbot, data_dir):
    window, session = open_window(qtbot, data_dir)
    assert not window.learners.empty_hint.isHidden() and "Ctrl+N" in window.learners.empty_hint.text()
    session.roster.add("Ann Lee", "R1")
    window.learners.reload()
    assert window.learners.empty_hint.isHidden()
    session.store.close()
