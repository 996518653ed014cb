"""Export Learner Assessment Records for many learners (an IV sample): choose, then render with a progress bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListView, QProgressDialog, QPushButton, QVBoxLayout, QWidget)

from assessor_app.domain.lar_model import incomplete
from assessor_app.domain.records import Learner
from assessor_app.gui.incomplete_export import confirm_incomplete_export
from assessor_app.gui.incomplete_dialog import IncompleteDialog
from assessor_app.gui.background import BackgroundTask

EVERY_REGISTRATION = "Every registration of each learner"


class LearnerChoiceModel(QAbstractListModel):
    """The learners, each with a check box: the ones ticked are exported. A learner on no qualification has no
    record to export: listed (greyed, "not registered") so nobody wonders where they went, but never ticked."""

    def __init__(self, learners: list[Learner], registered: set[str] | None = None, parent=None):
        super().__init__(parent)
        self._learners = list(learners)
        self._registered = {lr.id for lr in self._learners} if registered is None else set(registered)
        self._checked = set(self._registered)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._learners)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._learners)):
            return None
        learner = self._learners[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            waiting = "" if learner.id in self._registered else "  (not registered: no record to export)"
            return f"{learner.name}  ({learner.registration_no}){waiting}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if learner.id in self._checked else Qt.CheckState.Unchecked
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._learners[index.row()].id not in self._registered:
            return Qt.ItemFlag.NoItemFlags  # shown greyed: nothing to tick
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        learner_id = self._learners[index.row()].id
        if learner_id not in self._registered:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        (self._checked.add if checked else self._checked.discard)(learner_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def set_all(self, checked: bool) -> None:
        self._checked = set(self._registered) if checked else set()
        if self._learners:
            self.dataChanged.emit(self.index(0), self.index(len(self._learners) - 1), [Qt.ItemDataRole.CheckStateRole])

    def checked_ids(self) -> list[str]:
        return [lr.id for lr in self._learners if lr.id in self._checked]


class BatchExportDialog(QDialog):
    finished_batch = Signal(object)  # the BatchResult

    def __init__(self, session, font_dir: Path, parent: QWidget | None = None, workers: int | None = None,
                 go_to=None):
        """`go_to(learner_id, unit_urn)`: how the window shows an incomplete item the list offers to go to."""
        super().__init__(parent)
        self.session, self.font_dir, self.workers, self.go_to = session, font_dir, workers, go_to
        self.incomplete: IncompleteDialog | None = None
        self.result = None
        self.problems: list[tuple[str, str]] = []
        self.thread: BackgroundTask | None = None
        self.setWindowTitle("Export Learner Assessment Records")
        registered = {row.learner_id for row in session.caseload.rows(progress=False) if row.qualifications}
        self.model = LearnerChoiceModel(session.roster.learners(), registered, self)
        self.view = QListView()
        self.view.setModel(self.model)
        every, none = QPushButton("Select &all"), QPushButton("Select &none")
        every.clicked.connect(lambda: self.model.set_all(True))
        none.clicked.connect(lambda: self.model.set_all(False))
        self.qualification = QComboBox()
        self.qualification.addItem(EVERY_REGISTRATION, None)
        for q in session.catalogue.listing():
            self.qualification.addItem(f"{q.number}  {q.title}", q.number)
        self.folder = QLineEdit(str(Path.home()))
        browse = QPushButton("&Choose…")
        browse.clicked.connect(self._choose_folder)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(lambda: self.start())
        self.buttons.rejected.connect(self.reject)
        picks = QHBoxLayout()
        picks.addWidget(every)
        picks.addWidget(none)
        picks.addStretch(1)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("Qualification:", self.qualification)
        form.addRow("Save into folder:", where)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Learners whose records to export (for example the IV's sample):"))
        layout.addWidget(self.view, 1)
        layout.addLayout(picks)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(560, 520)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Save the records into", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def start(self, out_dir: Path | None = None) -> bool:
        """Read the chosen records (here: the database belongs to this thread), then render them on a worker
        thread that drives one process per core; a progress dialog shows each file and can cancel."""
        from assessor_app.services.lar_batch import plan_jobs

        out = Path(out_dir or self.folder.text()).expanduser()
        ids = self.model.checked_ids()
        if not ids:
            self.summary.setText("Tick at least one learner.")
            return False
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self.summary.setText(f"Cannot use {out}: {error.strerror}")
            return False
        self.result = None
        self.progress = QProgressDialog("Reading the records…", "Cancel", 0, len(ids), self)
        self.progress.setWindowTitle("Export Learner Assessment Records")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setValue(0)

        def read(done: int, _total: int) -> None:
            self.progress.setValue(done)
            QCoreApplication.processEvents()  # the bar moves and Cancel answers while records are read

        jobs, self.problems = plan_jobs(self.session, ids, out, self.qualification.currentData(), on_read=read)
        if self.progress.wasCanceled() or not confirm_incomplete_export(self, self._incomplete(jobs)):
            jobs = []
        self._list_incomplete(jobs)
        self.progress.setLabelText(f"Writing {len(jobs)} PDF files…")
        self.progress.setRange(0, max(1, len(jobs)))
        self.progress.setValue(0)
        self.export_button.setEnabled(False)
        from assessor_app.services.lar_batch import run_jobs

        def render(progress):  # on the worker thread, which drives one process per core
            return run_jobs(jobs, self.font_dir, workers=self.workers, cancelled=progress.cancelled,
                            on_progress=lambda done, total, path: progress.report(done, total, str(path)))

        self.thread = BackgroundTask(render, self)
        self.thread.progressed.connect(self._progressed)
        self.thread.failed.connect(lambda message: self.summary.setText(f"Export failed: {message}"))
        self.thread.finished.connect(self._done)
        self.progress.canceled.connect(self.thread.cancel)
        self.out_dir = out
        self.thread.start()
        return True

    def _incomplete(self, jobs) -> list[str]:
        from assessor_app.services.lar import incomplete_files

        return [f"{job.record.learner.name}: {problem}" for job in jobs
                for problem in incomplete_files(self.session, job.record)]

    def _list_incomplete(self, jobs) -> None:
        """Beside the export, not in its way: the list of what the records print as unfinished."""
        listed = []
        for job in jobs:
            gaps = incomplete(job.record)
            if gaps:
                learner = self.session.roster.find(job.record.learner.registration_no)
                listed.append((learner.id, f"{learner.name} ({job.record.qualification.number})", gaps))
        if not listed:
            return
        self.incomplete = IncompleteDialog(listed, self)
        if self.go_to is not None:
            self.incomplete.go_to_requested.connect(self.go_to)
        self.incomplete.show()

    def _progressed(self, done: int, total: int, path: str) -> None:
        self.progress.setLabelText(f"Written {done} of {total}: {Path(path).name}")
        self.progress.setValue(done)

    def _done(self) -> None:
        result = self.thread.result
        self.progress.reset()
        if self.thread.error:
            self.export_button.setEnabled(True)
            return
        self.export_button.setEnabled(True)
        problems = self.problems + (result.failed if result else [])
        written = len(result.written) if result else 0
        text = f"Wrote {written} record{'s' if written != 1 else ''} to {self.out_dir}."
        if result and result.cancelled:
            text += " Cancelled before the rest were written."
        if problems:
            text += " Not exported: " + "; ".join(f"{who} ({why})" for who, why in problems)
        self.summary.setText(text)
        self.result = result
        self.finished_batch.emit(result)
