"""The three panes of the main window: learners (with a filter), the learner's units, the unit's criteria."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox,
                               QTableView, QVBoxLayout, QWidget)

from assessor_app.gui.criteria_model import CriteriaTableModel
from assessor_app.gui.events import AppEvents
from assessor_app.gui.learner_model import LEARNER_ID_ROLE, LearnerTableModel
from assessor_app.gui.undo_commands import push_tick, push_untick
from assessor_app.gui.unit_model import UnitRow, UnitTableModel
from assessor_app.services.session import ServiceError, Session


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    return view


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; font-size: 11pt; padding: 2px 0;")
    return label


class LearnerPanel(QWidget):
    learner_selected = Signal(str)  # learner id, "" for none

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self.model = LearnerTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter = QLineEdit(placeholderText="Find a learner (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = _table(self.proxy)
        self.view.setSortingEnabled(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setColumnHidden(2, True)  # the employer shows as a tooltip; the pane stays narrow
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_heading("Learners"))
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self.reload()

    def reload(self) -> None:
        current = self.current_learner_id()
        self.model.set_learners(self._session.roster.learners())
        self.select(current or (self.model.learner_at(0).id if self.model.rowCount() else ""))

    def current_learner_id(self) -> str:
        index = self.view.currentIndex()
        return index.data(LEARNER_ID_ROLE) if index.isValid() else ""

    def select(self, learner_id: str) -> None:
        row = self.model.row_of(learner_id)
        if row < 0:
            self.learner_selected.emit("")
            return
        self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))

    def _on_current(self, current, _previous) -> None:
        self.learner_selected.emit(current.data(LEARNER_ID_ROLE) if current.isValid() else "")


class UnitPanel(QWidget):
    unit_selected = Signal(str, str)  # registration id, unit URN

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self.registration_id = ""
        self.model = UnitTableModel(self)
        self.view = _table(self.model)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.title = _heading("Units")
        self.version_note = QLabel("This learner was registered on an earlier version of this qualification "
                                   "file; their criteria are kept as they were then.")
        self.version_note.setWordWrap(True)
        self.version_note.setStyleSheet("font-style: italic; color: #7a4b00;")
        self.version_note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.version_note)
        layout.addWidget(self.view)

    def show_learner(self, learner_id: str) -> None:
        current = self.current_urn()
        registrations = self._session.roster.registrations(learner_id) if learner_id else []
        if not registrations:
            self.registration_id = ""
            self.title.setText("Units")
            self.version_note.hide()
            self.model.set_rows([])
            self.unit_selected.emit("", "")
            return
        registration = registrations[0]
        qualification = self._session.roster.qualification_of(registration)
        self.registration_id = registration.id
        self.title.setText(f"{qualification.title} ({qualification.number})")
        self.version_note.setVisible(not self._session.roster.on_current_version(registration))
        met = {}
        for tick in self._session.mapping.ticks(registration.id):
            met.setdefault(tick.unit_urn, set()).add(tick.criterion_number)
        rows = []
        for urn in registration.chosen_units:
            unit = qualification.unit(urn)
            group = qualification.group_of(urn)
            signoff = self._session.signoffs.active(registration.id, urn)
            rows.append(UnitRow(urn, group.name if group else "", unit.ref, unit.title, unit.credit,
                                len(met.get(urn, ())), len(unit.criteria), signoff.signed_on if signoff else ""))
        self.model.set_rows(rows)
        row = self.model.row_of(current)
        self.view.setCurrentIndex(self.model.index(row if row >= 0 else 0, 0))

    def current_urn(self) -> str:
        index = self.view.currentIndex()
        return self.model.unit_at(index.row()).urn if index.isValid() else ""

    def _on_current(self, current, _previous) -> None:
        urn = self.model.unit_at(current.row()).urn if current.isValid() else ""
        self.unit_selected.emit(self.registration_id if urn else "", urn)


class CriteriaPanel(QWidget):
    """Ticking a box records the AC as met today under the evidence ref shown above the table."""

    def __init__(self, session: Session, events: AppEvents, undo_stack: QUndoStack, parent=None):
        super().__init__(parent)
        self._session, self._events, self._undo = session, events, undo_stack
        self.registration_id = ""
        self.unit_urn = ""
        self.model = CriteriaTableModel(self)
        self.model.read_only = session.store.read_only
        self.model.tick_requested.connect(self._on_tick_requested)
        self.view = _table(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(0, 220)
        self.view.setColumnWidth(2, 80)
        self.view.setColumnWidth(3, 90)
        self.title = _heading("Assessment criteria")
        self.evidence_ref = QLineEdit()
        self.evidence_ref.setMaximumWidth(120)
        self.evidence_ref.setToolTip("Evidence Ref No recorded with each tick (e.g. today's observation)")
        self.summary = QLabel()
        refs = QHBoxLayout()
        refs.addWidget(QLabel("Evidence Ref No for ticks:"))
        refs.addWidget(self.evidence_ref)
        refs.addStretch(1)
        refs.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(refs)
        layout.addWidget(self.view)

    def show_unit(self, registration_id: str, unit_urn: str) -> None:
        learner_changed = registration_id != self.registration_id
        self.registration_id, self.unit_urn = registration_id, unit_urn
        if learner_changed:
            self.evidence_ref.setText(self._next_evidence_ref())
        self.refresh()

    def refresh(self) -> None:
        if not (self.registration_id and self.unit_urn):
            self.title.setText("Assessment criteria")
            self.summary.setText("")
            self.model.set_record(None)
            return
        record = self._session.progress.unit_record(self.registration_id, self.unit_urn)
        qualification = self._session.roster.qualification_of(self._session.roster.registration(self.registration_id))
        self.title.setText(f"{record.unit.name}: {record.unit.title}")
        self.summary.setText(f"{record.met_count} of {len(record.rows)} criteria met")
        self.model.set_record(record, qualification.review_notes(self.unit_urn))
        self.view.resizeRowsToContents()

    def _next_evidence_ref(self) -> str:
        """Today's observation gets the learner's next free Evidence Ref No."""
        if not self.registration_id:
            return ""
        return self._session.evidence.next_ref(self._session.roster.registration(self.registration_id).learner_id)

    def _on_tick_requested(self, number: str, wanted: bool) -> None:
        try:
            if wanted:
                push_tick(self._undo, self._session, self._events, self.registration_id, self.unit_urn, number,
                          date.today().isoformat(), self.evidence_ref.text().strip())
            else:
                ids = [t.id for t in self._session.mapping.ticks(self.registration_id, self.unit_urn)
                       if t.criterion_number == number]
                if ids:
                    push_untick(self._undo, self._session, self._events, ids, number)
        except ServiceError as refused:
            QMessageBox.warning(self, "Not recorded", str(refused))
            self.refresh()
