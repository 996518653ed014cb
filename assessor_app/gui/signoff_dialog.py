"""Sign a unit off: coverage and what is missing, the digest signed, PIN No confirmed, signature and date stamped;
then the unit shows locked, and can be reopened from here with a reason (audited)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout)

from assessor_app.domain.records import uk_date
from assessor_app.gui.widgets.forms import problem_label, sentence
from assessor_app.gui.window_context import WindowContext
from assessor_app.services.session import ServiceError


def signature_pixmap(context: WindowContext, sha256: str | None, height: int = 60) -> QPixmap | None:
    if not sha256:
        return None
    try:
        pixmap = QPixmap()
        pixmap.loadFromData(context.session.blobs.read_bytes(sha256))
    except OSError:
        return None
    return None if pixmap.isNull() else pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)


def shown_fingerprint(digest: str) -> str:
    """The start of the evidence digest, as an assessor reads it: the "v2:" of the digest's version is left off."""
    return digest.rpartition(":")[2][:12] + "…"


class SignOffDialog(QDialog):
    def __init__(self, context: WindowContext, registration_id: str, unit_urn: str):
        super().__init__(context.parent)
        self._context = context
        self.registration_id, self.unit_urn = registration_id, unit_urn
        session = context.session
        self.record = session.progress.unit_record(registration_id, unit_urn)
        self.setWindowTitle(f"Sign off {self.record.unit.name}: {self.record.unit.title}")
        self.coverage = QLabel()
        self.coverage.setWordWrap(True)
        self.missing = problem_label()
        self.digest = QLabel()
        self.digest.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.digest.setToolTip("The fingerprint of the evidence state you sign; printed with the sign-off")
        self.signer = session.profile.current()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName("Your PIN No, to confirm")
        self.signed_on = QDateEdit(QDate.currentDate())
        self.signed_on.setCalendarPopup(True)
        self.signed_on.setDisplayFormat("dd/MM/yyyy")
        self.signed_on.setAccessibleName("Sign-off date")
        self.signed_on.dateChanged.connect(lambda _d: self.refresh())
        self.signature = QLabel()
        self.signature.setAccessibleName("Your signature")
        self.sign_button = QPushButton("&Sign off")
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self.sign)
        sign_box = QGroupBox("ASSESSOR SIGNATURE / PIN NO / DATE")
        sign_form = QFormLayout(sign_box)
        sign_form.addRow("Assessor:", QLabel(self.signer.name if self.signer else "no profile yet"))
        sign_form.addRow("Signature:", self.signature)
        sign_form.addRow("Confirm your &PIN No:", self.pin)
        sign_form.addRow("&Date:", self.signed_on)
        sign_form.addRow("", self.sign_button)
        self.locked = QLabel()
        self.locked.setObjectName("locked")
        self.locked.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for reopening")
        self.reason.setPlaceholderText("Why the unit must change (kept with the sign-off and in the audit trail)")
        self.reopen_button = QPushButton("&Reopen with this reason")
        self.reopen_button.clicked.connect(self.reopen)
        self.reopen_box = QGroupBox("Reopen the unit")
        reopen_form = QFormLayout(self.reopen_box)
        reopen_form.addRow("&Reason:", self.reason)
        reopen_form.addRow("", self.reopen_button)
        self.problem = problem_label()
        self.sign_box = sign_box
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Learner Name:", QLabel(self.record.learner_name))
        # The unit is said in the dialog itself: a title bar is cut short on a small screen, and not in a picture.
        form.addRow("Unit:", QLabel(f"{self.record.unit.name}: {self.record.unit.title}"))
        form.addRow("Coverage:", self.coverage)
        form.addRow("Evidence fingerprint:", self.digest)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.missing)
        layout.addWidget(self.locked)
        layout.addWidget(sign_box)
        layout.addWidget(self.reopen_box)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(680, 520)
        self.refresh()

    def _date(self) -> str:
        return self.signed_on.date().toString("yyyy-MM-dd")

    def refresh(self) -> None:
        session = self._context.session
        self.record = session.progress.unit_record(self.registration_id, self.unit_urn)
        record = self.record
        self.coverage.setText(f"{record.met_count} of {len(record.rows)} criteria covered by evidence")
        self.digest.setText(shown_fingerprint(session.signoffs.current_digest(self.registration_id, self.unit_urn)))
        signed = record.signed
        self.sign_box.setVisible(not signed)
        self.reopen_box.setVisible(signed and not self._context.read_only)
        self.locked.setVisible(signed)
        if signed:
            signoff = record.signoff
            self.locked.setText(f"Locked: signed off by {signoff.assessor_name} (PIN No {signoff.pin_no}) on "
                                f"{uk_date(signoff.signed_on)}. Its evidence, ticks and dates "
                                f"cannot change until it is reopened with a reason.")
            self.missing.setText("")
            self.missing.hide()
            return
        problems = session.signoffs.problems(self.registration_id, self.unit_urn, self._date())
        self.missing.setText("Not ready to sign:\n• " + "\n• ".join(problems) if problems else "")
        self.missing.setVisible(bool(problems))
        pixmap = signature_pixmap(self._context, self.signer.signature_sha256 if self.signer else None)
        if pixmap is not None:
            self.signature.setPixmap(pixmap)
        else:
            self.signature.setText("no signature on your profile")
        self.sign_button.setEnabled(self.signer is not None and not self._context.read_only)

    def sign(self) -> bool:
        session = self._context.session
        if self.signer is None:
            self.problem.setText("Make your assessor profile first (it is asked for when the window first opens).")
            return False
        if not session.profile.check_pin(self.pin.text()):
            self.problem.setText("That is not your PIN No: type the PIN No printed on your sign-offs.")
            return False
        try:
            _, changes = session.signoffs.sign(self.registration_id, self.unit_urn, self.signer.id, self._date(),
                                               self.pin.text().strip())
        except ServiceError as refused:
            self.problem.setText(f"Refused: {refused}.")
            self.refresh()
            return False
        self.problem.setText("")
        self.pin.clear()  # reopened from here, the unit is signed again only with the PIN No typed again
        self._context.announce(changes)
        self.refresh()
        return True

    def reopen(self) -> bool:
        try:
            _, changes = self._context.session.signoffs.reopen(self.registration_id, self.unit_urn,
                                                              self.reason.text(), date.today().isoformat())
        except ServiceError as refused:
            self.problem.setText(sentence(refused))
            return False
        self.problem.setText("Reopened: the unit can be changed, then signed off again.")
        self.reason.clear()
        self._context.announce(changes)
        self.refresh()
        return True
