"""Signing an evidence item's form with what was drawn on a signature pad, and the finish-signatures panel."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from assessor_app.domain.changes import Changes
from assessor_app.domain.evidence import LEARNER
from assessor_app.gui.widgets.signature_pad import SignaturePad
from assessor_app.services.session import Session


class CaptionedPad(QWidget):
    """A signature pad with who signs above it and a Clear button to draw it again."""

    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.pad = SignaturePad()
        self.caption = QLabel(caption)
        clear = QPushButton("Clear")
        clear.setAutoDefault(False)
        clear.clicked.connect(self.pad.clear)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.pad)


def sign_with_pad(session: Session, evidence_id: str, signer: str, pad: SignaturePad,
                  signed_on: str | None = None) -> Changes:
    """`signer` (a person id or "learner") signs with the pad's drawing; nothing happens for an empty pad."""
    if pad.is_empty():
        return Changes()
    with tempfile.TemporaryDirectory() as folder:
        image = pad.save_png(Path(folder) / "signature.png")
        return session.evidence.sign(evidence_id, signer, signed_on or date.today().isoformat(), image)[1]


class FormSignatures(QWidget):
    """The learner's and the assessor's signatures on a form, each optional (a blank pad signs nothing)."""

    def __init__(self, session: Session, learner_name: str, parent=None):
        super().__init__(parent)
        self._session = session
        self.learner_pad = CaptionedPad(f"Learner: {learner_name} signs here")
        self.assessor = QComboBox()
        for person in session.people.people("assessor"):
            self.assessor.addItem(person.name, person.id)
        me = session.profile.current()
        if me is not None:
            self.assessor.setCurrentIndex(max(self.assessor.findData(me.id), 0))
        self.assessor_pad = CaptionedPad("Assessor signs here")
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.learner_pad)
        layout.addRow("Assessor", self.assessor)
        layout.addRow(self.assessor_pad)

    def sign(self, evidence_id: str) -> Changes:
        changes = sign_with_pad(self._session, evidence_id, LEARNER, self.learner_pad.pad)
        if self.assessor.currentData():
            changes = changes | sign_with_pad(self._session, evidence_id, self.assessor.currentData(),
                                              self.assessor_pad.pad)
        return changes
