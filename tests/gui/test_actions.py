"""The window's actions (DESIGN.md section 8) that this part of the app builds: found by objectName, in a menu,
with their shortcuts, enabled only when what they need is selected."""

from PySide6.QtGui import QAction, QKeySequence

from tests.gui.helpers import open_window, select_learner, select_unit
from tests.gui.test_signoff_dialog import signed_unit

SHORTCUTS = {"action_find_learner": "Ctrl+F", "action_new_learner": "Ctrl+N", "action_edit_learner": "",
             "action_register": "", "action_choose_units": "Ctrl+U", "action_learner_overview": "",
             "action_sign_off_unit": "", "action_reopen_unit": "", "action_iv_sample": "",
             "action_export_unit": "Ctrl+E", "action_export_record": "Ctrl+P", "action_batch_export": "Ctrl+Shift+E",
             "action_undo": "Ctrl+Z", "action_redo": "Ctrl+Shift+Z", "action_about": "", "action_shortcuts": "F1", "action_quit": "Ctrl+Q"}


def test_every_action_exists_in_a_menu_with_its_shortcut(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    in_menus = {a.objectName() for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
                for a in menu.actions()}
    for name, keys in SHORTCUTS.items():
        action = window.findChild(QAction, name)
        assert action is not None, name
        if name == "action_undo":  # the platform's own key (Ctrl+Z here)
            keys = QKeySequence(QKeySequence.StandardKey.Undo).toString()
        if name == "action_redo":  # Ctrl+Shift+Z everywhere, and the platform's own keys as well
            assert set(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)) <= set(action.shortcuts())
        assert action.shortcut().toString() == keys, name
        assert name in in_menus, f"{name} is in no menu"
    session.store.close()


def test_actions_follow_the_selection_and_the_read_only_state(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")
    registration, signoff = signed_unit(session, window.learners.current_learner_id())
    select_unit(qtbot, window, signoff.unit_urn)
    enabled = {name: window.findChild(QAction, name).isEnabled() for name in SHORTCUTS}
    assert enabled["action_reopen_unit"] and enabled["action_iv_sample"] and not enabled["action_sign_off_unit"]
    unsigned = next(u for u in registration.chosen_units if not session.signoffs.active(registration.id, u))
    select_unit(qtbot, window, unsigned)
    assert window.findChild(QAction, "action_sign_off_unit").isEnabled()
    assert not window.findChild(QAction, "action_reopen_unit").isEnabled()
    window.close()
    session.store.close()
    read_only, session = open_window(qtbot, demo_dir, read_only=True)
    for name in ("action_new_learner", "action_register", "action_sign_off_unit", "action_iv_sample"):
        assert not read_only.findChild(QAction, name).isEnabled(), name
    assert read_only.findChild(QAction, "action_export_record").isEnabled()
    session.store.close()
