"""ASSESSOR COMMENTS AND FEEDBACK as on the printed sheet: Date | Evidence Ref. No. | comments, drafts marked, the
record's 8-point guide beside the editor. Each save is one undoable step."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
                               QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from assessor_app.domain.evidence import Comment
from assessor_app.domain.feedback_guide import GUIDE, GUIDE_INTRO, INSTRUCTION
from assessor_app.domain.records import uk_date
from assessor_app.gui.evidence_form import fit_to_screen, name_controls
from assessor_app.gui.undo.evidence_commands import push_comment
from assessor_app.gui.widgets.forms import problem_label, sentence
from assessor_app.gui.window_context import WindowContext
from assessor_app.services.session import ServiceError

DRAFT_MARK = "DRAFT · "


class CommentsLog(QDialog):
    def __init__(self, context: WindowContext, learner_id: str):
        super().__init__(context.parent)
        self._context = context
        self.learner_id = learner_id
        self.comment_id: str | None = None  # the row in the editor; None for a new row
        self._comments: list[Comment] = []
        self.setWindowTitle(f"Assessor comments and feedback — {context.session.roster.learner(learner_id).name}")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Date", "Evidence Ref. No.", "Assessor Comments"])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.currentCellChanged.connect(lambda row, *_: self.edit_row(row))

        self.date_edit = QDateEdit(QDate.currentDate(), calendarPopup=True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.refs = QListWidget()
        self.refs.setMaximumHeight(90)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("Concise comments and feedback (see the guide)")
        self.problem = problem_label()
        name_controls({self.table: "Comments and feedback", self.date_edit: "Comment date",
                       self.refs: "Evidence Ref. No.", self.text: "Assessor comments"})
        self.new_button = QPushButton("&New row")
        self.draft_button = QPushButton("Save as &draft")
        self.finish_button = QPushButton("&Save (finished)")
        self.new_button.clicked.connect(lambda: self.edit_row(-1))
        self.draft_button.clicked.connect(lambda: self.save(draft=True))
        self.finish_button.clicked.connect(lambda: self.save(draft=False))
        for button in (self.new_button, self.draft_button, self.finish_button):
            button.setAutoDefault(False)
            button.setEnabled(not context.read_only)
        editor = QGroupBox("Comment")
        form = QFormLayout(editor)
        form.addRow("Date", self.date_edit)
        form.addRow("Evidence Ref. No.", self.refs)
        form.addRow(self.text)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addStretch(1)
        row.addWidget(self.draft_button)
        row.addWidget(self.finish_button)
        form.addRow(row)
        form.addRow(self.problem)

        guide = QLabel(f"<p>{INSTRUCTION}</p><p><i>{GUIDE_INTRO}</i></p><ol>"
                       + "".join(f"<li>{line}</li>" for line in GUIDE) + "</ol>")
        guide.setWordWrap(True)
        guide.setAlignment(Qt.AlignmentFlag.AlignTop)
        guide.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        guide_box = QGroupBox("Guide (from the printed record)")
        QVBoxLayout(guide_box).addWidget(guide)
        guide_box.setMaximumWidth(360)

        lower = QWidget()
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(editor, 1)
        lower_layout.addWidget(guide_box)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([200, 500])  # the guide's eight points stay in view on a 768-pixel screen
        QVBoxLayout(self).addWidget(split)
        context.events.changed.connect(self._on_changed)
        self.reload()
        self.edit_row(self._first_draft())
        fit_to_screen(self, 1150, 740)

    # -- showing ---------------------------------------------------------------------------------------------
    def reload(self) -> None:
        session = self._context.session
        self._comments = session.comments.comments(self.learner_id)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._comments))
        for row, comment in enumerate(self._comments):
            text = (DRAFT_MARK if comment.draft else "") + comment.text
            for column, value in enumerate((uk_date(comment.date), ", ".join(comment.evidence_refs), text)):
                cell = QTableWidgetItem(value)
                if comment.draft:
                    cell.setForeground(Qt.GlobalColor.darkYellow)
                    cell.setToolTip("A draft: finish it with Save (finished)")
                self.table.setItem(row, column, cell)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.resizeRowsToContents()
        self.table.blockSignals(False)
        checked = set(self._comment().evidence_ids) if self._comment() else set()
        self.refs.clear()
        for item in session.evidence.register(self.learner_id):
            entry = QListWidgetItem(f"{item.ref} — {item.label}, {uk_date(item.date)}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            entry.setCheckState(Qt.CheckState.Checked if item.id in checked else Qt.CheckState.Unchecked)
            self.refs.addItem(entry)

    def _first_draft(self) -> int:
        return next((row for row, comment in enumerate(self._comments) if comment.draft), -1)

    def _comment(self) -> Comment | None:
        return next((c for c in self._comments if c.id == self.comment_id), None)

    def _on_changed(self, changes) -> None:
        if changes.concerns(self.learner_id) and changes.touches("comment", "evidence"):
            self.reload()
            comment = self._comment()
            if comment is not None:
                self.text.setPlainText(comment.text)

    def edit_row(self, row: int) -> None:
        """Put a row (or, for -1, a blank new row) into the editor."""
        comment = self._comments[row] if 0 <= row < len(self._comments) else None
        self.comment_id = comment.id if comment else None
        self.date_edit.setDate(QDate.fromString(comment.date, "yyyy-MM-dd") if comment else QDate.currentDate())
        self.text.setPlainText(comment.text if comment else "")
        wanted = set(comment.evidence_ids) if comment else set()
        for index in range(self.refs.count()):
            entry = self.refs.item(index)
            entry.setCheckState(Qt.CheckState.Checked if entry.data(Qt.ItemDataRole.UserRole) in wanted
                                else Qt.CheckState.Unchecked)
        if row < 0:
            self.table.clearSelection()
        self.problem.clear()
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)  # a draft ends "Feedback to the learner: "
        self.text.setFocus()

    # -- saving ----------------------------------------------------------------------------------------------
    def save(self, draft: bool) -> bool:
        context = self._context
        evidence_ids = tuple(self.refs.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.refs.count())
                             if self.refs.item(i).checkState() == Qt.CheckState.Checked)
        try:
            self.comment_id = push_comment(context.undo_stack, context.session, context.events, self.comment_id,
                                           self.learner_id, date=self.date_edit.date().toString("yyyy-MM-dd"),
                                           text=self.text.toPlainText(), evidence_ids=evidence_ids, draft=draft)
        except ServiceError as refused:
            self.problem.setText(sentence(refused))
            return False
        return True

    def closeEvent(self, event) -> None:
        self._context.events.changed.disconnect(self._on_changed)
        super().closeEvent(event)


def open_comments(context: WindowContext, learner_id: str) -> CommentsLog:
    log = CommentsLog(context, learner_id)
    log.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    log.show()
    return log
