"""Add or edit a learner: every CONTACT SHEET field, and the witnesses, assessors and IV on their contact sheet."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QVBoxLayout)

from assessor_app.domain.changes import Changes
from assessor_app.domain.people import ROLES, WITNESS
from assessor_app.domain.records import CONTACT_SHEET_FIELDS
from assessor_app.gui.widgets.forms import accept_with, problem_label, sentence, stack
from assessor_app.gui.window_context import WindowContext
from assessor_app.services.session import ServiceError

MULTILINE = {"address", "employer_name_address"}


class LearnerForm(QDialog):
    """`learner_id` "" adds a learner; saving stores the learner and then the contact-sheet people chosen."""

    def __init__(self, context: WindowContext, learner_id: str = ""):
        super().__init__(context.parent)
        self._context = context
        self.learner_id = learner_id
        session = context.session
        learner = session.roster.learner(learner_id) if learner_id else None
        self.setWindowTitle(f"Edit {learner.name}" if learner else "New learner")
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        for name, label in CONTACT_SHEET_FIELDS:
            editor = QPlainTextEdit() if name in MULTILINE else QLineEdit()
            if name in MULTILINE:
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(54)
            editor.setAccessibleName(label.rstrip(":"))
            value = getattr(learner, name) if learner else ""
            editor.setPlainText(value) if name in MULTILINE else editor.setText(value)
            self.fields[name] = editor
            form.addRow(label.replace("&", "&&"), editor)  # "Name & Address" is text, not a mnemonic
        self.pending: list[tuple[str, dict]] = []  # ("existing", {"id"}) or ("new", person fields)
        self.contacts = QListWidget()
        self.contacts.setAccessibleName("Contact sheet people")
        for person in session.people.contacts(learner_id) if learner_id else []:
            self.contacts.addItem(f"{ROLES[person.role]}: {person.name}")
        self.existing = QComboBox()
        self.existing.setAccessibleName("Existing person")
        for person in session.people.people():
            self.existing.addItem(f"{person.name} ({ROLES[person.role]})", person.id)
        add_existing = QPushButton("Add &existing")
        add_existing.clicked.connect(self._add_existing)
        self.new_role = QComboBox()
        self.new_role.setAccessibleName("Role of the new person")
        for role, text in ROLES.items():
            self.new_role.addItem(text, role)
        self.new_name = QLineEdit(placeholderText="Name")
        self.new_name.setAccessibleName("Name of the new person")
        self.new_job = QLineEdit(placeholderText="Job title (witness)")
        self.new_job.setAccessibleName("Job title")
        # Short enough to read whole in its box at 1366x768; the tooltip says it in full.
        self.new_relationship = QLineEdit(placeholderText="Relationship (witness)")
        self.new_relationship.setToolTip("The witness's relationship to the learner, e.g. line manager")
        self.new_relationship.setAccessibleName("Relationship to the learner")
        add_new = QPushButton("Add &new person")
        add_new.clicked.connect(self._add_new)
        existing_row = QHBoxLayout()
        existing_row.addWidget(self.existing, 1)
        existing_row.addWidget(add_existing)
        new_row = QHBoxLayout()
        for widget in (self.new_role, self.new_name, self.new_job, self.new_relationship):
            new_row.addWidget(widget)
        new_row.addWidget(add_new)
        people_box = QGroupBox("Witnesses, assessors and IV on the contact sheet")
        people_layout = QVBoxLayout(people_box)
        people_layout.addWidget(self.contacts)
        people_layout.addLayout(existing_row)
        people_layout.addLayout(new_row)
        self.problem = problem_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        stack(self, form, people_box, self.problem, buttons, width=720, height=640)

    def value(self, name: str) -> str:
        editor = self.fields[name]
        return editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()

    def _add_existing(self) -> None:
        if self.existing.currentData():
            self.pending.append(("existing", {"id": self.existing.currentData()}))
            self.contacts.addItem(self.existing.currentText())

    def _add_new(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            self.problem.setText("Give the new person a name.")
            return
        role = self.new_role.currentData()
        fields = {"role": role, "name": name}
        if role == WITNESS:
            fields.update(job_title=self.new_job.text().strip(), relationship=self.new_relationship.text().strip())
        self.pending.append(("new", fields))
        self.contacts.addItem(f"{ROLES[role]}: {name}")
        for editor in (self.new_name, self.new_job, self.new_relationship):
            editor.clear()

    def save(self) -> bool:
        roster, people = self._context.session.roster, self._context.session.people
        values = {name: self.value(name) for name, _ in CONTACT_SHEET_FIELDS}
        try:
            if self.learner_id:
                _, changes = roster.update(self.learner_id, **values)
            else:
                name, number = values.pop("name"), values.pop("registration_no")
                learner, changes = roster.add(name, number, **values)
                self.learner_id = learner.id
            changes = changes | self._save_contacts(people)
        except ServiceError as refused:
            self.problem.setText(sentence(refused))
            return False
        return accept_with(self, self._context, changes)

    def _save_contacts(self, people) -> Changes:
        changes = Changes()
        while self.pending:
            kind, fields = self.pending[0]
            if kind == "new":
                fields = dict(fields)
                person, made = people.add(fields.pop("role"), fields.pop("name"), **fields)
                changes = changes | made
                person_id = person.id
            else:
                person_id = fields["id"]
            changes = changes | people.add_contact(self.learner_id, person_id)
            self.pending.pop(0)  # a refusal further on leaves only the rest pending, never doubled
        return changes
