"""The main window: wiring of panels, menus, actions and the app-wide signals; every screen is its own module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from assessor_app.gui.actions import MENUS, Actions
from assessor_app.gui.events import AppEvents
from assessor_app.gui.learner_list import LearnerPanel
from assessor_app.gui.window_state import WindowState
from assessor_app.paths import DataFolder

if TYPE_CHECKING:
    from assessor_app.domain.caseload import CaseloadRow
    from assessor_app.services.session import Session


# action -> (module, function(context, learner_id)) of the screens of a visit
VISIT_SCREENS = (
    ("action_start_observation", "observation", "open_observation"),
    ("action_witness_testimony", "witness_testimony", "open_witness_testimony"),
    ("action_professional_discussion", "professional_discussion", "open_professional_discussion"),
    ("action_add_evidence", "evidence_form", "open_evidence_form"),
    ("action_attach_files", "evidence_register", "attach_files"),
    ("action_evidence_register", "evidence_register", "open_register"),
    ("action_add_comment", "comments_log", "open_comments"),
)


class MainWindow(QMainWindow):
    """Built in two steps, so that start-up shows the learner list before the records are open: the constructor
    makes the frame (menus, the learner list, room for the rest), `attach` opens the rest on the records."""

    def __init__(self, events: AppEvents, font_dir: Path, data_dir: Path):
        super().__init__()
        self.session: Session | None = None
        self.events, self.font_dir = events, font_dir
        self.folder = DataFolder(data_dir)
        self.setWindowTitle(f"assessor-app — {data_dir}")
        self.undo_stack = QUndoStack(self)
        self.learners = LearnerPanel(events)
        # Splitters are made with their default (horizontal) orientation: naming Qt.Orientation would build the
        # Qt namespace before the list is up (see gui/table_model.py). The right one turns vertical on attach.
        self.right_splitter = QSplitter()
        self.right_splitter.setObjectName("right_splitter")
        for _ in range(2):  # the unit list and the tabs take these places when the records are open
            self.right_splitter.addWidget(QWidget())
        self.main_splitter = QSplitter()
        self.main_splitter.setObjectName("main_splitter")
        self.main_splitter.addWidget(self.learners)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setSizes([420, 960])
        self.setCentralWidget(self.main_splitter)
        self.actions = Actions(self, self.undo_stack, read_only=False, ready=False)
        self.batch_export_action = self.actions["action_batch_export"]
        self._place_actions()
        self.learners.learner_selected.connect(self._on_learner)
        self.learners.learner_activated.connect(lambda _id: self.show_overview())
        self.actions["action_find_learner"].triggered.connect(self.find_learner)
        self.actions["action_about"].triggered.connect(self.about)
        self.actions["action_shortcuts"].triggered.connect(self.shortcuts)
        self.actions["action_quit"].triggered.connect(self.close)
        self.window_state = WindowState(self.folder.settings_file)
        self.remember_state = True  # off for a smoke test's start: its window size is no one's to remember
        if not self.window_state.restore(self, [self.main_splitter]):
            self._fit_to_screen()
        self.errors = None
        self._attached = False  # attach has run to its end: every pane is there
        self._first_shown = False
        self._showed_first_rows = False
        self.dialog: QWidget | None = None  # the screen opened last, for the tests and the screenshots

    def show_first_rows(self, rows: list[CaseloadRow]) -> None:
        """The learner list as read before the records open (services/first_screen.py)."""
        self.learners.show_first_rows(rows)
        self._showed_first_rows = True

    def attach(self, session: Session) -> Iterator[None]:
        """Open the rest of the window on the records, a pane at a time: it pauses (yields) between panes so that
        the caller can let the event loop run, and the learner list answers keys meanwhile."""
        from PySide6.QtCore import Qt  # here, as the other names the first screen does without (each costs)
        from PySide6.QtWidgets import QTabWidget

        from assessor_app.gui.error_dialog import ErrorReporter
        from assessor_app.gui.unit_list import UnitPanel
        from assessor_app.gui.window_context import WindowContext
        from assessor_app.logs import log_file_of

        self.session = session
        if session.store.read_only:
            self.setWindowTitle(self.windowTitle() + " (read-only)")
            self.actions.go_read_only()
        self.context = WindowContext(session, self.events, self.undo_stack, self.font_dir, self.folder, self)
        self.units = UnitPanel(session, self.events)
        yield
        from assessor_app.gui.unit_page import UnitPage

        self.criteria = UnitPage(session, self.events, self.undo_stack)
        yield
        from assessor_app.gui.overview import OverviewPanel

        self.overview = OverviewPanel(session, self.events)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.criteria, "&Unit page")
        self.tabs.addTab(self.overview, "&Overview")
        for place, pane in enumerate((self.units, self.tabs)):
            self.right_splitter.replaceWidget(place, pane).deleteLater()
        self.right_splitter.setOrientation(Qt.Orientation.Vertical)
        self.right_splitter.setSizes([250, 550])
        self.window_state.restore_splitters([self.right_splitter, self.criteria.splitter])
        self._wire()
        self.errors = ErrorReporter(self, log_file_of(), self._damaged)
        if self._first_shown:
            self.errors.install()
        self.actions.make_ready()
        self._attached = True
        yield  # the panes are drawn while the selected learner's units, unit page and overview are read
        if self._showed_first_rows:
            self._on_learner(self.learners.current_learner_id())
            self.learners.attach(session)  # its progress read starts on a worker thread once the panes are full
        else:
            self.learners.attach(session)
            self.learners.reload(progress=False)  # selects the first learner; progress follows on the next pass
        self.statusBar().showMessage(f"{len(session.catalogue.qualifications)} qualifications loaded")
        left_open = len(session.observations.open_learner_ids())
        if left_open:  # after a crash or a closed lid: nothing was lost, and this says where to carry on
            self.statusBar().showMessage(f"{left_open} observation(s) left open: select the learner and press "
                                         "Ctrl+O to resume")
        if self._first_shown:
            self._offer_first_run()

    def _splitters(self) -> list[QSplitter]:
        opened = [self.right_splitter, self.criteria.splitter] if self._attached else []
        return [self.main_splitter, *opened]

    def _fit_to_screen(self) -> None:
        """A comfortable size on a laptop, never larger than the screen it opens on."""
        screen = self.screen().availableGeometry()
        self.resize(min(1380, int(screen.width() * 0.95)), min(860, int(screen.height() * 0.92)))

    def _place_actions(self) -> None:
        for name in MENUS:
            menu = self.menuBar().addMenu(f"&{name}")
            menu.setObjectName(f"menu_{name.lower()}")
            if name == "Edit":
                menu.addActions([self.actions["action_undo"], self.actions["action_redo"]])
                menu.addSeparator()
            for action in self.actions.in_menu(name):
                if action.objectName() == "action_quit":
                    menu.addSeparator()
                menu.addAction(action)

    def _wire(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        a, c = self.actions, self.context
        self.units.unit_selected.connect(self._on_unit)
        self.criteria.evidence_opened.connect(lambda evidence_id: self._open("evidence_view", "EvidenceView",
                                                                             c, evidence_id))
        self.events.refused.connect(lambda title, reason: QMessageBox.warning(self, title, reason))
        self.events.changed.connect(lambda _changes: self._update_actions())
        a["action_new_learner"].triggered.connect(lambda: self._open("learner_form", "LearnerForm", c))
        a["action_edit_learner"].triggered.connect(
            lambda: self._open("learner_form", "LearnerForm", c, c.selection.learner_id))
        a["action_import_learners"].triggered.connect(lambda: self._open("import_dialog", "ImportDialog", c))
        a["action_register"].triggered.connect(self.register)
        a["action_choose_units"].triggered.connect(lambda: self.choose_units())
        a["action_learner_overview"].triggered.connect(self.show_overview)
        a["action_sign_off_unit"].triggered.connect(self.sign_off)
        a["action_reopen_unit"].triggered.connect(self.sign_off)
        a["action_iv_sample"].triggered.connect(
            lambda: self._open("iv_sample", "IvSampleDialog", c, c.selection.registration_id, c.selection.unit_urn))
        a["action_export_unit"].triggered.connect(lambda: self.export_current_unit())
        a["action_export_record"].triggered.connect(lambda: self.export_record())
        a["action_batch_export"].triggered.connect(self.batch_export)
        a["action_sync"].triggered.connect(self.sync)
        a["action_set_passcode"].triggered.connect(self.set_passcode)
        for name, module, opener in VISIT_SCREENS:
            a[name].triggered.connect(lambda _checked=False, m=module, o=opener: self.open_visit(m, o))

    # -- selection ---------------------------------------------------------------------------------------------
    def _on_learner(self, learner_id: str) -> None:
        if not self._attached:  # attach shows the learner selected by then
            return
        self.context.selection.learner_id = learner_id
        self.units.show_learner(learner_id)
        self.overview.show_learner(learner_id, self.units.overview)
        self._update_actions()

    def _on_unit(self, registration_id: str, unit_urn: str) -> None:
        self.context.selection.registration_id = registration_id or self.units.registration_id
        self.context.selection.unit_urn = unit_urn
        self.criteria.show_unit(registration_id, unit_urn)
        self._update_actions()

    def _update_actions(self) -> None:
        selection = self.context.selection
        self.actions.enable_for(learner=bool(selection.learner_id), registration=bool(self.units.registration_id),
                                unit=bool(selection.unit_urn), signed=self.units.current_signed())

    def _damaged(self, error: BaseException) -> str | None:
        """The error reporter's question: is this the record found damaged? If so the window goes read-only."""
        sentence = self.session.store.mark_if_damaged(error)
        if sentence and not self.windowTitle().endswith("(read-only)"):
            self.actions.go_read_only()
            self.setWindowTitle(self.windowTitle() + " (read-only)")
            try:
                self._update_actions()
            except Exception:  # noqa: BLE001 - reading the selection may hit the damaged pages again; already said
                pass
        return sentence

    # -- opening screens (each in its own module, imported when first used so start-up stays quick) ----------
    def _open(self, module: str, name: str, *args) -> QWidget:
        from importlib import import_module

        from PySide6.QtCore import Qt

        dialog = getattr(import_module(f"assessor_app.gui.{module}"), name)(*args)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog

    def setVisible(self, visible: bool) -> None:
        # Here, not in showEvent: an override given a QShowEvent builds PySide's QEvent types (about 4 ms) before
        # the first screen shows. show() comes here, and the show event has been delivered when Qt returns.
        super().setVisible(visible)
        if visible and not self._first_shown:
            self._first_shown = True
            self.learners.shown()
            if self._attached:
                self.errors.install()
                self._offer_first_run()

    def _offer_first_run(self) -> None:
        """Once the window is both shown and on the records: the guided start, when there is no profile yet."""
        if not self.session.store.read_only and self.session.profile.current() is None:
            QTimer.singleShot(0, self.first_run)

    def first_run(self) -> QWidget:
        dialog = self._open("first_run", "FirstRunDialog", self.context)
        dialog.accepted.connect(lambda: self._after_first_run(dialog.next_step))
        return dialog

    def _after_first_run(self, next_step: str) -> None:
        if next_step == "add":
            self._open("learner_form", "LearnerForm", self.context)
        elif next_step == "import":
            self._open("import_dialog", "ImportDialog", self.context)

    def open_visit(self, module: str, opener: str) -> QWidget:
        """A visit screen for the selected learner; each is a window of its own, not modal."""
        from importlib import import_module

        self.dialog = getattr(import_module(f"assessor_app.gui.{module}"), opener)(self.context,
                                                                                    self.context.selection.learner_id)
        return self.dialog

    def find_learner(self) -> None:
        self.learners.filter.setFocus()
        self.learners.filter.selectAll()

    def show_overview(self) -> None:
        if not self._attached:
            return
        self.tabs.setCurrentWidget(self.overview)

    def register(self) -> QWidget:
        dialog = self._open("register_dialog", "RegisterDialog", self.context, self.context.selection.learner_id)
        dialog.accepted.connect(lambda: QTimer.singleShot(0, lambda: self.choose_units(dialog.registration_id)))
        return dialog

    def choose_units(self, registration_id: str = "") -> QWidget | None:
        from assessor_app.gui.route_dialog import open_choose_units

        self.dialog = open_choose_units(self.context, registration_id or self.units.registration_id)
        return self.dialog

    def sign_off(self) -> QWidget:
        selection = self.context.selection
        return self._open("signoff_dialog", "SignOffDialog", self.context, selection.registration_id,
                          selection.unit_urn)

    def export_current_unit(self, target: Path | None = None) -> Path | None:
        from assessor_app.gui.record_export import export_unit

        return export_unit(self.context, target)

    def export_record(self, target: Path | None = None):
        from assessor_app.gui.record_export import export_record

        return export_record(self.context, target)

    def batch_export(self) -> QWidget:
        return self._open("batch_export", "BatchExportDialog", self.session, self.font_dir, self, None, self.go_to)

    def go_to(self, learner_id: str, unit_urn: str = "") -> None:
        """Show the learner (and the unit, when given) that a list of incomplete items points at."""
        self.learners.select(learner_id)
        if unit_urn:
            self.units.select(unit_urn)

    def sync(self) -> QWidget:
        self.sync_dialog = self._open("sync_dialog", "SyncDialog", self.session, self.events,
                                      self.context.selection.learner_id, self)
        return self.sync_dialog

    def set_passcode(self) -> None:
        from assessor_app.gui.passcode import change_passcode

        change_passcode(self.session, self)

    def about(self) -> QWidget:
        from assessor_app.logs import log_file_of

        return self._open("help", "AboutDialog", self.folder.root, log_file_of(), self)

    def shortcuts(self) -> QWidget:
        return self._open("help", "ShortcutsDialog", self.actions.shortcut_list(), self)

    def closeEvent(self, event) -> None:
        self.learners.cancel_pending()  # the records close after the window: nothing may read them later
        if self.remember_state:
            self.window_state.save(self, self._splitters())
        if self.errors is not None:
            self.errors.uninstall()
        super().closeEvent(event)
