"""The learner's evidence register: every item in a sortable, filterable table; double-click opens it to edit.

Edits of an item's text or links are undoable as one step, and refused with the reason on a signed-off unit."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSplitter, QTableView, QVBoxLayout,
                               QWidget)

from assessor_app.domain.evidence import EvidenceItem
from assessor_app.domain.records import uk_date
from assessor_app.gui.evidence_form import body_with_save, fit_to_screen, name_controls
from assessor_app.gui.models.register_model import EVIDENCE_ID_ROLE, SORT_ROLE, RegisterModel, RegisterRow
from assessor_app.gui.undo.evidence_commands import push_delete_evidence, push_link, push_unlink, push_update_evidence
from assessor_app.gui.widgets.forms import problem_label, sentence
from assessor_app.gui.widgets.thumbnails import AttachmentStrip
from assessor_app.gui.widgets.tick_list import TickList
from assessor_app.gui.window_context import WindowContext
from assessor_app.services.session import ServiceError

TITLE_COLUMN, ACS_COLUMN = RegisterModel.HEADERS.index("Title"), RegisterModel.HEADERS.index("ACs")
TITLE_WIDTH = 260  # px: a long title wraps instead of pushing the ACs and Attachments out of view


def register_rows(context: WindowContext, learner_id: str) -> list[RegisterRow]:
    session = context.session
    names = {person.id: person.name for person in session.people.people()}
    units = {unit.urn: unit for unit in session.observations.tick_sheet(learner_id).units}
    shown = session.sync.shown_refs(learner_id)
    covered: dict[str, dict[str, list[str]]] = {}
    for link in session.mapping.links(learner_id=learner_id):
        ref = units[link.unit_urn].ref if link.unit_urn in units else link.unit_urn
        covered.setdefault(link.evidence_id, {}).setdefault(ref, []).append(link.criterion_number)
    rows = []
    for item in session.evidence.register(learner_id):
        by_unit = covered.get(item.id, {})
        text = "; ".join(f"{ref} {', '.join(sorted(numbers, key=_number_key))}" for ref, numbers in by_unit.items())
        rows.append(RegisterRow(item, ", ".join(names.get(p, "?") for p in item.person_ids), text,
                                sum(len(n) for n in by_unit.values()), shown.get(item.id, "")))
    return rows


def _number_key(number: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in number.split("."))


class EvidenceRegister(QDialog):
    def __init__(self, context: WindowContext, learner_id: str):
        super().__init__(context.parent)
        self._context = context
        self.learner_id = learner_id
        self.editor: EvidenceEditor | None = None
        self.setWindowTitle(f"Evidence register — {context.session.roster.learner(learner_id).name}")
        self.model = RegisterModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(placeholderText="Filter the register: a ref, a kind, a name, a unit…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        # The ACs wrap rather than run off the right edge, so Attachments stays in view without scrolling.
        self.view.setWordWrap(True)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.filter.setAccessibleName("Filter the register")
        self.view.setAccessibleName("Evidence register")
        self.view.doubleClicked.connect(lambda index: self.open_item(index.data(EVIDENCE_ID_ROLE)))
        self.problem = problem_label()
        open_button, delete_button = QPushButton("&Open…"), QPushButton("&Delete")
        open_button.clicked.connect(lambda: self.open_item(self.current_id()))
        delete_button.clicked.connect(self.delete_current)
        for button in (open_button, delete_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(delete_button)
        buttons.addWidget(open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        context.events.changed.connect(self._on_changed)
        self.reload()
        fit_to_screen(self, 1100, 600)

    def _fit_columns(self) -> None:
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.resizeColumnsToContents()
        header.resizeSection(TITLE_COLUMN, min(header.sectionSize(TITLE_COLUMN), TITLE_WIDTH))
        header.setSectionResizeMode(ACS_COLUMN, QHeaderView.ResizeMode.Stretch)

    def reload(self) -> None:
        current = self.current_id()
        self.model.set_rows(register_rows(self._context, self.learner_id))
        self._fit_columns()
        if current:
            self.select(current)

    def _on_changed(self, changes) -> None:
        if changes.concerns(self.learner_id) and changes.touches("evidence", "link", "attachment", "person"):
            self.reload()

    def select(self, evidence_id: str) -> None:
        row = self.model.row_of(evidence_id)
        if row >= 0:
            self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))

    def current_id(self) -> str:
        index = self.view.currentIndex()
        return index.data(EVIDENCE_ID_ROLE) if index.isValid() else ""

    def open_item(self, evidence_id: str) -> EvidenceEditor | None:
        if not evidence_id:
            return None
        self.editor = EvidenceEditor(self._context, evidence_id, self)
        self.editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor.show()
        return self.editor

    def delete_current(self) -> None:
        evidence_id = self.current_id()
        if not evidence_id:
            return
        context = self._context
        try:
            push_delete_evidence(context.undo_stack, context.session, context.events,
                                 context.session.evidence.item(evidence_id))
        except ServiceError as refused:
            self.problem.setText(sentence(refused))

    def closeEvent(self, event) -> None:
        self._context.events.changed.disconnect(self._on_changed)
        super().closeEvent(event)


class EvidenceEditor(QDialog):
    """One item: its title and account, the ACs it covers, its files. Save is one undo step."""

    def __init__(self, context: WindowContext, evidence_id: str, parent=None):
        super().__init__(parent or context.parent)
        self._context = context
        session = context.session
        self.item: EvidenceItem = session.evidence.item(evidence_id)
        self.shown_ref = session.sync.shown_refs(self.item.learner_id).get(evidence_id, self.item.ref)
        self._sheet = session.observations.tick_sheet(self.item.learner_id, evidence_id)
        self.setWindowTitle(f"Evidence {self.shown_ref} — {self.item.label}")
        self.title = QLineEdit(self.item.title)
        self.narrative = QPlainTextEdit(self.item.narrative)
        self.narrative.setTabChangesFocus(True)
        name_controls({self.title: "Title", self.narrative: "Narrative"})
        form = QFormLayout()
        form.addRow("Evidence Ref No", QLabel(f"<b>{self.shown_ref}</b> · {self.item.label} · {uk_date(self.item.date)}"))
        form.addRow("Title", self.title)
        form.addRow("Narrative", self.narrative)
        self.ticks = TickList()
        self.ticks.set_units(self._sheet.units, self._sheet.locked, self._sheet.other_refs, self._sheet.ticked)
        self.ticks.tick_requested.connect(self.ticks.set_tick)
        self.problem = problem_label()
        self.ticks.refused.connect(lambda reason: self.problem.setText(sentence(reason)))
        self.attachments = AttachmentStrip(context, evidence_id)
        self.attachments.failed.connect(lambda reason: self.problem.setText(sentence(reason)))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addWidget(self.attachments)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.ticks)
        body_with_save(self, split, self.problem, context.read_only)
        fit_to_screen(self, 1100, 700)

    def save(self) -> bool:
        """Text and links as one undo step; a refusal (a signed-off unit) undoes what this save did and says why."""
        context, session, item = self._context, self._context.session, self.item
        stack = context.undo_stack
        before = self._sheet.ticked
        wanted = self.ticks.ticked()
        stack.beginMacro(f"Edit evidence {item.ref}")
        try:
            push_update_evidence(stack, session, context.events, item.id, title=self.title.text(),
                                 narrative=self.narrative.toPlainText())
            for key in sorted(set(before) - wanted):
                push_unlink(stack, session, context.events, before[key], key[1])
            for urn, number in sorted(wanted - set(before)):
                push_link(stack, session, context.events, item.id, self._sheet.registration_of[urn], urn, number)
        except ServiceError as refused:
            stack.endMacro()
            stack.undo()  # what this save had done already is taken back: all or nothing
            self.problem.setText(sentence(refused))
            return False
        stack.endMacro()
        self.accept()
        return True


def open_register(context: WindowContext, learner_id: str) -> EvidenceRegister:
    register = EvidenceRegister(context, learner_id)
    register.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    register.show()
    return register


def attach_files(context: WindowContext, learner_id: str) -> QDialog:
    """Files for the open observation, else the latest item: its editor opens with the file dialog."""
    session = context.session
    target = session.observations.open_for(learner_id) or next(iter(reversed(session.evidence.register(learner_id))),
                                                               None)
    if target is None:
        register = open_register(context, learner_id)
        register.problem.setText("There is no evidence to attach files to yet: add an item first.")
        return register
    editor = EvidenceEditor(context, target.id)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.show()
    editor.attachments.choose_files()
    return editor
