"""Sync with a folder (stick, share, file-sync service): progress and cancel, then what arrived and what needs you."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QMessageBox, QPlainTextEdit, QProgressBar, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from assessor_app.gui.background import WorkerThread
from assessor_app.services.context import ServiceError
from assessor_app.services.sync import PLAIN_WARNING, SyncCancelled, describe_amendment

STAGES = {"reading": "Reading other devices' bundles", "attachments": "Fetching attachments",
          "sending": "Writing this laptop's changes"}


class SyncThread(WorkerThread):
    """The sync off the GUI thread (the dialog is modal meanwhile, so nothing else touches the records)."""

    progressed = Signal(str, int, int)
    failed = Signal(str)

    def __init__(self, session, folder: Path, passphrase: str | None, plain: bool, parent=None):
        super().__init__(parent)
        self.session, self.folder, self.passphrase, self.plain = session, folder, passphrase, plain
        self.report = self.changes = None
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            self.report, self.changes = self.session.sync.sync(
                self.folder, self.passphrase, plain=self.plain, cancelled=lambda: self._cancel,
                progress=lambda stage, done, total: self.progressed.emit(stage, done, total))
        except (ServiceError, SyncCancelled, OSError) as problem:
            self.failed.emit(str(problem))


class SyncDialog(QDialog):
    def __init__(self, session, events, learner_id: str | None = None, parent=None):
        super().__init__(parent)
        self.session, self.events, self.learner_id = session, events, learner_id
        self.thread: SyncThread | None = None
        self.setWindowTitle("Sync with a folder")
        # Modal: the sync runs on this session's connection, so the window waits until the dialog closes.
        self.setModal(True)
        self.resize(760, 560)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText("the USB stick, shared drive or synced folder")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("the centre passphrase")
        self.plain = QCheckBox("No passphrase: write plain files")
        self.plain.toggled.connect(self._plain_toggled)
        self.warning = QLabel(f"Warning: {PLAIN_WARNING}.")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a33;")
        self.warning.setVisible(False)
        form = QFormLayout()
        form.addRow("Folder", row)
        form.addRow("Passphrase", self.passphrase)
        form.addRow("", self.plain)
        form.addRow("", self.warning)
        self.stage = QLabel(f"{session.sync.pending()} change(s) made here wait to be sent.")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.start = QPushButton("Sync")
        self.start.setDefault(True)
        self.start.clicked.connect(self.run_sync)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self._cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.start)
        buttons.addWidget(self.cancel_button)
        self.tabs = QTabWidget()
        self.summary = QPlainTextEdit(readOnly=True)
        self.summary.setPlaceholderText("What was sent, what arrived and what was set aside appears here.")
        self.tabs.addTab(self.summary, "Summary")
        self.tabs.addTab(self._needs_tab(), "Needs you")
        self.history = QPlainTextEdit(readOnly=True)
        self.tabs.addTab(self.history, "Values replaced by later edits")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.stage)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        self.refresh_needs()
        self.refresh_history()

    def _needs_tab(self) -> QWidget:
        tab = QWidget()
        self.requests = QListWidget()
        accept = QPushButton("Reopen the unit and apply")
        accept.clicked.connect(lambda: self.resolve_selected(True))
        dismiss = QPushButton("Keep the signed-off record")
        dismiss.clicked.connect(lambda: self.resolve_selected(False))
        self.duplicates = QListWidget()
        merge = QPushButton("Merge into the first (nothing is lost)")
        merge.clicked.connect(self.merge_selected)
        row, dup_row = QHBoxLayout(), QHBoxLayout()
        row.addStretch(1)
        row.addWidget(accept)
        row.addWidget(dismiss)
        dup_row.addStretch(1)
        dup_row.addWidget(merge)
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel("Changes to signed-off units made on another laptop (amendment requests):"))
        layout.addWidget(self.requests, 2)
        layout.addLayout(row)
        layout.addWidget(QLabel("Possible duplicate learners (same Registration No added on two laptops):"))
        layout.addWidget(self.duplicates, 1)
        layout.addLayout(dup_row)
        return tab

    # -- running ---------------------------------------------------------------------------------------------
    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Sync folder", self.folder.text() or str(Path.home()))
        if chosen:
            self.folder.setText(chosen)

    def _plain_toggled(self, plain: bool) -> None:
        self.warning.setVisible(plain)
        self.passphrase.setEnabled(not plain)

    def run_sync(self) -> None:
        if not self.folder.text().strip():
            QMessageBox.information(self, "Sync", "Choose the sync folder first.")
            return
        passphrase = None if self.plain.isChecked() else (self.passphrase.text() or None)
        self.thread = SyncThread(self.session, Path(self.folder.text().strip()), passphrase, self.plain.isChecked(),
                                 self)
        self.thread.progressed.connect(self._progressed)
        self.thread.failed.connect(self._failed)
        self.thread.finished.connect(self._finished)
        self.start.setEnabled(False)
        self.stage.setText("Starting…")
        self.progress.setRange(0, 0)
        self.thread.start()

    def _progressed(self, stage: str, done: int, total: int) -> None:
        if self.thread is None:  # a late signal from a sync already summarised
            return
        self.stage.setText(f"{STAGES.get(stage, stage)}: {done} of {total}")
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _failed(self, message: str) -> None:
        self.summary.setPlainText(f"Not synced: {message}")
        self.stage.setText("Not synced.")

    def _finished(self) -> None:
        self.start.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        thread, self.thread = self.thread, None
        if thread is None or thread.report is None:
            return
        self.summary.setPlainText("\n".join(thread.report.lines()))
        self.stage.setText("Synced." if not thread.report.set_aside else "Synced; some files were set aside and "
                           "will be tried again next time.")
        if thread.changes:
            self.events.changed.emit(thread.changes)
        self.refresh_needs()
        self.refresh_history()

    def _cancel(self) -> None:
        if self.thread is not None:
            self.thread.cancel()
            self.stage.setText("Cancelling…")
        else:
            self.reject()

    def wait_for_sync(self, timeout_ms: int = 120000) -> None:
        """For tests and scripts: block until the running sync has finished and its results are shown."""
        if self.thread is not None:
            self.thread.wait(timeout_ms)
            self._finished()

    # -- what needs the user -----------------------------------------------------------------------------------
    def refresh_needs(self) -> None:
        self.requests.clear()
        for request in self.session.sync.amendments():
            item = QListWidgetItem(describe_amendment(request))
            item.setData(256, request["id"])
            self.requests.addItem(item)
        self.duplicates.clear()
        for group in self.session.sync.duplicates():
            people = [self.session.roster.learner(learner_id) for learner_id in group]
            item = QListWidgetItem(" = ".join(f"{p.name} ({p.registration_no}, {p.email or 'no email'})"
                                              for p in people))
            item.setData(256, group)
            self.duplicates.addItem(item)
        count = self.requests.count() + self.duplicates.count()
        self.tabs.setTabText(1, f"Needs you ({count})" if count else "Needs you")

    def refresh_history(self) -> None:
        if not self.learner_id:
            self.history.setPlainText("Select a learner to see the values later edits replaced.")
            return
        lines = [_replaced("learner", h) for h in self.session.sync.history("learner", self.learner_id)
                 if h["value"] not in ("", None)]
        for item in self.session.evidence.register(self.learner_id, include_deleted=True):
            lines += [_replaced(f"evidence {item.ref}", h) for h in self.session.sync.history("evidence_item", item.id)
                      if h["value"] not in ("", None)]
        self.history.setPlainText("\n".join(lines) or "No value of this learner's records was replaced by a later "
                                  "edit on another laptop.")

    def resolve_selected(self, accept: bool) -> None:
        item = self.requests.currentItem()
        if item is None:
            return
        try:
            changes = self.session.sync.resolve(item.data(256), accept, "amendment request accepted in the sync "
                                                "dialog" if accept else "")
        except ServiceError as refused:
            QMessageBox.warning(self, "Amendment request", str(refused))
            return
        self.events.changed.emit(changes)
        self.refresh_needs()

    def merge_selected(self) -> None:
        item = self.duplicates.currentItem()
        if item is None:
            return
        keep, *others = item.data(256)
        changes = None
        for other in others:
            changes = self.session.sync.merge_learners(keep, other)
        if changes is not None:
            self.events.changed.emit(changes)
        self.refresh_needs()


def _replaced(what: str, lost: dict) -> str:
    when = datetime.fromtimestamp(int(lost["hlc"].split("-")[0]) / 1000, timezone.utc).astimezone()
    return (f"{what}, {lost['field'].replace('_', ' ')}: {str(lost['value'])[:120]!r}, written "
            f"{when:%d/%m/%Y %H:%M} on laptop {lost['device_id'][:8]}, replaced by a later edit")
