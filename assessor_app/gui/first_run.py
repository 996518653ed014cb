"""The guided start on an empty data folder: the assessor's profile (name, PIN No, drawn signature), then learners."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton)

from assessor_app.gui.widgets.forms import problem_label, sentence, stack
from assessor_app.gui.widgets.signature_pad import SignaturePad
from assessor_app.gui.window_context import WindowContext
from assessor_app.services.session import ServiceError

ADD, IMPORT, LATER = "add", "import", "later"


def save_signature(pad: SignaturePad, folder: Path) -> Path:
    """The pad's PNG in `folder`, for a service to store by content."""
    return pad.save_png(folder / "signature.png")


class FirstRunDialog(QDialog):
    """Made once: afterwards the window opens straight on the learner list."""

    def __init__(self, context: WindowContext):
        super().__init__(context.parent)
        self._context = context
        self.next_step = LATER
        self.setWindowTitle("Welcome to assessor-app")
        intro = QLabel("First, who signs the records made here. Your name, PIN No and signature are printed on "
                       "every unit you sign off, as on the paper Learner Assessment Record.")
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setAccessibleName("Your name")
        self.pin = QLineEdit()
        self.pin.setAccessibleName("PIN No")
        self.pin.setToolTip("Your assessor PIN No as printed on the record")
        self.pad = SignaturePad()
        clear = QPushButton("C&lear signature")
        clear.clicked.connect(self.pad.clear)
        load = QPushButton("Load from &image…")
        load.clicked.connect(self._load_image)
        pad_buttons = QHBoxLayout()
        pad_buttons.addWidget(clear)
        pad_buttons.addWidget(load)
        pad_buttons.addStretch(1)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&PIN No:", self.pin)
        form.addRow("Signature:", self.pad)
        form.addRow("", pad_buttons)
        self.problem = problem_label()
        self.buttons = QDialogButtonBox()
        self.add_button = self.buttons.addButton("Save and &add a learner", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button = self.buttons.addButton("Save and i&mport learners…",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button = self.buttons.addButton("&Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.clicked.connect(lambda: self.save(ADD))
        self.import_button.clicked.connect(lambda: self.save(IMPORT))
        self.save_button.clicked.connect(lambda: self.save(LATER))
        stack(self, intro, form, self.problem, self.buttons, width=620, height=440)
        self.setTabOrder(self.name, self.pin)
        self.setTabOrder(self.pin, self.pad)

    def _load_image(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Load your signature", str(Path.home()),
                                                "Images (*.png *.jpg *.jpeg *.bmp *.gif)")
        if chosen and not self.pad.load_image(Path(chosen)):
            self.problem.setText(f"{Path(chosen).name} is not an image this app can read.")

    def save(self, next_step: str) -> bool:
        if not self.name.text().strip():
            self.problem.setText("Enter your name.")
            return False
        if self.pad.is_empty():
            self.problem.setText("Draw your signature in the box (mouse, pen or finger), or load it from an image.")
            return False
        with tempfile.TemporaryDirectory() as scratch:
            try:
                _, changes = self._context.session.profile.create(self.name.text(), self.pin.text(),
                                                                  save_signature(self.pad, Path(scratch)))
            except ServiceError as refused:
                self.problem.setText(sentence(refused))
                return False
        self._context.announce(changes)
        self.next_step = next_step
        self.accept()
        return True
