"""Observation mode: one learner's observation recorded live (details, tick list, timed notes, Q&A), then finished.

Everything typed is stored the moment it is entered (services/observation.py), so the window can be closed and
the observation resumed later, or after a crash, with nothing lost."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTime, QTimer, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget, QMessageBox, QPushButton,
                               QSplitter, QTableWidget, QTableWidgetItem, QTimeEdit, QVBoxLayout)

from assessor_app.domain.changes import Changes
from assessor_app.domain.evidence import EvidenceItem
from assessor_app.gui.evidence_form import fit_to_screen, name_controls
from assessor_app.gui.signing import FormSignatures
from assessor_app.gui.undo.evidence_commands import push_discard_observation
from assessor_app.gui.widgets.tick_list import TickList
from assessor_app.gui.window_context import WindowContext
from assessor_app.services.session import ServiceError, Session


ANNOUNCE_AFTER_MS = 600  # a pause in ticking this long and the other panels refresh


class FinishDialog(QDialog):
    """What finishing records (Ref No, time, counts), and the signatures taken now if the learner is there."""

    def __init__(self, session: Session, item: EvidenceItem, learner_name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Finish observation {item.ref}")
        preview = session.observations.preview_finish(item.id)
        duration = f", {preview.duration_minutes} min" if preview.duration_minutes is not None else ""
        self.summary = QLabel(f"<b>Evidence Ref No {preview.ref}</b> · {preview.date} from {preview.time}{duration}"
                              f"<br>{preview.ticks} criteria ticked · {preview.notes} notes · "
                              f"{preview.questions} questions<br>A draft feedback row goes onto the comments log.")
        self.signatures = FormSignatures(session, learner_name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.finish_button = buttons.addButton("Finish observation", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Signatures (optional; leave a pad blank to sign later):"))
        layout.addWidget(self.signatures)
        layout.addWidget(buttons)


class ObservationWindow(QDialog):
    def __init__(self, context: WindowContext, item: EvidenceItem):
        super().__init__(context.parent)
        self._context = context
        self._session, self._events, self._undo = context.session, context.events, context.undo_stack
        session, events = self._session, self._events
        self.item = item
        self.learner_name = session.roster.learner(item.learner_id).name
        self.setWindowTitle(f"Observation {item.ref} — {self.learner_name}")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self._registration_of: dict[str, str] = {}
        self._link_ids: dict[tuple[str, str], str] = {}
        self._build()
        self._load()
        self._pending = Changes()
        self._announcing = False
        self._announce_timer = QTimer(self, singleShot=True, interval=ANNOUNCE_AFTER_MS)
        self._announce_timer.timeout.connect(self.announce_pending)
        events.changed.connect(self._on_changed)
        self._listening = True

    # -- layout ----------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = QLabel(f"<b>Observation {self.item.ref}</b> · {self.learner_name}")
        self.heading.setStyleSheet("font-size: 12pt;")
        self.date_edit = QDateEdit(calendarPopup=True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.location = QLineEdit(placeholderText="Where (e.g. Shop floor, customer service desk)")
        self.activity = QLineEdit(placeholderText="What is observed (e.g. Handling a refund at the till)")
        details = QHBoxLayout()
        for label, widget, stretch in (("Date", self.date_edit, 0), ("Start", self.time_edit, 0),
                                       ("Location", self.location, 1), ("Activity", self.activity, 2)):
            details.addWidget(QLabel(label))
            details.addWidget(widget, stretch)
        self.date_edit.editingFinished.connect(self._save_details)
        self.time_edit.editingFinished.connect(self._save_details)
        self.location.editingFinished.connect(self._save_details)
        self.activity.editingFinished.connect(self._save_details)

        self.ticks = TickList()
        self.ticks.tick_requested.connect(self._on_tick)
        self.ticks.refused.connect(self._say)

        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.note_entry = QLineEdit(placeholderText="Type a note; Enter adds it stamped with the time")
        self.note_entry.returnPressed.connect(self._add_note)
        notes_box = QGroupBox("Notes (Ctrl+J)")
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.notes, 1)
        notes_layout.addWidget(self.note_entry)

        self.questions = QTableWidget(0, 2)
        self.questions.setHorizontalHeaderLabels(["Question", "Learner's answer"])
        self.questions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.questions.verticalHeader().setVisible(False)
        self.questions.setWordWrap(True)
        self.questions.itemChanged.connect(self._save_questions)
        self.question_entry = QLineEdit(placeholderText="Question asked")
        self.answer_entry = QLineEdit(placeholderText="Learner's answer; Enter adds both")
        self.question_entry.returnPressed.connect(self.answer_entry.setFocus)
        self.answer_entry.returnPressed.connect(self._add_question)
        questions_box = QGroupBox("Questions and answers (Ctrl+K)")
        questions_layout = QVBoxLayout(questions_box)
        questions_layout.addWidget(self.questions, 1)
        questions_layout.addWidget(self.question_entry)
        questions_layout.addWidget(self.answer_entry)

        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(notes_box)
        side.addWidget(questions_box)
        split = QSplitter(Qt.Orientation.Horizontal)
        ticks_box = QGroupBox("Criteria observed (Ctrl+L; Space ticks)")
        QVBoxLayout(ticks_box).addWidget(self.ticks)
        split.addWidget(ticks_box)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        self.message = QLabel()
        self.message.setStyleSheet("color: #9a2a00;")
        self.message.setWordWrap(True)
        self.finish_button = QPushButton("&Finish…")
        self.finish_button.clicked.connect(lambda: self.finish())
        self.leave_button = QPushButton("&Leave for now")
        self.leave_button.setToolTip("Close this window; the observation stays open and is resumed with Ctrl+O")
        self.leave_button.clicked.connect(self.close)
        self.discard_button = QPushButton("&Discard")
        self.discard_button.clicked.connect(lambda: self.discard())
        for button in (self.finish_button, self.leave_button, self.discard_button):
            button.setAutoDefault(False)  # Enter in a note or answer adds it; it never presses a button
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.leave_button)
        buttons.addWidget(self.finish_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(details)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        name_controls({self.date_edit: "Observation date", self.time_edit: "Start time", self.location: "Location",
                       self.activity: "Activity observed", self.notes: "Notes", self.note_entry: "New note",
                       self.questions: "Questions and answers", self.question_entry: "Question asked",
                       self.answer_entry: "Learner's answer"})
        for keys, target in (("Ctrl+J", self.note_entry), ("Ctrl+K", self.question_entry),
                             ("Ctrl+L", self.ticks.filter)):
            QShortcut(QKeySequence(keys), self, target.setFocus)
        fit_to_screen(self, 1280, 760)

    # -- showing ---------------------------------------------------------------------------------------------
    def _load(self) -> None:
        item = self.item
        self.date_edit.setDate(QDate.fromString(item.date, "yyyy-MM-dd"))
        self.time_edit.setTime(QTime.fromString(item.time or "00:00", "HH:mm"))
        self.location.setText(item.location)
        self.activity.setText(item.activity)
        sheet = self._session.observations.tick_sheet(item.learner_id, item.id)
        self._registration_of, self._link_ids = sheet.registration_of, dict(sheet.ticked)
        self.ticks.set_units(sheet.units, sheet.locked, sheet.other_refs, sheet.ticked)
        self._show_notes()
        self._show_questions()

    def _show_notes(self) -> None:
        self.notes.clear()
        self.notes.addItems([f"{note.time}  {note.text}" for note in self.item.notes])
        self.notes.scrollToBottom()

    def _show_questions(self) -> None:
        self.questions.blockSignals(True)
        self.questions.setRowCount(len(self.item.questions))
        for row, qa in enumerate(self.item.questions):
            self.questions.setItem(row, 0, QTableWidgetItem(qa.question))
            self.questions.setItem(row, 1, QTableWidgetItem(qa.answer))
        self.questions.resizeRowsToContents()
        self.questions.blockSignals(False)

    def _on_changed(self, changes) -> None:
        """Ticks made elsewhere (the unit page ticks into the open observation too) show here at once."""
        if self._announcing or not self.isVisible():
            return
        if changes.touches("evidence_link") and self.item.learner_id in changes.learner_ids:
            sheet = self._session.observations.tick_sheet(self.item.learner_id, self.item.id)
            self._link_ids = dict(sheet.ticked)
            self.ticks.model.set_ticked(sheet.ticked)

    # -- recording -------------------------------------------------------------------------------------------
    def _write(self, call, *args, coalesce: bool = False, **kwargs):
        """Run one service write, announce its Changes, and say why if it is refused (returns None then).
        With `coalesce` (ticks) the announcement waits for a pause in ticking: the write is stored at once, but
        the other panels refresh once per burst instead of once per Space, which keeps each tick instant."""
        try:
            result = call(*args, **kwargs)
        except ServiceError as refused:
            self._say(str(refused))
            return None
        changes = result[1] if isinstance(result, tuple) else result
        self.message.clear()
        self._pending = self._pending | changes
        if coalesce:
            self._announce_timer.start()
        else:
            self.announce_pending()
        return result

    def announce_pending(self) -> None:
        """Tell the other panels what was written (they refresh from it); this window already shows it."""
        self._announce_timer.stop()
        pending, self._pending = self._pending, Changes()
        if pending:
            self._announcing = True
            try:
                self._events.changed.emit(pending)
            finally:
                self._announcing = False

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _on_tick(self, urn: str, number: str, wanted: bool) -> None:
        key = (urn, number)
        if wanted:
            result = self._write(self._session.observations.tick, self.item.id, self._registration_of[urn], urn,
                                 number, coalesce=True)
            if result is not None:
                self._link_ids[key] = result[0].id
                self.ticks.set_tick(urn, number, True)
        elif key in self._link_ids and self._write(self._session.observations.untick, self._link_ids[key],
                                                   coalesce=True):
            self._link_ids.pop(key, None)
            self.ticks.set_tick(urn, number, False)

    def _save_details(self) -> None:
        fields = {"date": self.date_edit.date().toString("yyyy-MM-dd"), "time": self.time_edit.time().toString("HH:mm"),
                  "location": self.location.text().strip(), "activity": self.activity.text().strip()}
        if all(getattr(self.item, name) == value for name, value in fields.items()):
            return  # focus moved on with nothing typed: no write
        result = self._write(self._session.observations.update, self.item.id, **fields)
        if result is not None:
            self.item = result[0]

    def _add_note(self) -> None:
        if self._write(self._session.observations.add_note, self.item.id, self.note_entry.text()):
            self.note_entry.clear()
            self.item = self._session.evidence.item(self.item.id)
            self._show_notes()

    def _add_question(self) -> None:
        if self._write(self._session.observations.ask, self.item.id, self.question_entry.text(),
                       self.answer_entry.text()):
            self.question_entry.clear()
            self.answer_entry.clear()
            self.question_entry.setFocus()
            self.item = self._session.evidence.item(self.item.id)
            self._show_questions()

    def _save_questions(self) -> None:
        rows = [(self.questions.item(r, 0).text() if self.questions.item(r, 0) else "",
                 self.questions.item(r, 1).text() if self.questions.item(r, 1) else "")
                for r in range(self.questions.rowCount())]
        if self._write(self._session.observations.set_questions, self.item.id, rows) is not None:
            self.item = self._session.evidence.item(self.item.id)

    # -- ending ----------------------------------------------------------------------------------------------
    def finish(self, dialog: FinishDialog | None = None) -> EvidenceItem | None:
        """Confirm (the dialog shows the Ref No and what is recorded), finish, then sign with what was drawn.
        Tests pass a `dialog` already filled in; it is then taken as confirmed."""
        self._save_details()
        if dialog is None:
            dialog = FinishDialog(self._session, self.item, self.learner_name, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
        result = self._write(self._session.observations.finish, self.item.id)
        if result is None:
            return None
        self.item = result[0]
        try:
            self._events.changed.emit(dialog.signatures.sign(self.item.id))
        except ServiceError as refused:
            QMessageBox.warning(self, "Not signed", f"Observation {self.item.ref} is finished, but: {refused}")
        self.close()
        return self.item

    def discard(self, confirmed: bool = False) -> None:
        if not confirmed and QMessageBox.question(
                self, "Discard observation", f"Discard observation {self.item.ref} with its ticks and notes? "
                "(Edit ▸ Undo brings it back.)") != QMessageBox.StandardButton.Yes:
            return
        self.announce_pending()
        try:
            push_discard_observation(self._undo, self._session, self._events, self.item)
        except ServiceError as refused:
            self._say(str(refused))
            return
        self.close()

    def closeEvent(self, event) -> None:
        self.announce_pending()
        if self._listening:
            self._events.changed.disconnect(self._on_changed)
            self._listening = False
        super().closeEvent(event)


def open_observation(context: WindowContext, learner_id: str) -> ObservationWindow:
    """Resume the learner's open observation, or start one (today, now) and open its window (not modal: the
    main window stays usable beside it)."""
    session = context.session
    item = session.observations.open_for(learner_id)
    if item is None:
        assessor = session.profile.current()  # the installation's assessor conducts it
        item, changes = session.observations.start(learner_id, on=date.today().isoformat(),
                                                   person_ids=(assessor.id,) if assessor else ())
        context.announce(changes)
    window = ObservationWindow(context, item)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    window.activity.setFocus()
    return window
