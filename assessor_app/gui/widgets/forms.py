"""What the app's dialogs share: the red line that says why something was refused, and stacking a dialog's parts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLayout, QVBoxLayout


def problem_label() -> QLabel:
    label = QLabel()
    label.setObjectName("problem")
    label.setWordWrap(True)
    label.setStyleSheet("color: #d32f2f;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def sentence(text: str) -> str:
    """A service's message as a sentence: capital first letter (the rest as written: "PIN No"), full stop."""
    text = str(text).strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


def stack(dialog: QDialog, *parts, width: int, height: int) -> QVBoxLayout:
    """Lay `parts` (layouts or widgets) out top to bottom and size the dialog."""
    layout = QVBoxLayout(dialog)
    for part in parts:
        layout.addLayout(part) if isinstance(part, QLayout) else layout.addWidget(part)
    dialog.resize(width, height)
    return layout


def accept_with(dialog: QDialog, context, changes) -> bool:
    """A dialog's write went through: announce its Changes app-wide and close the dialog as accepted."""
    context.announce(changes)
    dialog.accept()
    return True
