"""The IV samples a signed-off unit: decision (agreed / referred back with actions), feedback, drawn countersignature."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QRadioButton)

from assessor_app.domain.changes import Changes
from assessor_app.domain.people import IV
from assessor_app.domain.records import uk_date
from assessor_app.domain.signoff import AGREED, DECISIONS, REFERRED_BACK
from assessor_app.gui.first_run import save_signature
from assessor_app.gui.widgets.forms import problem_label, sentence, stack
from assessor_app.gui.widgets.signature_pad import SignaturePad
from assessor_app.gui.window_context import WindowContext
from assessor_app.services.session import ServiceError

NEW_IV = ""


class IvSampleDialog(QDialog):
    def __init__(self, context: WindowContext, registration_id: str, unit_urn: str):
        super().__init__(context.parent)
        self._context = context
        self.registration_id, self.unit_urn = registration_id, unit_urn
        session = context.session
        record = session.progress.unit_record(registration_id, unit_urn)
        self.setWindowTitle(f"IV sample: {record.unit.name} of {record.learner_name}")
        signoff = record.signoff if record.signed else None
        signed = (f"Signed off by {signoff.assessor_name} (PIN No {signoff.pin_no}) on {uk_date(signoff.signed_on)}"
                  if signoff else "Not signed off: an IV samples signed-off units.")
        self.history = QLabel(self._history_text())
        self.history.setWordWrap(True)
        self.iv = QComboBox()
        self.iv.setAccessibleName("Internal verifier")
        for person in session.people.people(IV):
            self.iv.addItem(person.name, person.id)
        self.iv.addItem("New IV…", NEW_IV)
        self.new_name = QLineEdit(placeholderText="The new IV's name")
        self.new_name.setAccessibleName("New IV's name")
        self.iv.currentIndexChanged.connect(lambda _i: self.new_name.setVisible(self.iv.currentData() == NEW_IV))
        self.new_name.setVisible(self.iv.currentData() == NEW_IV)
        self.decisions = QButtonGroup(self)
        decision_row = QHBoxLayout()
        self.decision_buttons = {}
        for value, text in DECISIONS.items():
            button = QRadioButton(text)
            button.setAccessibleName(f"Decision: {text}")
            self.decisions.addButton(button)
            self.decision_buttons[value] = button
            decision_row.addWidget(button)
        decision_row.addStretch(1)
        self.decision_buttons[AGREED].setChecked(True)
        self.actions_text = QPlainTextEdit()
        self.actions_text.setAccessibleName("Actions for the assessor")
        self.actions_text.setPlaceholderText("What the assessor must do (needed when referred back)")
        self.actions_text.setTabChangesFocus(True)
        self.actions_text.setFixedHeight(60)
        self.feedback = QPlainTextEdit()
        self.feedback.setAccessibleName("Feedback")
        self.feedback.setTabChangesFocus(True)
        self.feedback.setFixedHeight(70)
        self.sampled_on = QDateEdit(QDate.currentDate())
        self.sampled_on.setCalendarPopup(True)
        self.sampled_on.setDisplayFormat("dd/MM/yyyy")
        self.sampled_on.setAccessibleName("Sampling date")
        self.pad = SignaturePad()
        self.pad.setAccessibleName("IV countersignature")
        clear = QPushButton("C&lear signature")
        clear.clicked.connect(self.pad.clear)
        form = QFormLayout()
        form.addRow("Learner Name:", QLabel(record.learner_name))  # said here too: a title bar may be cut short
        form.addRow("Unit:", QLabel(f"{record.unit.name}: {record.unit.title}"))
        form.addRow("Sign-off:", QLabel(signed))
        form.addRow("Earlier samples:", self.history)
        form.addRow("&IV:", self.iv)
        form.addRow("", self.new_name)
        form.addRow("Decision:", decision_row)
        form.addRow("&Actions:", self.actions_text)
        form.addRow("&Feedback:", self.feedback)
        form.addRow("&Date:", self.sampled_on)
        form.addRow("Countersignature:", self.pad)
        form.addRow("", clear)
        self.problem = problem_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton("&Record and countersign", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setEnabled(signoff is not None and not context.read_only)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        stack(self, form, self.problem, buttons, width=700, height=640)

    def _history_text(self) -> str:
        samples = self._context.session.signoffs.iv_samples(self.registration_id, self.unit_urn)
        return "\n".join(f"{uk_date(s.sampled_on)} {s.iv_name}: {DECISIONS[s.decision]}"
                         + (f" (actions: {s.actions})" if s.actions else "") for s in samples) or "none"

    def decision(self) -> str:
        return next(value for value, button in self.decision_buttons.items() if button.isChecked())

    def save(self) -> bool:
        if self.pad.is_empty():
            self.problem.setText("The IV countersigns: draw the signature in the box.")
            return False
        if self.decision() == REFERRED_BACK and not self.actions_text.toPlainText().strip():
            self.problem.setText("A unit referred back needs the actions the assessor must take.")
            return False
        session = self._context.session
        when = self.sampled_on.date().toString("yyyy-MM-dd")
        changes = Changes()
        try:
            with tempfile.TemporaryDirectory() as scratch:
                signature = save_signature(self.pad, Path(scratch))
                if self.iv.currentData() == NEW_IV:
                    iv, made = session.people.add(IV, self.new_name.text(), signature=signature)
                else:
                    iv, made = session.people.update(self.iv.currentData(), signature=signature)
            changes = changes | made
            sample, made = session.signoffs.sample(self.registration_id, self.unit_urn, iv.id, when, self.decision(),
                                                   self.feedback.toPlainText(), self.actions_text.toPlainText())
            changes = changes | made
            _, made = session.signoffs.countersign(sample.id, when)
            changes = changes | made
        except ServiceError as refused:
            self.problem.setText(sentence(refused))
            self._context.announce(changes)
            return False
        self._context.announce(changes)
        self.accept()
        return True
