"""Table model of a registration's chosen units with each unit's progress."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


@dataclass(frozen=True)
class UnitRow:
    urn: str
    group: str
    ref: str
    title: str
    credit: int | None
    met: int
    total: int


class UnitTableModel(QAbstractTableModel):
    HEADERS = ("Group", "Unit Ref", "Title", "Credit", "ACs met")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[UnitRow] = []

    def set_rows(self, rows: list[UnitRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def unit_at(self, row: int) -> UnitRow:
        return self._rows[row]

    def row_of(self, urn: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.urn == urn), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            credit = "" if row.credit is None else str(row.credit)
            return (row.group, row.ref, row.title, credit, f"{row.met} / {row.total}")[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (3, 4):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None
