"""One evidence item opened from the unit page: its details, and its narrative written up after the visit."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit

from assessor_app.domain.records import uk_date
from assessor_app.gui.widgets.forms import accept_with, problem_label, sentence, stack
from assessor_app.gui.window_context import WindowContext
from assessor_app.services.session import ServiceError


class EvidenceView(QDialog):
    def __init__(self, context: WindowContext, evidence_id: str):
        super().__init__(context.parent)
        self._context = context
        self.evidence_id = evidence_id
        item = context.session.evidence.item(evidence_id)
        self.setWindowTitle(f"Evidence {item.ref}")
        form = QFormLayout()
        form.addRow("Evidence Ref No:", QLabel(item.ref))
        form.addRow("Kind:", QLabel(item.kind.replace("_", " ").capitalize()))
        form.addRow("Date:", QLabel(uk_date(item.date)))
        if item.title:
            form.addRow("Title:", QLabel(item.title))
        self.narrative = QPlainTextEdit(item.narrative)
        self.narrative.setAccessibleName("Narrative")
        self.narrative.setTabChangesFocus(True)
        self.narrative.setPlaceholderText("What you saw, heard or read that meets the criteria")
        form.addRow("&Narrative:", self.narrative)
        self.problem = problem_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(not context.read_only)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        stack(self, form, self.problem, buttons, width=600, height=380)

    def save(self) -> bool:
        try:
            _, changes = self._context.session.evidence.update(self.evidence_id,
                                                               narrative=self.narrative.toPlainText())
        except ServiceError as refused:
            self.problem.setText(sentence(refused))
            return False
        return accept_with(self, self._context, changes)
