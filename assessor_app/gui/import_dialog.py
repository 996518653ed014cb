"""Import learners from a centre's CSV export: the learners added, and every refused row listed with its reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QPushButton, QVBoxLayout)

from assessor_app.gui.background import BackgroundTask, run_with_progress
from assessor_app.gui.window_context import WindowContext

ENCODINGS = (("utf-8", "UTF-8 (most exports)"), ("cp1252", "Windows (Excel's plain CSV)"), ("latin-1", "Latin-1"))


class ImportDialog(QDialog):
    def __init__(self, context: WindowContext):
        super().__init__(context.parent)
        self._context = context
        self.report = None
        self.setWindowTitle("Import learners from CSV")
        self.path = QLineEdit()
        self.path.setAccessibleName("CSV file")
        browse = QPushButton("&Choose…")
        browse.clicked.connect(self._choose)
        self.encoding = QComboBox()
        self.encoding.setAccessibleName("Text encoding")
        for value, text in ENCODINGS:
            self.encoding.addItem(text, value)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("CSV file:", where)
        form.addRow("&Encoding:", self.encoding)
        self.summary = QLabel("One learner per row; the first row names the columns (Learner Name, Learner "
                              "Registration No, …).")
        self.summary.setWordWrap(True)
        self.refused = QListWidget()
        self.refused.setAccessibleName("Refused rows")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.clicked.connect(lambda: self.run())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Rows refused:"))
        layout.addWidget(self.refused, 1)
        layout.addWidget(buttons)
        self.resize(640, 460)

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Import learners", str(Path.home()), "CSV files (*.csv)")
        if chosen:
            self.path.setText(chosen)

    def run(self, path: Path | None = None) -> BackgroundTask:
        """Import on a worker thread behind a progress dialog; the report (or the reason for none) shows here."""
        source = Path(path or self.path.text()).expanduser()
        self.refused.clear()
        self.report = None
        self.import_button.setEnabled(False)
        roster, encoding = self._context.session.roster, self.encoding.currentData()
        self.task = run_with_progress(self, "Import learners", f"Importing {source.name}…",
                                      lambda _progress: roster.import_csv_on_own_connection(source, encoding=encoding),
                                      self._show, show_errors=False)
        self.task.failed.connect(self._failed)
        return self.task

    def _failed(self, message: str) -> None:
        self.import_button.setEnabled(True)
        self.summary.setText(f"Nothing imported: {message}")

    def _show(self, outcome) -> None:
        report, changes = outcome
        self.import_button.setEnabled(True)
        self.report = report
        self.summary.setText(report.summary() + "." + "".join(f"\nNote: {n}" for n in report.notes))
        for row in report.refused:
            self.refused.addItem(str(row))
        if not report.refused:
            self.refused.addItem("none")
        self._context.announce(changes)
