"""Table model of a registration's chosen units with each unit's progress."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from assessor_app.domain.records import uk_date
from assessor_app.gui.table_model import RowTableModel


@dataclass(frozen=True)
class UnitRow:
    urn: str
    group: str
    ref: str
    title: str
    credit: int | None
    met: int
    total: int
    signed_on: str = ""
    state: str = ""


class UnitTableModel(RowTableModel):
    HEADERS = ("Group", "Unit Ref", "Title", "Credit", "ACs met", "Signed off", "Next")

    def unit_at(self, row: int) -> UnitRow:
        return self.row_at(row)

    def row_of(self, urn: str) -> int:
        return self.find_row(lambda unit: unit.urn == urn)

    def cell(self, row: int, column: int, role):
        unit = self.row_at(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            credit = "" if unit.credit is None else str(unit.credit)
            return (unit.group, unit.ref, unit.title, credit, f"{unit.met} / {unit.total}",
                    uk_date(unit.signed_on), unit.state)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, 4, 5):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
