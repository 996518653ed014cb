"""The learner list: instant filter (no case, no accents), filters by qualification, employer, progress and waiting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGridLayout, QHeaderView, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from assessor_app.gui.events import AppEvents
from assessor_app.gui.models.caseload_model import (AWAITING_CHOICES, LEARNER_ID_ROLE, PROGRESS_CHOICES,
                                                    CaseloadFilter, CaseloadTableModel, employer_of)
from assessor_app.gui.table_model import header_labels

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QObject

    from assessor_app.domain.caseload import CaseloadRow
    from assessor_app.domain.changes import Changes
    from assessor_app.gui.background import BackgroundTask
    from assessor_app.services.session import Session

ALL = ""
CELL_MARGINS = 12  # a cell's text margins (the style's focus frame on both sides) and a pixel or two to spare
# While a name is typed, the learner the filter moves the selection to is told this long after the last key: the
# list is drawn at once, and a learner's panes (about 40 ms on 1,000 learners) load once, in the pause, not per key.
TELL_AFTER_TYPING_MS = 120


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; font-size: 11pt; padding: 2px 0;")
    return label


def table_view(model, *, settle_later: bool = False) -> QTableView:
    """A list-like table; with `settle_later` what needs the Qt namespace waits for settle_table_view (the first
    screen's list shows before that namespace is built)."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setMinimumSectionSize(view.fontMetrics().height() + 6)  # compact rows that still fit
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    if not settle_later:
        settle_table_view(view)
    return view


def fit_rows(view: QTableView, texts: list[tuple[str, ...]]) -> None:
    """Rows grow to fit text that wraps: measured only when some text is wider than its column, as measuring asks
    the model for every role of every cell; otherwise every row is one line high. `texts`: each row's cells."""
    metrics = view.fontMetrics()
    room = [view.columnWidth(column) - CELL_MARGINS for column in range(view.model().columnCount())]
    if any(text and ("\n" in text or metrics.horizontalAdvance(text) > room[column])
           for cells in texts for column, text in enumerate(cells) if not view.isColumnHidden(column)):
        view.resizeRowsToContents()
        return
    rows = view.verticalHeader()
    for row in range(len(texts)):  # a reset model keeps its rows' heights: those a narrower column needed go
        rows.resizeSection(row, rows.defaultSectionSize())


def keep_rows_fitted(view: QTableView, texts=None) -> None:
    """Rows are measured again whenever a column changes width (once per pass of the event loop, however many
    columns moved), or wrapped text would be cut off or rows stay too tall. `texts`: gives the rows' cells, so
    that fit_rows can skip measuring; without it every row is measured."""
    again = QTimer(view, singleShot=True, interval=0)
    again.timeout.connect(lambda: fit_rows(view, texts()) if texts else view.resizeRowsToContents())
    view.horizontalHeader().sectionResized.connect(lambda *_: again.start())


def settle_table_view(view: QTableView) -> None:
    from PySide6.QtCore import Qt

    view.setTextElideMode(Qt.TextElideMode.ElideNone)  # rows grow to fit; no text is cut off with "…"


def may_be_shortcut(event) -> bool:
    """A key event that no line edit takes as typing: with Ctrl, Alt or Meta, or a function key."""
    from PySide6.QtCore import Qt

    with_modifier = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier \
        | Qt.KeyboardModifier.MetaModifier
    return bool(event.modifiers() & with_modifier) or Qt.Key.Key_F1 <= event.key() <= Qt.Key.Key_F35


class LearnerPanel(QWidget):
    learner_selected = Signal(str)  # learner id, "" for none
    learner_activated = Signal(str)  # Enter or a double click: open the learner's overview

    def __init__(self, events: AppEvents, parent=None):
        """Made before the records open: it shows the rows it is given (show_first_rows), and reads its own once
        `attach` hands it the session."""
        super().__init__(parent)
        self._session: Session | None = None
        self.model = CaseloadTableModel(self)
        self.proxy = CaseloadFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(placeholderText="Find a learner (Ctrl+F): name, registration no, employer")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Find a learner")
        self.filter.textChanged.connect(self._on_text)
        self.qualification = self._combo("Filter by qualification", "qualification")
        self.employer = self._combo("Filter by employer", "employer")
        self.progress = self._combo("Filter by progress", "progress", PROGRESS_CHOICES)
        self.awaiting = self._combo("Filter by what is waiting", "awaiting", AWAITING_CHOICES)
        self.view = table_view(self.proxy, settle_later=True)
        self.view.setAccessibleName("Learners")
        header = self.view.horizontalHeader()
        header.setModel(header_labels(self.model.HEADERS, self))
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        characters = self.fontMetrics().averageCharWidth()
        bold = header.fontMetrics()
        for column, width in ((1, 15), (2, 10), (3, 8)):  # fixed widths: sizing to contents reads every row
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            title_width = bold.horizontalAdvance(self.model.HEADERS[column]) + 24
            self.view.setColumnWidth(column, max(width * characters + 16, title_width))
        self.view.setColumnHidden(4, True)  # what waits shows in the overview; the filter finds it
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.view.activated.connect(lambda index: self.learner_activated.emit(index.data(LEARNER_ID_ROLE) or ""))
        self._progress_pending = False
        self._progress_task: BackgroundTask | None = None
        self._generation = 0
        self._typing = False  # a filter keystroke is being handled: the selection it moves is told later
        self._pending_tell = QTimer(self)
        self._pending_tell.setSingleShot(True)
        self._pending_tell.setInterval(TELL_AFTER_TYPING_MS)
        self._pending_tell.timeout.connect(self._tell)
        self.count = QLabel()
        filters = QGridLayout()
        filters.addWidget(self.qualification, 0, 0)
        filters.addWidget(self.employer, 0, 1)
        filters.addWidget(self.progress, 1, 0)
        filters.addWidget(self.awaiting, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Learners"))
        layout.addWidget(self.filter)
        layout.addLayout(filters)
        self.empty_hint = QLabel("No learners yet. Add one with Learner ▸ New learner (Ctrl+N), or load a centre's "
                                 "list with Learner ▸ Import learners from CSV.")
        self.empty_hint.setObjectName("empty_hint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view)
        layout.addWidget(self.count)
        for before, after in ((self.filter, self.qualification), (self.qualification, self.employer),
                              (self.employer, self.progress), (self.progress, self.awaiting), (self.awaiting, self.view)):
            self.setTabOrder(before, after)  # as laid out: filter, the four choices row by row, then the list
        events.changed.connect(self._on_changed)

    def _combo(self, name: str, attribute: str, choices=((ALL, ""),)) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        for value, text in choices:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _i: self._on_choice(attribute, combo.currentData()))
        return combo

    # -- loading ---------------------------------------------------------------------------------------------
    def attach(self, session: Session) -> None:
        """The records are open: progress is read for the rows shown, and changes read the list again."""
        from PySide6.QtCore import Qt

        self._session = session
        self.filter.installEventFilter(self)  # its key test names QEvent.Type, a costly name on the first screen
        settle_table_view(self.view)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the store sorted them
        self.view.setSortingEnabled(True)  # a click on a heading sorts
        if self._progress_pending and self.isVisible():
            QTimer.singleShot(0, self.fill_progress)

    def show_first_rows(self, rows: list[CaseloadRow]) -> None:
        """Rows read before the records opened (names, numbers, qualifications): progress follows on attach."""
        self._show(rows, progress=False)

    def reload(self, *, progress: bool = True) -> None:
        """Read the caseload once and keep the selection (or select the first learner). Without `progress`
        the list is usable at once and its progress columns are filled on the next pass of the event loop."""
        self._show(self._session.caseload.rows(progress=progress), progress=progress)

    def _show(self, rows: list[CaseloadRow], *, progress: bool) -> None:
        current = self.current_learner_id()
        self._generation += 1  # a progress read started before this one is stale when it arrives
        self.model.set_caseload(rows, progress=progress)
        self._progress_pending = not progress
        if self._progress_pending and self.isVisible():
            QTimer.singleShot(0, self.fill_progress)
        self._refill(self.qualification, "All qualifications",
                     sorted({number for row in rows for number in row.qualifications}))
        self._refill(self.employer, "All employers", sorted({employer_of(row) for row in rows} - {""}))
        self._show_count()
        if current and self.model.row_of(current) >= 0:
            self.select(current)
        elif self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))
        else:
            self.learner_selected.emit("")

    @staticmethod
    def _refill(combo: QComboBox, everything: str, values: list[str]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, ALL)
        for value in values:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)

    def shown(self) -> None:
        """The window is on screen (it tells: a showEvent here would cost the first screen, see main_window.py)."""
        if self._progress_pending:  # its progress next, once the window has painted
            QTimer.singleShot(0, self.fill_progress)

    def cancel_pending(self) -> None:
        """Before the records close: no progress read or telling starts, and a read under way is waited for."""
        self._progress_pending = False
        self._pending_tell.stop()
        if self._progress_task is not None:
            self._progress_task.wait()

    def fill_progress(self) -> None:
        """Progress, sign-offs and IV for every row, read on a worker thread with its own connection, then set
        in place: the rows, their order and the selection stay, and the list answers keys meanwhile."""
        if not self._progress_pending or self._session is None or self._session.store.closed:
            return
        from assessor_app.gui.background import BackgroundTask  # here: the first screen shows without it

        self._progress_pending = False
        generation = self._generation
        self._progress_task = BackgroundTask(lambda _progress: self._session.caseload.rows_on_own_connection(), self)
        self._progress_task.succeeded.connect(lambda rows: self._apply_progress(rows, generation))
        self._progress_task.failed.connect(lambda _message: self.reload())  # read it here instead
        self._progress_task.start()

    def _apply_progress(self, rows, generation: int) -> None:
        self._progress_task = None
        if generation != self._generation:
            return  # the list was read again meanwhile, with its progress
        if [r.learner_id for r in rows] != [self.model.learner_id_at(r) for r in range(self.model.rowCount())]:
            self.reload()  # someone was added or changed meanwhile
            return
        self.model.update_caseload(rows)

    def _on_changed(self, changes: Changes) -> None:
        if changes.learner or changes.registration or changes.link or changes.evidence or changes.signoff \
                or changes.iv_sample:
            self.reload()

    # -- selection and keys ----------------------------------------------------------------------------------
    def current_learner_id(self) -> str:
        index = self.view.currentIndex()
        return index.data(LEARNER_ID_ROLE) if index.isValid() else ""

    def select(self, learner_id: str) -> None:
        row = self.model.row_of(learner_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if index is None or not index.isValid():
            self._pending_tell.stop()
            self.learner_selected.emit("")
            return
        self.view.setCurrentIndex(index)
        self.tell_selection()  # it may have been current already, moved there by typing and not told yet

    def _on_current(self, _current, _previous) -> None:
        if self._typing:
            self._pending_tell.start()  # told once the typing pauses
        else:
            self._tell()

    def _tell(self) -> None:
        self._pending_tell.stop()
        self.learner_selected.emit(self.current_learner_id())

    def tell_selection(self) -> bool:
        """Tell a selection the filter moved and has not told yet, before anything acts on the selected learner:
        a shortcut, Enter or an arrow key, the focus leaving the filter (a click elsewhere, a menu opening).
        True when there was one to tell."""
        if not self._pending_tell.isActive():
            return False
        self._tell()
        return True

    def _on_text(self, text: str) -> None:
        self._typing = True
        try:
            self.proxy.set_text(text)
            self._after_filter()
            if self._pending_tell.isActive():
                self._pending_tell.start()  # each key puts it off again, whether or not it moved the selection
        finally:
            self._typing = False

    def _on_choice(self, attribute: str, value) -> None:
        self.proxy.set_choice(attribute, value or ALL)
        self._after_filter()

    def _after_filter(self) -> None:
        self._show_count()
        if not self.view.currentIndex().isValid() and self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.empty_hint.setVisible(total == 0)
        self.count.setText(f"{shown} of {total} learners" if shown != total else f"{total} learners")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down, Up and Enter in the filter move into the list, so the keyboard never leaves the home row. A
        shortcut or the focus leaving the filter first tells the selection that typing moved."""
        from PySide6.QtCore import QEvent, Qt

        if watched is not self.filter:
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind == QEvent.Type.FocusOut or (kind == QEvent.Type.ShortcutOverride and may_be_shortcut(event)):
            self.tell_selection()  # an override is sent before a shortcut is looked up: its action then fits
        elif kind == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.proxy.rowCount():
                self.tell_selection()
                if not self.view.currentIndex().isValid():
                    self.view.setCurrentIndex(self.proxy.index(0, 0))
                elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                    step = 1 if key == Qt.Key.Key_Down else -1
                    row = min(max(self.view.currentIndex().row() + step, 0), self.proxy.rowCount() - 1)
                    self.view.setCurrentIndex(self.proxy.index(row, 0))
                self.view.setFocus()
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.learner_activated.emit(self.current_learner_id())
                return True
        return super().eventFilter(watched, event)
