"""Start-up dialogs: the data folder is held by another window; some qualification files did not load."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from assessor_app.paths import FolderLocked, describe_holder


def ask_read_only(error: FolderLocked, parent: QWidget | None = None) -> bool:
    """True to open read-only, False to quit."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Data folder in use")
    box.setText(f"This data folder is already open in assessor-app by {describe_holder(error.holder)}.")
    box.setInformativeText("You can look at the records read-only, or quit.\n\n" + str(error.folder))
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is read_only


def warn_catalogue_problems(problems: list, parent: QWidget | None = None) -> None:
    if not problems:
        return
    lines = "\n".join(f"• {p.path.name}: {p.problem}" for p in problems)
    QMessageBox.warning(parent, "Some qualification files were not loaded",
                        f"These files were skipped; the other qualifications are available.\n\n{lines}")
