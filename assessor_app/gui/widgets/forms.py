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
    """Lay `parts` (layouts or widgets) out top to bottom, the last (the buttons) at the bottom edge, and size
    the dialog; spare height goes above the buttons rather than between the fields."""
    layout = QVBoxLayout(dialog)
    for position, part in enumerate(parts):
        if position == len(parts) - 1:
            layout.addStretch(1)
        layout.addLayout(part) if isinstance(part, QLayout) else layout.addWidget(part)
    dialog.resize(width, height)
    return layout


def accept_with(dialog: QDialog, context, changes) -> bool:
    """A dialog's write went through: announce its Changes app-wide and close the dialog as accepted."""
    context.announce(changes)
    dialog.accept()
    return True
