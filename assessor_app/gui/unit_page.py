"""The unit page, laid out like the printed one: header, LO/AC table with Ref No and Date, each AC's guidance
and covering evidence; ticking a box records the AC under the evidence item chosen (the open observation by default)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QSplitter, QVBoxLayout, QWidget)

from assessor_app.domain.changes import Changes
from assessor_app.domain.lar_model import review_notes
from assessor_app.domain.records import uk_date
from assessor_app.gui.criteria_model import CriteriaTableModel
from assessor_app.gui.events import AppEvents
from assessor_app.gui.learner_list import heading, keep_rows_fitted, table_view
from assessor_app.gui.undo_commands import push_tick, push_untick
from assessor_app.gui.widgets.evidence_chooser import EvidenceChooser
from assessor_app.gui.widgets.read_when_shown import ReadWhenShown
from assessor_app.services.session import ServiceError, Session

HEADER_FIELDS = (("learner", "Learner Name:"), ("ref", "UNIT REF:"), ("title", "UNIT TITLE:"), ("level", "Level:"),
                 ("credit", "Credit Value:"), ("glh", "GLH:"), ("mapping", "Mapping:"), ("rationale", "Rationale:"))
EVIDENCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def wrapping_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class UnitPage(ReadWhenShown, QWidget):
    evidence_opened = Signal(str)  # an evidence item's id, to open

    def __init__(self, session: Session, events: AppEvents, undo_stack: QUndoStack, parent=None):
        super().__init__(parent)
        self._session, self._events, self._undo = session, events, undo_stack
        self.registration_id = ""
        self.unit_urn = ""
        self.learner_id = ""
        self.record = None
        self._evidence: dict[str, list] = {}
        self._guidance: dict[str, str] = {}
        self._notes: dict[str, str] = {}
        self.model = CriteriaTableModel(self)
        self.model.read_only = session.store.read_only
        self.model.tick_requested.connect(self._on_tick_requested)
        self.view = table_view(self.model)
        self.view.setAccessibleName("Assessment criteria")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(0, 170)
        keep_rows_fitted(self.view)  # an AC's text wraps: the table is measured again as its columns change width
        self.view.setColumnWidth(2, 80)
        self.view.setColumnWidth(3, 90)
        self.view.selectionModel().currentRowChanged.connect(lambda current, _p: self._show_detail(current.row()))
        self.title = heading("Assessment criteria")
        self.fields = {name: wrapping_label() for name, _ in HEADER_FIELDS}
        form = QGridLayout()  # as printed: short fields two to a row, Mapping and Rationale across the page
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(2)
        placed = {"learner": (0, 0), "ref": (0, 2), "title": (1, 0), "level": (1, 2), "credit": (2, 0),
                  "glh": (2, 2), "mapping": (3, 0), "rationale": (4, 0)}
        for name, label in HEADER_FIELDS:
            caption = QLabel(label)
            caption.setStyleSheet("font-weight: bold;")
            row, column = placed[name]
            form.addWidget(caption, row, column, Qt.AlignmentFlag.AlignTop)
            span = 3 if name in ("mapping", "rationale") else 1
            form.addWidget(self.fields[name], row, column + 1, 1, span)
        form.setColumnStretch(1, 3)
        form.setColumnStretch(3, 1)
        self.lock_note = wrapping_label()
        self.lock_note.setObjectName("lock_note")
        self.lock_note.hide()
        self.evidence_ref = EvidenceChooser()
        self.summary = QLabel()
        refs = QHBoxLayout()
        refs.addWidget(QLabel("Ticks belong to:"))
        refs.addWidget(self.evidence_ref)
        refs.addStretch(1)
        refs.addWidget(self.summary)
        self.guidance = wrapping_label()
        self.guidance.setAccessibleName("Assessment guidance")
        self.covering = QListWidget()
        self.covering.setWordWrap(True)
        self.covering.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.covering.setAccessibleName("Evidence covering this criterion")
        self.covering.itemActivated.connect(self._open_evidence)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(heading("Assessment guidance"))
        detail_layout.addWidget(self.guidance)
        detail_layout.addWidget(QLabel("Evidence covering it (Enter or double-click to open):"))
        detail_layout.addWidget(self.covering, 1)
        # The guidance sits beside the table, so on a laptop screen the table keeps the page's height.
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("unit_page_splitter")
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.lock_note)
        layout.addLayout(refs)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.evidence_ref, self.view)  # as the page reads: the ref ticks go under, the ACs, guidance
        self.setTabOrder(self.view, self.covering)
        events.changed.connect(self._on_changed)

    def show_unit(self, registration_id: str, unit_urn: str) -> None:
        learner_changed = registration_id != self.registration_id
        self.registration_id, self.unit_urn = registration_id, unit_urn
        self.learner_id = self._session.roster.registration(registration_id).learner_id if registration_id else ""
        if learner_changed:
            self._offer_evidence()
        self.refresh_when_seen()  # the overview tab may be up

    def _offer_evidence(self) -> None:
        if self.learner_id:
            self.evidence_ref.offer(self._session.evidence.register(self.learner_id), self._next_evidence_ref())

    def _on_changed(self, changes: Changes) -> None:
        if not self.unit_urn or not changes.concerns(self.learner_id):
            return
        if changes.evidence:
            self._offer_evidence()
        if changes.link or changes.evidence or changes.signoff or changes.registration or changes.iv_sample:
            self.refresh_when_seen()

    def refresh(self) -> None:
        if not (self.registration_id and self.unit_urn):
            self.record = None
            self.title.setText("Assessment criteria")
            self.summary.setText("")
            for label in self.fields.values():
                label.setText("")
            self.lock_note.hide()
            self.model.set_record(None)
            self._show_detail(-1)
            return
        record = self._session.progress.unit_record(self.registration_id, self.unit_urn)
        registration = self._session.roster.registration(self.registration_id)
        qualification = self._session.roster.qualification_of(registration)
        unit = record.unit
        self.record = record
        self.title.setText(f"{unit.name}: {unit.title}")
        values = {"learner": record.learner_name, "ref": unit.ref, "title": unit.title_on_unit_page or unit.title,
                  "level": _text(unit.level), "credit": _text(unit.credit), "glh": _text(unit.glh),
                  "mapping": unit.mapping or "", "rationale": unit.rationale or ""}
        for name, value in values.items():
            self.fields[name].setText(value)
        signoff = record.signoff if record.signed else None
        self.lock_note.setVisible(signoff is not None)
        if signoff is not None:
            self.lock_note.setText(f"Locked: signed off by {signoff.assessor_name} (PIN No {signoff.pin_no}) on "
                                   f"{uk_date(signoff.signed_on)}. Unit ▸ Reopen unit… to change it.")
        self.summary.setText(f"{record.met_count} of {len(record.rows)} criteria met")
        self._notes = review_notes(qualification, self.unit_urn)  # an inferred wording says so
        self._guidance = {c.number: c.guidance or "" for c in unit.criteria}
        self._evidence = self._session.caseload.covering_evidence(self.registration_id, self.unit_urn)
        self.model.set_record(record, self._notes)
        self.model.read_only = self._session.store.read_only or record.signed
        self.view.resizeRowsToContents()
        self._show_detail(self.view.currentIndex().row())

    def _show_detail(self, row: int) -> None:
        self.covering.clear()
        if self.record is None or not (0 <= row < len(self.record.rows)):
            self.guidance.setText("Select a criterion to see its assessment guidance and evidence.")
            return
        number = self.record.rows[row].number
        text = self._guidance.get(number) or "No assessment guidance is printed for this criterion."
        if number in self._notes:
            text += f"\n\n⚠ Flagged for review: {self._notes[number]}"
        self.guidance.setText(f"{number}: {text}")
        for item in self._evidence.get(number, []):
            entry = QListWidgetItem(f"{item.ref}  {uk_date(item.date)}  {item.kind.replace('_', ' ')}"
                                    f"{'  ' + item.title if item.title else ''}")
            entry.setData(EVIDENCE_ID_ROLE, item.id)
            self.covering.addItem(entry)
        if not self.covering.count():
            self.covering.addItem("No evidence covers this criterion yet.")

    def _open_evidence(self, entry: QListWidgetItem) -> None:
        evidence_id = entry.data(EVIDENCE_ID_ROLE)
        if evidence_id:
            self.evidence_opened.emit(evidence_id)

    def _next_evidence_ref(self) -> str:
        """Today's observation gets the learner's next free Evidence Ref No."""
        return self._session.evidence.next_ref(self.learner_id) if self.learner_id else ""

    def _on_tick_requested(self, number: str, wanted: bool) -> None:
        try:
            if wanted:
                push_tick(self._undo, self._session, self._events, self.registration_id, self.unit_urn, number,
                          date.today().isoformat(), self.evidence_ref.chosen_ref())
            else:
                ids = [t.id for t in self._session.mapping.ticks(self.registration_id, self.unit_urn)
                       if t.criterion_number == number]
                if ids:
                    push_untick(self._undo, self._session, self._events, ids, number)
        except ServiceError as refused:
            self._events.refused.emit("Not recorded", str(refused))
            self.refresh()


def _text(value) -> str:
    return "" if value is None else str(value)
