"""The sync dialog in the window: Ctrl+Shift+S, progress, a summary of what arrived, and what needs the user."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from assessor_app.app import build_window
from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services.opening import open_session
from tests.sync.fleet import CS7, _cover_and_sign, seed

PASSPHRASE = "centre passphrase"


class _Device:
    def __init__(self, session, name):
        self.session, self.name = session, name


def other_laptop(tmp_path):
    folder = DataFolder(tmp_path / "laptop-two").ensure()
    return open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())


def open_dialog(qtbot, window):
    action = window.findChild(QAction, "action_sync")
    assert action is not None and action.isEnabled()
    assert action.shortcut() == QKeySequence("Ctrl+Shift+S")
    action.trigger()
    dialog = window.sync_dialog
    qtbot.addWidget(dialog)
    return dialog


def run(dialog, stick):
    dialog.folder.setText(str(stick))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.start.click()
    dialog.wait_for_sync()


def test_the_dialog_syncs_and_shows_what_arrived(qtbot, tmp_path, data_dir):
    stick = tmp_path / "stick"
    stick.mkdir()
    two = other_laptop(tmp_path)
    seed(_Device(two, two.device_id), tmp_path)
    two.sync.sync(stick, PASSPHRASE)
    window, session = build_window(data_dir)
    qtbot.addWidget(window)
    dialog = open_dialog(qtbot, window)
    run(dialog, stick)
    summary = dialog.summary.toPlainText()
    assert "arrived:" in summary and "nothing needs you" in summary
    assert [lr.name for lr in session.roster.learners()] == ["Amelia Hart"]
    assert window.learners.model.rowCount() == 1, "the learner list refreshed from the changed signal"
    two.store.close()


def test_an_amendment_request_is_resolved_from_the_dialog(qtbot, tmp_path, data_dir):
    stick = tmp_path / "stick"
    stick.mkdir()
    two = other_laptop(tmp_path)
    world = seed(_Device(two, two.device_id), tmp_path)
    item, _ = two.evidence.add(world.learner_id, "product", "2026-03-01", title="Poster")
    two.sync.sync(stick, PASSPHRASE)
    window, session = build_window(data_dir)
    qtbot.addWidget(window)
    dialog = open_dialog(qtbot, window)
    run(dialog, stick)
    _cover_and_sign(_Device(two, two.device_id), world, CS7)    # signed on laptop two ...
    session.mapping.link(item.id, world.registration_id, CS7, ["1.1"])   # ... while this one maps evidence to it
    two.sync.sync(stick, PASSPHRASE)
    run(dialog, stick)
    assert dialog.requests.count() == 1 and dialog.tabs.tabText(1) == "Needs you (1)"
    dialog.requests.setCurrentRow(0)
    dialog.resolve_selected(False)
    assert dialog.requests.count() == 0
    assert session.sync.amendments() == [] and session.signoffs.active(world.registration_id, CS7) is not None
    two.store.close()
