"""Start-up dialogs: the folder held by another window, a backup opened with the app, files that did not load."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from assessor_app.paths import DataFolder, FolderLocked, describe_holder
from assessor_app.services import maintenance
from assessor_app.store.database import StoreError


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


def offer_restore(backup: Path, folder: DataFolder, read_only: bool, parent: QWidget | None = None) -> bool:
    """Asked when a backup file is opened with the app; restores it into the data folder (whose lock the caller
    holds) only on an explicit yes, keeping the records it replaces. True if it was restored."""
    if read_only:
        QMessageBox.warning(parent, "Cannot restore now", f"{backup.name} can only be restored when no other "
                            f"window has the data folder open. Close it there, then open the backup again.")
        return False
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Restore this backup?")
    box.setText(f"Replace the records in this data folder with the backup {backup.name}?")
    box.setInformativeText(f"The records there now are kept beside it, so this can be undone by restoring "
                           f"them.\n\nBackup: {backup}\nData folder: {folder.root}")
    restore = box.addButton("Restore", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Keep my records", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    try:
        report = maintenance.restore(folder.database, backup, folder.renew_device_id())
    except (StoreError, OSError) as error:
        QMessageBox.critical(parent, "Backup not restored", f"Nothing was changed: {error}")
        return False
    notes = [f"The records it replaced are kept in {report.kept}."] if report.kept else []
    if report.database_only:
        notes.append("This backup holds the database only: attachments and signatures were not in it.")
    if report.absent:
        notes.append(f"{len(report.absent)} files the records name are not stored here: run Check to list them.")
    QMessageBox.information(parent, "Backup restored", "\n\n".join([f"The records now come from {backup.name}.",
                                                                      *notes]))
    return True
