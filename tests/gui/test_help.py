"""Help: the About box names the version, licence, data folder and log file; F1 lists the shortcuts."""

from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from assessor_app.gui.help import AboutDialog, ShortcutsDialog
from tests.gui.helpers import open_window, opened, trigger


def test_about_box(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    trigger(window, "action_about")
    about = opened(qtbot, window, AboutDialog)
    texts = " ".join(label.text() for label in about.findChildren(QLabel))
    assert about.version == metadata.version("assessor-app") and about.version in texts
    assert str(demo_dir) in texts and "assessor-app.log" in texts and "Proprietary" in texts
    session.store.close()


def test_f1_lists_the_shortcuts(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.learners.view, Qt.Key.Key_F1)
    shortcuts = opened(qtbot, window, ShortcutsDialog)
    listed = {shortcuts.table.item(r, 0).text(): shortcuts.table.item(r, 1).text()
              for r in range(shortcuts.table.rowCount())}
    assert listed["Ctrl+U"] == "Choose units" and listed["Ctrl+F"] == "Find learner" and "F1" in listed
    assert "Ctrl+Shift+E" in listed and "Ctrl+P" in listed
    session.store.close()


def test_f1_names_the_observation_keys_the_observation_has(qtbot, demo_dir):
    from PySide6.QtGui import QShortcut

    from tests.gui.helpers import select_learner

    window, session = open_window(qtbot, demo_dir)
    trigger(window, "action_shortcuts")
    text = " ".join(label.text() for label in opened(qtbot, window, ShortcutsDialog).findChildren(QLabel))
    window.dialog.close()
    select_learner(window, "Amelia Hart")
    trigger(window, "action_start_observation")
    keys = {shortcut.key().toString() for shortcut in window.dialog.findChildren(QShortcut)}
    for key in ("Ctrl+J", "Ctrl+K", "Ctrl+L"):
        assert key in keys and key in text
    window.dialog.close()
    session.store.close()
