"""The learner's units (of the registration chosen) with ACs met, sign-off and IV state, from the caseload overview."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QVBoxLayout, QWidget

from assessor_app.domain.changes import Changes
from assessor_app.gui.events import AppEvents
from assessor_app.gui.learner_list import fit_rows, heading, keep_rows_fitted, table_view
from assessor_app.gui.table_model import header_labels
from assessor_app.gui.unit_model import UnitRow, UnitTableModel
from assessor_app.services.session import Session


class UnitPanel(QWidget):
    unit_selected = Signal(str, str)  # registration id, unit URN

    def __init__(self, session: Session, events: AppEvents, parent=None):
        super().__init__(parent)
        self._session = session
        self.learner_id = ""
        self.registration_id = ""
        self.overview = None
        self.model = UnitTableModel(self)
        self.view = table_view(self.model)
        self.view.setAccessibleName("Units")
        self.view.horizontalHeader().setModel(header_labels(self.model.HEADERS, self))
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        longest = max(("Referred back: needs action", "Signed off, awaiting IV", "Awaiting sign-off"),
                      key=self.fontMetrics().horizontalAdvance)
        self.view.setColumnWidth(6, self.fontMetrics().horizontalAdvance(longest) + 16)
        keep_rows_fitted(self.view, self.model.texts)  # a title that wraps in a narrow column fits a wide one
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.title = heading("Units")
        self.registrations = QComboBox()
        self.registrations.setAccessibleName("Qualification")
        self.registrations.currentIndexChanged.connect(lambda _i: self._show_registration())
        self.registrations.hide()
        self.version_note = QLabel("This learner was registered on an earlier version of this qualification "
                                   "file; their criteria are kept as they were then.")
        self.version_note.setWordWrap(True)
        self.version_note.setStyleSheet("font-style: italic; color: #b36b00;")
        self.version_note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.registrations)
        layout.addWidget(self.version_note)
        layout.addWidget(self.view)
        events.changed.connect(self._on_changed)

    def show_learner(self, learner_id: str) -> None:
        self.learner_id = learner_id
        self.overview = self._session.caseload.overview(learner_id) if learner_id else None
        registrations = self.overview.registrations if self.overview else ()
        wanted = self.registration_id
        self.registrations.blockSignals(True)
        self.registrations.clear()
        for registration in registrations:
            self.registrations.addItem(f"{registration.qualification_title} ({registration.qualification_number})",
                                       registration.registration_id)
        self.registrations.setCurrentIndex(max(self.registrations.findData(wanted), 0))
        self.registrations.blockSignals(False)
        self.registrations.setVisible(len(registrations) > 1)
        self._show_registration()

    def _show_registration(self) -> None:
        current = self.current_urn()
        chosen = self.registrations.currentData()
        registration = next((r for r in self.overview.registrations if r.registration_id == chosen), None) \
            if self.overview else None
        if registration is None:
            self.registration_id = ""
            self.title.setText("Units" if not self.learner_id else "Units: not registered on a qualification yet")
            self.version_note.hide()
            self.model.set_rows([])
            self.unit_selected.emit("", "")
            return
        self.registration_id = registration.registration_id
        self.title.setText(f"{registration.qualification_title} ({registration.qualification_number})")
        stored = self._session.roster.registration(registration.registration_id)
        self.version_note.setVisible(not self._session.roster.on_current_version(stored))
        self.model.set_rows([UnitRow(u.urn, u.group, u.ref, u.title, u.credit, u.covered, u.total, u.signed_on,
                                     u.state) for u in registration.units])
        fit_rows(self.view, self.model.texts())  # a unit's title may wrap
        row = self.model.row_of(current)
        self.view.setCurrentIndex(self.model.index(row if row >= 0 else 0, 0))

    def _on_changed(self, changes: Changes) -> None:
        if not self.learner_id or not changes.concerns(self.learner_id):
            return
        if changes.registration or changes.link or changes.evidence or changes.signoff or changes.iv_sample:
            self.show_learner(self.learner_id)

    def select(self, urn: str) -> None:
        """Make the unit current (the window's go_to, from a list of incomplete items); unknown URNs are ignored."""
        row = self.model.row_of(urn)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.scrollTo(self.model.index(row, 0))

    def current_urn(self) -> str:
        index = self.view.currentIndex()
        return self.model.unit_at(index.row()).urn if index.isValid() else ""

    def current_signed(self) -> bool:
        index = self.view.currentIndex()
        return bool(index.isValid() and self.model.unit_at(index.row()).signed_on)

    def _on_current(self, current, _previous) -> None:
        urn = self.model.unit_at(current.row()).urn if current.isValid() else ""
        self.unit_selected.emit(self.registration_id if urn else "", urn)
