"""The main window: wiring of panels, menus, shortcuts and the app-wide `changed` signal; no logic of its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QSplitter

from assessor_app.gui.batch_export import batch_export_action
from assessor_app.gui.events import AppEvents
from assessor_app.gui.panels import CriteriaPanel, LearnerPanel, UnitPanel
from assessor_app.gui.passcode import change_passcode
from assessor_app.gui.route_dialog import RouteDialog
from assessor_app.gui.undo_commands import push_change_units
from assessor_app.services.session import ServiceError, Session


class MainWindow(QMainWindow):
    def __init__(self, session: Session, events: AppEvents, font_dir: Path, data_dir: Path):
        super().__init__()
        self.session, self.events, self.font_dir = session, events, font_dir
        mode = " (read-only)" if session.store.read_only else ""
        self.setWindowTitle(f"assessor-app — {data_dir}{mode}")
        self.undo_stack = QUndoStack(self)
        self.learners = LearnerPanel(session)
        self.units = UnitPanel(session)
        self.criteria = CriteriaPanel(session, events, self.undo_stack)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.units)
        right.addWidget(self.criteria)
        right.setSizes([260, 520])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.learners)
        split.addWidget(right)
        split.setSizes([380, 1000])
        self.setCentralWidget(split)
        self.learners.learner_selected.connect(self.units.show_learner)
        self.units.unit_selected.connect(self.criteria.show_unit)
        events.changed.connect(self._on_changed)
        self._build_menus()
        self._fit_to_screen()
        self.learners.reload()
        self.statusBar().showMessage(f"{len(session.roster.learners())} learners · "
                                     f"{len(session.catalogue.qualifications)} qualifications loaded")

    def _fit_to_screen(self) -> None:
        """A comfortable size on a laptop, never larger than the screen it opens on."""
        screen = self.screen().availableGeometry()
        self.resize(min(1380, int(screen.width() * 0.95)), min(860, int(screen.height() * 0.92)))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.export_action = QAction("&Export unit page as PDF…", self, shortcut=QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_current_unit)
        file_menu.addAction(self.export_action)
        self.batch_export_action = batch_export_action(self, self.session, self.font_dir)
        file_menu.addAction(self.batch_export_action)
        file_menu.addSeparator()
        self.units_action = QAction("Choose &units…", self, shortcut=QKeySequence("Ctrl+U"))
        self.units_action.setEnabled(not self.session.store.read_only)
        self.units_action.triggered.connect(self.choose_units)
        file_menu.addAction(self.units_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addActions([undo, redo])
        passcode = QAction("Set &passcode…", self)
        passcode.setEnabled(not self.session.store.read_only)
        passcode.triggered.connect(lambda: change_passcode(self.session, self))
        edit_menu.addAction(passcode)
        find = QAction("&Find learner", self, shortcut=QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.learners.filter.setFocus())
        edit_menu.addAction(find)

    def _on_changed(self, changes) -> None:
        if changes.touches("learner"):
            self.learners.reload()
        if changes.registration or changes.link or changes.evidence or changes.signoff:
            self.units.show_learner(self.learners.current_learner_id())
            self.criteria.refresh()

    def choose_units(self, _checked: bool = False, dialog_result: list[str] | None = None) -> None:
        """The structure of the learner's qualification, the optional units to tick, live feedback from the rules."""
        registration_id = self.units.registration_id
        if not registration_id:
            QMessageBox.information(self, "Choose units", "Select a learner with a registration first.")
            return
        registration = self.session.roster.registration(registration_id)
        if dialog_result is None:
            dialog = RouteDialog(self.session.roster.qualification_of(registration),
                                 list(registration.chosen_units), self.session.roster.learner(registration.learner_id).name,
                                 self)
            if dialog.exec() != RouteDialog.DialogCode.Accepted:
                return
            dialog_result = dialog.chosen()
        try:
            push_change_units(self.undo_stack, self.session, self.events, registration_id, dialog_result)
        except ServiceError as refused:
            QMessageBox.warning(self, "Units not changed", str(refused))

    def export_current_unit(self, _checked: bool = False, target: Path | None = None) -> Path | None:
        registration_id, urn = self.criteria.registration_id, self.criteria.unit_urn
        if not (registration_id and urn):
            QMessageBox.information(self, "Export unit page", "Select a learner and a unit first.")
            return None
        if target is None:
            record = self.session.progress.unit_record(registration_id, urn)
            suggested = f"{record.learner_name} - unit {record.unit.ref}.pdf".replace("/", "-")
            chosen, _ = QFileDialog.getSaveFileName(self, "Export unit page", str(Path.home() / suggested),
                                                    "PDF files (*.pdf)")
            if not chosen:
                return None
            target = Path(chosen)
        from assessor_app.services.export import export_unit_pdf  # reportlab loads on first export, not at start

        try:
            path = export_unit_pdf(self.session, registration_id, urn, target, self.font_dir)
        except OSError as error:
            QMessageBox.critical(self, "Export unit page", f"Could not write {target}: {error.strerror}")
            return None
        self.statusBar().showMessage(f"Exported {path}", 8000)
        return path
