"""Register a learner on a qualification (its mandatory units to start with), then choose units with Ctrl+U."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel

from assessor_app.gui.widgets.forms import accept_with, problem_label, sentence, stack
from assessor_app.gui.window_context import WindowContext
from assessor_app.services.learners import starting_units
from assessor_app.services.session import ServiceError


class RegisterDialog(QDialog):
    def __init__(self, context: WindowContext, learner_id: str):
        super().__init__(context.parent)
        self._context = context
        self.learner_id = learner_id
        self.registration_id = ""
        session = context.session
        learner = session.roster.learner(learner_id)
        self.setWindowTitle(f"Register {learner.name} on a qualification")
        self.qualification = QComboBox()
        self.qualification.setAccessibleName("Qualification")
        taken = {r.qualification_number for r in session.roster.registrations(learner_id)}
        for qualification in session.catalogue.listing():
            if qualification.number not in taken:
                self.qualification.addItem(f"{qualification.number}  {qualification.title}", qualification.number)
        note = QLabel("The mandatory units are chosen to start with; the window then asks for the optional units "
                      "(Learner ▸ Choose units, Ctrl+U).")
        note.setWordWrap(True)
        self.problem = problem_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.register_button = buttons.addButton("&Register and choose units…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.register_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Learner Name:", QLabel(learner.name))  # said here too: a title bar may be cut short
        form.addRow("&Qualification:", self.qualification)
        stack(self, form, note, self.problem, buttons, width=640, height=200)

    def choose(self, number: str) -> None:
        self.qualification.setCurrentIndex(self.qualification.findData(number))

    def save(self) -> bool:
        number = self.qualification.currentData()
        if not number:
            self.problem.setText("Choose a qualification.")
            return False
        roster = self._context.session.roster
        try:
            registration, changes = roster.register(self.learner_id, number,
                                                    starting_units(self._context.session.catalogue.get(number)),
                                                    allow_incomplete=True)
        except ServiceError as refused:
            self.problem.setText(sentence(refused))
            return False
        self.registration_id = registration.id
        return accept_with(self, self._context, changes)
