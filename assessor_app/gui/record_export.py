"""The record out: the unit page or the learner's whole LAR as PDF, written off the GUI thread, then offered to open."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from assessor_app.gui.background import BackgroundTask, run_with_progress
from assessor_app.gui.window_context import WindowContext

log = logging.getLogger(__name__)


def safe_name(text: str) -> str:
    return "".join("-" if ch in '/\\:*?"<>|' else ch for ch in text).strip()


def ask_target(context: WindowContext, title: str, suggested: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(context.parent, title, str(Path.home() / suggested), "PDF files (*.pdf)")
    return Path(chosen) if chosen else None


def offer_to_open(context: WindowContext, path: Path) -> QMessageBox:
    """Say where the PDF went and offer the system viewer; non-blocking, so the window carries on."""
    box = QMessageBox(QMessageBox.Icon.Information, "Record exported", f"Written {path}", parent=context.parent)
    box.setObjectName("offer_to_open")
    open_button = box.addButton("&Open PDF", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.buttonClicked.connect(lambda button: button is open_button and
                              QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
    box.open()
    return box


def export_unit(context: WindowContext, target: Path | None = None) -> Path | None:
    """The selected unit's page (Ctrl+E), as the printed record lays it out."""
    selection = context.selection
    if not (selection.registration_id and selection.unit_urn):
        context.events.refused.emit("Export unit page", "Select a learner and a unit first.")
        return None
    if target is None:
        record = context.session.progress.unit_record(selection.registration_id, selection.unit_urn)
        target = ask_target(context, "Export unit page", safe_name(f"{record.learner_name} - unit {record.unit.ref}")
                            + ".pdf")
        if target is None:
            return None
    from assessor_app.services.export import export_unit_pdf  # reportlab loads on first export, not at start

    try:
        path = export_unit_pdf(context.session, selection.registration_id, selection.unit_urn, target,
                               context.font_dir)
    except OSError as error:
        context.events.refused.emit("Export unit page", f"Could not write {target}: {error.strerror}")
        return None
    log.info("exported unit page of registration %s unit %s", selection.registration_id, selection.unit_urn)
    if context.parent is not None and hasattr(context.parent, "statusBar"):
        context.parent.statusBar().showMessage(f"Exported {path}", 8000)
    return path


def export_record(context: WindowContext, target: Path | None = None) -> BackgroundTask | None:
    """The learner's whole Learner Assessment Record (Ctrl+P): read here, rendered on a worker thread with
    progress, then offered to open. Returns the task (its `succeeded` carries the path)."""
    from assessor_app.services.lar import build_lar_record

    selection = context.selection
    if not selection.registration_id:
        context.events.refused.emit("Export the record", "Select a learner registered on a qualification first.")
        return None
    session = context.session
    registration = session.roster.registration(selection.registration_id)
    record = build_lar_record(session, registration.learner_id, registration.qualification_number)
    if target is None:
        target = ask_target(context, "Export the Learner Assessment Record",
                            safe_name(f"{record.learner.name} - {registration.qualification_number} LAR") + ".pdf")
        if target is None:
            return None

    def render(progress):
        from assessor_app.export.lar import write_lar

        progress.report(0, 1, f"Writing {target.name}…")
        path = write_lar(record, Path(target), context.font_dir)
        progress.report(1, 1, f"Written {target.name}")
        return path

    def written(path) -> None:
        log.info("exported record of registration %s", selection.registration_id)
        context.last_export = Path(path)
        offer_to_open(context, Path(path))

    return run_with_progress(context.parent, "Export the Learner Assessment Record",
                             "Writing the record…", render, written)
