"""Every control of the window and of its dialogs can be named by a screen reader: an accessible name of its own,
or a label that is its buddy."""

from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
                               QTextBrowser, QWidget)

from assessor_app.gui.widgets.signature_pad import SignaturePad
from tests.gui.helpers import open_window, select_learner
from tests.gui.test_signoff_dialog import signed_unit

CONTROLS = (QLineEdit, QPlainTextEdit, QComboBox, QDateEdit, QAbstractItemView, SignaturePad, QTextBrowser)


def inside_combo(widget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def unnamed(widget) -> list[str]:
    buddies = {label.buddy() for label in widget.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for control in widget.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or control.isHidden():
            continue
        if isinstance(control, QLineEdit) and isinstance(control.parent(), (QComboBox, QDateEdit)):
            continue  # the editor inside a combo box or date field: the outer control carries the name
        if isinstance(control, QHeaderView) or inside_combo(control):
            continue  # a table's header, a combo box's drop-down list: parts of a named control
        if not control.accessibleName() and control not in buddies:
            missing.append(f"{type(control).__name__} {control.objectName()!r} in {type(widget).__name__}")
    return missing


def test_window_and_dialogs_name_every_control(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")
    registration, signoff = signed_unit(session, window.learners.current_learner_id())
    window.units.view.setCurrentIndex(window.units.model.index(window.units.model.row_of(signoff.unit_urn), 0))
    missing = [m for m in unnamed(window) if "Dialog" not in m]
    for opener in (lambda: window.actions["action_new_learner"].trigger(), window.register, window.sign_off,
                   lambda: window.actions["action_iv_sample"].trigger(),
                   lambda: window.actions["action_import_learners"].trigger(), window.about, window.shortcuts):
        opener()
        qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
        missing += unnamed(window.dialog)
        window.dialog.reject()
    assert missing == [], "\n".join(missing)
    session.store.close()
