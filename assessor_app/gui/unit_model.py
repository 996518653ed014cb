"""Table model of a registration's chosen units with each unit's progress."""

from __future__ import annotations

from dataclasses import dataclass

from assessor_app.domain.records import uk_date
from assessor_app.gui.table_model import ALIGN_CENTER, DISPLAY_ROLE, TEXT_ALIGNMENT_ROLE, TOOLTIP_ROLE, RowModel

CENTRED = frozenset((3, 4, 5))


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


def unit_texts(unit: UnitRow) -> tuple[str, ...]:
    credit = "" if unit.credit is None else str(unit.credit)
    return (unit.group, unit.ref, unit.title, credit, f"{unit.met} / {unit.total}", uk_date(unit.signed_on),
            unit.state)


class UnitTableModel(RowModel):
    """Its column titles come from a header model (table_model.header_labels)."""

    HEADERS = ("Group", "Unit Ref", "Title", "Credit", "ACs met", "Signed off", "Next")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows) -> None:
        rows = list(rows)
        self._texts = [unit_texts(unit) for unit in rows]  # once: fitting the rows asks for every cell's text
        super().set_rows(rows)

    def texts(self) -> list[tuple[str, ...]]:
        return self._texts

    def unit_at(self, row: int) -> UnitRow:
        return self.row_at(row)

    def row_of(self, urn: str) -> int:
        return self.find_row(lambda unit: unit.urn == urn)

    def cell(self, row: int, column: int, role):
        if role == DISPLAY_ROLE or role == TOOLTIP_ROLE:
            return self._texts[row][column]
        if role == TEXT_ALIGNMENT_ROLE and column in CENTRED:
            return ALIGN_CENTER
        return None
