"""Table model of one unit's LO/AC rows; the AC column carries the tick box the assessor clicks."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from assessor_app.domain.records import uk_date
from assessor_app.domain.unit_record import CriterionRow, UnitRecord

CHECK_COLUMN = 1


class CriteriaTableModel(QAbstractTableModel):
    HEADERS = ("Learning outcome", "Assessment criterion", "Ref No", "Date")
    tick_requested = Signal(str, bool)  # criterion number, wanted state

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: tuple[CriterionRow, ...] = ()
        self.read_only = False

    def set_record(self, record: UnitRecord | None) -> None:
        self.beginResetModel()
        self._rows = record.rows if record else ()
        self.endResetModel()

    def row_at(self, row: int) -> CriterionRow:
        return self._rows[row]

    def row_of(self, number: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.number == number), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == CHECK_COLUMN and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            first = index.row() == 0 or self._rows[index.row() - 1].outcome_number != row.outcome_number
            outcome = f"{row.outcome_number}. {row.outcome_text}" if first else ""
            return (outcome, f"{row.number} {row.text}", row.ref_no, uk_date(row.date))[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == CHECK_COLUMN:
            return Qt.CheckState.Checked if row.met else Qt.CheckState.Unchecked
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        """A click asks for a tick; the store changes through a service, and the view refreshes from `changed`."""
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != CHECK_COLUMN or self.read_only:
            return False
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked
        self.tick_requested.emit(self._rows[index.row()].number, wanted)
        return True

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None
