"""Asking before a record with missing signature images or attachments is exported (each missing image marked)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

SHOWN = 12  # more than this and the list is summarised; the whole list is in the box's details


def incomplete_export_box(problems: list[str], parent: QWidget | None = None) -> QMessageBox:
    """The question, listing what is missing; its default button is not to export."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Files missing from the record",
                      f"{len(problems)} file(s) that the record prints or lists are missing or damaged:", parent=parent)
    listed = "\n".join(f"• {p}" for p in problems[:SHOWN])
    more = f"\n… and {len(problems) - SHOWN} more (see Show Details)" if len(problems) > SHOWN else ""
    box.setInformativeText(f"{listed}{more}\n\nRestore them from a backup, or export anyway: each missing "
                           "signature image is then marked on the page.")
    box.setDetailedText("\n".join(problems))
    box.addButton("Export anyway", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    return box


def confirm_incomplete_export(parent: QWidget | None, problems: list[str]) -> bool:
    """True when nothing is missing, or the user chose to export anyway."""
    if not problems:
        return True
    box = incomplete_export_box(problems, parent)
    box.exec()
    return box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.AcceptRole
