"""Table model of one unit's LO/AC rows; the AC column carries the tick box the assessor clicks."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal

from assessor_app.domain.lar_model import INFERRED_FOOTNOTE, INFERRED_MARK
from assessor_app.domain.records import uk_date
from assessor_app.domain.unit_record import CriterionRow, UnitRecord
from assessor_app.gui.table_model import RowTableModel

CHECK_COLUMN = 1


class CriteriaTableModel(RowTableModel):
    HEADERS = ("Learning outcome", "Assessment criterion", "Ref No", "Date")
    tick_requested = Signal(str, bool)  # criterion number, wanted state

    def __init__(self, parent=None):
        super().__init__(parent)
        self.read_only = False
        self._review_notes: dict[str, str] = {}
        self._warning_icon = None

    def set_record(self, record: UnitRecord | None, review_notes: dict[str, str] | None = None) -> None:
        """`review_notes`: AC number -> why the qualification file flags its printed text for human review."""
        self._review_notes = dict(review_notes or {})
        self.set_rows(record.rows if record else ())

    def row_of(self, number: str) -> int:
        return self.find_row(lambda criterion: criterion.number == number)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == CHECK_COLUMN and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def cell(self, position: int, column: int, role):
        row: CriterionRow = self._rows[position]
        note_tip = role == Qt.ItemDataRole.ToolTipRole and column == CHECK_COLUMN and row.number in self._review_notes
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and not note_tip:
            first = position == 0 or self._rows[position - 1].outcome_number != row.outcome_number
            outcome = f"{row.outcome_number}. {row.outcome_text}" if first else ""
            inferred = self._review_notes.get(row.number, "").lower().startswith(INFERRED_FOOTNOTE)
            mark = f" {INFERRED_MARK}" if inferred else ""
            return (outcome, f"{row.number} {row.text}{mark}", row.ref_no, uk_date(row.date))[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == CHECK_COLUMN:
            return Qt.CheckState.Checked if row.met else Qt.CheckState.Unchecked
        note = self._review_notes.get(row.number) if column == CHECK_COLUMN else None
        if note and role == Qt.ItemDataRole.DecorationRole:
            return self._warning()
        if note and role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.number} {row.text}\n\nNeeds review: {note}"
        return None

    def _warning(self):
        if self._warning_icon is None:
            from PySide6.QtWidgets import QApplication, QStyle
            self._warning_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning_icon

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        """A click asks for a tick; the store changes through a service, and the view refreshes from `changed`."""
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != CHECK_COLUMN or self.read_only:
            return False
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked
        self.tick_requested.emit(self._rows[index.row()].number, wanted)
        return True
