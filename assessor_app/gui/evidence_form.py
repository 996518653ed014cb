"""The "Add evidence" form: one form for every kind, showing only the fields the chosen kind needs.

Witness testimony and professional discussion open it with their kind fixed (gui/witness_testimony.py,
gui/professional_discussion.py). Saving logs the item under the next Ref No, links the ACs ticked, takes the
signatures drawn and copies in the files dropped; undo removes the item again."""

from __future__ import annotations

from PySide6.QtCore import QDate, QTime, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QGridLayout,
                               QGroupBox, QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QScrollArea, QSpinBox, QSplitter, QTableWidget, QTableWidgetItem,
                               QTimeEdit, QVBoxLayout, QWidget)

from assessor_app.domain.evidence import (KINDS, OBSERVATION, PROFESSIONAL_DISCUSSION, QUESTIONING, REPORT,
                                          WITNESS_TESTIMONY, WORKPLACE_DOCUMENT, EvidenceItem)
from assessor_app.gui.signing import CaptionedPad, sign_with_pad
from assessor_app.gui.undo.evidence_commands import push_added_evidence
from assessor_app.gui.widgets.forms import problem_label, sentence
from assessor_app.gui.widgets.thumbnails import AttachmentStrip
from assessor_app.gui.widgets.tick_list import TickList
from assessor_app.gui.window_context import WindowContext
from assessor_app.services.session import ServiceError

# Which parts of the form each kind shows (everything else stays hidden).
SECTIONS = {
    "timed": {OBSERVATION, PROFESSIONAL_DISCUSSION, QUESTIONING},
    "witness": {WITNESS_TESTIMONY},
    "participants": {PROFESSIONAL_DISCUSSION},
    "topics": {PROFESSIONAL_DISCUSSION},
    "questions": {PROFESSIONAL_DISCUSSION, QUESTIONING, OBSERVATION},
    "word_count": {REPORT},
    "document": {WORKPLACE_DOCUMENT},
}
NARRATIVE_LINES = 6
NARRATIVE_LABELS = {WITNESS_TESTIMONY: "Witness's account", PROFESSIONAL_DISCUSSION: "Summary of the discussion"}


def name_controls(names: dict) -> None:
    """Give each control its accessible name (what a screen reader says for it)."""
    for control, name in names.items():
        control.setAccessibleName(name)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """A comfortable size, never larger than the screen (a 1366x768 laptop has room for 1300x700 or so)."""
    screen = window.screen().availableGeometry()
    window.resize(min(width, screen.width() - 40), min(height, screen.height() - 60))


def body_with_save(dialog: QDialog, body: QWidget, problem: QLabel, read_only: bool):
    """Lay out a form's body, its problem line and Save / Close (Save calls dialog.save); returns Save."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setEnabled(not read_only)
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body, 1)
    layout.addWidget(problem)
    layout.addWidget(buttons)
    return save


class QuestionTable(QTableWidget):
    """Questions asked and the learner's answers, one row each; the last row is always blank for the next."""

    def __init__(self, parent=None):
        super().__init__(1, 2, parent)
        self.setHorizontalHeaderLabels(["Question", "Learner's answer"])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.itemChanged.connect(self._keep_blank_row)

    def _keep_blank_row(self) -> None:
        last = self.rowCount() - 1
        if any(self.item(last, c) and self.item(last, c).text().strip() for c in range(2)):
            self.insertRow(self.rowCount())

    def add(self, question: str, answer: str = "") -> None:
        row = self.rowCount() - 1
        self.setItem(row, 0, QTableWidgetItem(question))
        self.setItem(row, 1, QTableWidgetItem(answer))

    def pairs(self) -> list[tuple[str, str]]:
        cells = [[(self.item(r, c).text().strip() if self.item(r, c) else "") for c in range(2)]
                 for r in range(self.rowCount())]
        return [(q, a) for q, a in cells if q or a]


class EvidenceForm(QDialog):
    def __init__(self, context: WindowContext, learner_id: str, kind: str | None = None):
        super().__init__(context.parent)
        self._context = context
        self._session = session = context.session
        self.learner_id = learner_id
        self.item: EvidenceItem | None = None
        self.learner_name = session.roster.learner(learner_id).name
        self.fixed_kind = kind
        self._sheet = session.observations.tick_sheet(learner_id)
        self._build(kind or OBSERVATION)
        self.setWindowTitle(f"{KINDS[kind].label if kind else 'Add evidence'} — {self.learner_name}")
        self.show_kind(kind or OBSERVATION)
        fit_to_screen(self, 1180, 760)

    # -- layout ----------------------------------------------------------------------------------------------
    def _build(self, kind: str) -> None:
        session = self._session
        self.kind = QComboBox()
        for spec in KINDS.values():
            self.kind.addItem(spec.label, spec.kind)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.kind.setEnabled(self.fixed_kind is None)
        self.kind.currentIndexChanged.connect(lambda: self.show_kind(self.kind.currentData()))
        self.ref = QLabel(f"<b>{session.evidence.next_ref(self.learner_id)}</b> (the next in the register)")
        self.date_edit = QDateEdit(QDate.currentDate(), calendarPopup=True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.title = QLineEdit()
        self.time_edit = QTimeEdit(QTime.currentTime())
        self.time_edit.setDisplayFormat("HH:mm")
        self.duration = QSpinBox(suffix=" min", maximum=24 * 60)
        self.location = QLineEdit()
        # Location has a line of its own: beside the time and duration it was squeezed to a few letters.
        timed = QWidget()
        timed_rows = QGridLayout(timed)
        timed_rows.setContentsMargins(0, 0, 0, 0)
        timed_rows.addWidget(QLabel("Time"), 0, 0)
        timed_rows.addWidget(self.time_edit, 0, 1)
        timed_rows.addWidget(QLabel("Duration"), 0, 2)
        timed_rows.addWidget(self.duration, 0, 3)
        timed_rows.setColumnStretch(4, 1)
        timed_rows.addWidget(QLabel("Location"), 1, 0)
        timed_rows.addWidget(self.location, 1, 1, 1, 4)

        self.witness = QComboBox()
        self.witness.addItem("New witness…", "")
        for person in session.people.people("witness"):
            self.witness.addItem(f"{person.name} — {person.job_title}".rstrip(" —"), person.id)
        self.witness.currentIndexChanged.connect(self._show_new_witness)
        self.witness_name, self.witness_job, self.witness_relationship = QLineEdit(), QLineEdit(), QLineEdit()
        self.witness_relationship.setPlaceholderText("e.g. line manager")
        self.expert = QCheckBox("Expert witness (occupationally competent in this area)")
        self.new_witness = QWidget()
        new_form = QFormLayout(self.new_witness)
        new_form.setContentsMargins(0, 0, 0, 0)
        new_form.addRow("Witness name", self.witness_name)
        new_form.addRow("Job title", self.witness_job)
        new_form.addRow("Relationship to the learner", self.witness_relationship)
        self.witness_pad = CaptionedPad("The witness signs here")
        witness_box = QGroupBox("Witness (goes onto the learner's contact sheet)")
        witness_layout = QVBoxLayout(witness_box)
        for part in (self.witness, self.new_witness, self.expert, self.witness_pad):
            witness_layout.addWidget(part)

        self.participants = QListWidget()
        self.participants.setMaximumHeight(90)
        for person in session.people.people():
            if person.role in ("assessor", "witness"):
                entry = QListWidgetItem(f"{person.name} ({person.role})")
                entry.setData(Qt.ItemDataRole.UserRole, person.id)
                entry.setCheckState(Qt.CheckState.Unchecked)
                self.participants.addItem(entry)
        self.topics = QLineEdit(placeholderText="Topics discussed, e.g. health and safety; handling complaints")
        self.questions = QuestionTable()
        self.word_count = QSpinBox(maximum=1_000_000)
        self.document_location = QLineEdit(placeholderText="Where the document is kept on site")
        self.document_relevance = QLineEdit(placeholderText="What it shows against the criteria")
        self.narrative = QPlainTextEdit()
        self.narrative.setTabChangesFocus(True)
        # A witness's account is a paragraph or two: room for six lines, where it had two once the witness box showed.
        self.narrative.setMinimumHeight(self.narrative.fontMetrics().lineSpacing() * NARRATIVE_LINES + 12)

        self.details = QFormLayout()
        self.details.addRow("Kind of evidence", self.kind)
        self.details.addRow("Evidence Ref No", self.ref)
        self.details.addRow("Date", self.date_edit)
        self.details.addRow("Title", self.title)
        self._rows = {"timed": timed, "participants": self.participants, "topics": self.topics,
                      "word_count": self.word_count, "document": self.document_location}
        self.details.addRow("When and where", timed)
        self.details.addRow("Participants", self.participants)
        self.details.addRow("Topics", self.topics)
        self.details.addRow("Word count", self.word_count)
        self.details.addRow("Document held at", self.document_location)
        self.details.addRow("Relevance", self.document_relevance)
        self.narrative_label = QLabel("Narrative")
        self.details.addRow(self.narrative_label, self.narrative)

        self.ticks = TickList()
        self.ticks.set_units(self._sheet.units, self._sheet.locked, self._sheet.other_refs)
        self.ticks.tick_requested.connect(self.ticks.set_tick)  # kept here until saved
        self.ticks.refused.connect(lambda reason: self.problem.setText(sentence(reason)))
        self.attachments = AttachmentStrip(self._context)
        self.attachments.failed.connect(lambda reason: self.problem.setText(sentence(reason)))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(self.details)
        left_layout.addWidget(witness_box)
        self.questions_box = QGroupBox("Questions and answers")
        QVBoxLayout(self.questions_box).addWidget(self.questions)
        left_layout.addWidget(self.questions_box)
        files_box = QGroupBox("Attachments (photos, documents, audio)")
        QVBoxLayout(files_box).addWidget(self.attachments)
        left_layout.addWidget(files_box)
        self.witness_box = witness_box
        ticks_box = QGroupBox("Criteria this evidence covers")
        QVBoxLayout(ticks_box).addWidget(self.ticks)
        scroll = QScrollArea()  # a witness form is taller than a 768-pixel laptop screen: it scrolls, never clips
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(left)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(scroll)
        split.addWidget(ticks_box)
        split.setSizes([560, 540])  # the criteria need room to be read

        self.problem = problem_label()
        self.save_button = body_with_save(self, split, self.problem, self._context.read_only)
        self._show_new_witness()
        name_controls({self.kind: "Kind of evidence", self.date_edit: "Evidence date", self.title: "Title",
                       self.time_edit: "Time", self.duration: "Duration in minutes", self.location: "Location",
                       self.witness: "Witness", self.witness_name: "Witness name", self.witness_job: "Job title",
                       self.witness_relationship: "Relationship to the learner", self.participants: "Participants",
                       self.topics: "Topics", self.questions: "Questions and answers", self.word_count: "Word count",
                       self.document_location: "Document held at", self.document_relevance: "Relevance",
                       self.narrative: "Narrative"})

    def show_kind(self, kind: str) -> None:
        """Only the fields `kind` needs are shown."""
        for name, widget in self._rows.items():
            self.details.setRowVisible(widget, kind in SECTIONS[name])
        self.details.setRowVisible(self.document_relevance, kind in SECTIONS["document"])
        self.witness_box.setVisible(kind in SECTIONS["witness"])
        self.questions_box.setVisible(kind in SECTIONS["questions"])
        self.narrative_label.setText(NARRATIVE_LABELS.get(kind, "Narrative"))

    def _show_new_witness(self) -> None:
        self.new_witness.setVisible(not self.witness.currentData())

    # -- saving ----------------------------------------------------------------------------------------------
    def fields(self, kind: str) -> dict:
        values = {"title": self.title.text(), "narrative": self.narrative.toPlainText()}
        if kind in SECTIONS["timed"]:
            values.update(time=self.time_edit.time().toString("HH:mm"), location=self.location.text(),
                          duration_minutes=self.duration.value() or None)
        if kind in SECTIONS["questions"]:
            values["questions"] = self.questions.pairs()
        if kind in SECTIONS["topics"]:
            values["topics"] = self.topics.text()
        if kind in SECTIONS["participants"]:
            values["person_ids"] = [self.participants.item(r).data(Qt.ItemDataRole.UserRole)
                                    for r in range(self.participants.count())
                                    if self.participants.item(r).checkState() == Qt.CheckState.Checked]
        if kind in SECTIONS["word_count"]:
            values["word_count"] = self.word_count.value()
        if kind in SECTIONS["document"]:
            values.update(document_location=self.document_location.text(),
                          document_relevance=self.document_relevance.text())
        if kind in SECTIONS["witness"]:
            values["expert_witness"] = self.expert.isChecked()
        return values

    def _witness_id(self) -> str:
        """The chosen witness, or the one typed in, added to the records now."""
        if self.witness.currentData():
            return self.witness.currentData()
        person, changes = self._session.people.add("witness", self.witness_name.text(),
                                                   job_title=self.witness_job.text(),
                                                   relationship=self.witness_relationship.text())
        self._context.announce(changes)
        self.witness.addItem(person.name, person.id)
        self.witness.setCurrentIndex(self.witness.count() - 1)
        return person.id

    def save(self) -> EvidenceItem | None:
        kind = self.kind.currentData()
        session, context = self._session, self._context
        try:
            values = self.fields(kind)
            if kind == WITNESS_TESTIMONY:
                values["person_ids"] = [self._witness_id()]
            item, changes = session.evidence.add(self.learner_id, kind, self.date_edit.date().toString("yyyy-MM-dd"),
                                                 **values)
        except ServiceError as refused:
            self.problem.setText(sentence(refused))
            return None
        push_added_evidence(context.undo_stack, session, context.events, item, changes)
        self.item = item
        try:
            self._link_and_sign(item)
        except ServiceError as refused:
            self.problem.setText(sentence(f"{item.ref} is saved, but: {refused}"))
            return item
        self.attachments.attach_pending(item.id)
        self.attachments.wait()
        self.accept()
        return item

    def _link_and_sign(self, item: EvidenceItem) -> None:
        by_unit: dict[str, list[str]] = {}
        for urn, number in sorted(self.ticks.ticked()):
            by_unit.setdefault(urn, []).append(number)
        for urn, numbers in by_unit.items():
            self._context.announce(self._session.mapping.link(item.id, self._sheet.registration_of[urn], urn,
                                                              numbers)[1])
        if item.kind == WITNESS_TESTIMONY:
            self._context.announce(sign_with_pad(self._session, item.id, item.person_ids[0], self.witness_pad.pad))


def open_evidence_form(context: WindowContext, learner_id: str, kind: str | None = None) -> EvidenceForm:
    form = EvidenceForm(context, learner_id, kind)
    form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    form.show()
    return form
