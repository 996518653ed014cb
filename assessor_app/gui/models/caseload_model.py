"""The learner list's model (one caseload row per learner, cells worked out once) and its instant filter."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel

from assessor_app.domain.caseload import CaseloadRow, fold
from assessor_app.gui.table_model import DISPLAY_ROLE, TOOLTIP_ROLE, USER_ROLE, RowModel

LEARNER_ID_ROLE = USER_ROLE + 1
SORT_ROLE = USER_ROLE + 2

ANY = ""
NOT_STARTED, IN_PROGRESS, ALL_COVERED = "not_started", "in_progress", "all_covered"
AWAITING_SIGNOFF, AWAITING_IV, REFERRED_BACK = "awaiting_signoff", "awaiting_iv", "referred_back"
PROGRESS_CHOICES = ((ANY, "Any progress"), (NOT_STARTED, "Not started"), (IN_PROGRESS, "In progress"),
                    (ALL_COVERED, "Every AC covered"))
AWAITING_CHOICES = ((ANY, "Anything waiting or not"), (AWAITING_SIGNOFF, "Awaiting sign-off"),
                    (AWAITING_IV, "Awaiting IV"), (REFERRED_BACK, "Referred back by the IV"))


def employer_of(row: CaseloadRow) -> str:
    return row.employer_name_address.split(",")[0].strip()


def waiting_text(row: CaseloadRow) -> str:
    parts = []
    if row.referred_back:
        parts.append(f"{row.referred_back} referred back")
    if row.awaiting_signoff:
        parts.append(f"{row.awaiting_signoff} to sign off")
    if row.awaiting_iv:
        parts.append(f"{row.awaiting_iv} awaiting IV")
    return ", ".join(parts)


class CaseloadTableModel(RowModel):
    """Each cell's text is worked out when the rows are set, so data() is a lookup (it is asked very often). Its
    column titles are the list's header model (gui/table_model.header_labels): it is on the first screen."""

    HEADERS = ("Learner", "Registration No", "Qualification", "Progress", "Waiting")
    ROLES = frozenset({DISPLAY_ROLE, LEARNER_ID_ROLE, TOOLTIP_ROLE, SORT_ROLE})

    def data(self, index, role=DISPLAY_ROLE):
        # The view asks each painted cell for a dozen roles: those it has no answer for go back at once.
        return super().data(index, role) if role in self.ROLES else None

    def set_caseload(self, rows: list[CaseloadRow], *, progress: bool = True) -> None:
        self._cells = [self._texts(r, progress) for r in rows]
        self._tips = [f"{r.name}\n{r.employer_name_address}".strip() for r in rows]
        self.set_rows(rows)

    def update_caseload(self, rows: list[CaseloadRow]) -> None:
        """The same learners with their progress now known: cells change, rows (and selection) stay."""
        self._rows = list(rows)
        self._cells = [self._texts(r, True) for r in rows]
        if rows:
            self.dataChanged.emit(self.index(0, 3), self.index(len(rows) - 1, 4))

    @staticmethod
    def _texts(row: CaseloadRow, progress: bool) -> tuple[str, ...]:
        if not progress:
            shown = "" if row.qualifications else "not registered"
        else:
            shown = f"{row.percent}%" if row.total else "not registered"
        return (row.name, row.registration_no, ", ".join(row.qualifications), shown,
                waiting_text(row))

    def learner_id_at(self, row: int) -> str:
        return self.row_at(row).learner_id

    def row_of(self, learner_id: str) -> int:
        return self.find_row(lambda row: row.learner_id == learner_id)

    def cell(self, row: int, column: int, role):
        if role == DISPLAY_ROLE:
            return self._cells[row][column]
        if role == LEARNER_ID_ROLE:
            return self._rows[row].learner_id
        if role == TOOLTIP_ROLE:
            return self._tips[row]
        if role == SORT_ROLE:
            return self._rows[row].percent if column == 3 else self._cells[row][column].casefold()
        return None


class CaseloadFilter(QSortFilterProxyModel):
    """Filters on the folded text (no case, no accents), qualification, employer, progress and what waits."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        self.qualification = ANY
        self.employer = ANY
        self.progress = ANY
        self.awaiting = ANY
        self._narrowing = False
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self._note_narrowing()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_choice(self, name: str, value: str) -> None:
        self.beginFilterChange()
        setattr(self, name, value)
        self._note_narrowing()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _note_narrowing(self) -> None:
        # With nothing typed or chosen every row is shown, and none needs looking at (the list is filled at start).
        self._narrowing = bool(self._words or self.qualification or self.employer or self.progress or self.awaiting)

    def filterAcceptsRow(self, source_row: int, _parent: QModelIndex) -> bool:
        if not self._narrowing:
            return True
        row: CaseloadRow = self.sourceModel().row_at(source_row)
        if self._words and not all(word in row.search_key for word in self._words):
            return False
        if self.qualification and self.qualification not in row.qualifications:
            return False
        if self.employer and employer_of(row) != self.employer:
            return False
        if self.progress == NOT_STARTED and row.covered:
            return False
        if self.progress == IN_PROGRESS and not (0 < row.covered < row.total):
            return False
        if self.progress == ALL_COVERED and not (row.total and row.covered == row.total):
            return False
        waiting = {AWAITING_SIGNOFF: row.awaiting_signoff, AWAITING_IV: row.awaiting_iv,
                   REFERRED_BACK: row.referred_back}
        return not self.awaiting or bool(waiting[self.awaiting])
