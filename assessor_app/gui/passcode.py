"""The optional app passcode: asked for when the window opens, and set or changed from the Edit menu."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from assessor_app.services.session import ServiceError, Session

TRIES = 3


def _ask(parent: QWidget | None, title: str, label: str) -> str | None:
    text, accepted = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    return text if accepted else None


def unlock(session: Session, parent: QWidget | None = None) -> bool:
    """True when no passcode is set or the right one is typed within three tries; False to close."""
    if not session.passcode.is_set():
        return True
    label = "Type your passcode to open the records.\nPasscode:"
    for left in range(TRIES - 1, -1, -1):
        typed = _ask(parent, "assessor-app is locked", label)
        if typed is None:
            return False
        if session.passcode.verify(typed):
            return True
        label = (f"That passcode is not right; {left} {'try' if left == 1 else 'tries'} left.\nPasscode:"
                 if left else "")
    QMessageBox.critical(parent, "assessor-app is locked", "The passcode was not right three times; "
                         "the window will close. Your records are untouched.")
    return False


def change_passcode(session: Session, parent: QWidget | None = None) -> bool:
    """Set a passcode, or change it (the current one first). Returns True when one was saved."""
    current = None
    if session.passcode.is_set():
        current = _ask(parent, "Change passcode", "Current passcode:")
        if current is None:
            return False
    new = _ask(parent, "Set passcode", "The passcode is asked for each time assessor-app opens.\nNew passcode:")
    if new is None:
        return False
    if _ask(parent, "Set passcode", "New passcode again:") != new:
        QMessageBox.warning(parent, "Passcode not changed", "The two passcodes you typed are different.")
        return False
    try:
        session.passcode.set(new, current)
    except ServiceError as refused:
        QMessageBox.warning(parent, "Passcode not changed", str(refused).capitalize() + ".")
        return False
    QMessageBox.information(parent, "Passcode set", "The passcode will be asked for each time the window opens.")
    return True
