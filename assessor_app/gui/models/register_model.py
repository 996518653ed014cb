"""Table model of a learner's evidence register: Ref No, date, kind, title, people, ACs, attachments."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from assessor_app.domain.evidence import OPEN, EvidenceItem, ref_key
from assessor_app.domain.records import uk_date
from assessor_app.gui.table_model import RowTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
EVIDENCE_ID_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class RegisterRow:
    item: EvidenceItem
    people: str
    criteria: str       # "CS 7 1.1, 1.2; CS 8 2.1"
    criteria_count: int
    shown_ref: str = ""  # the ref to show: E12-b where two laptops issued E12 (session.sync.shown_refs)

    @property
    def ref(self) -> str:
        return self.shown_ref or self.item.ref


class RegisterModel(RowTableModel):
    HEADERS = ("Ref No", "Date", "Kind", "Title", "People", "ACs", "Attachments")

    def cell(self, row: int, column: int, role):
        entry: RegisterRow = self.row_at(row)
        item = entry.item
        if role == EVIDENCE_ID_ROLE:
            return item.id
        if role == SORT_ROLE:  # plain strings and numbers: Qt compares those, never Python tuples
            shape, number, text = ref_key(item.ref)  # E12-b by its issued E12, just after the E12 it shares it with
            return (f"{shape}{number:09d}{text}{entry.ref}", item.date, item.label, item.title.casefold(), entry.people,
                    entry.criteria_count, len(item.attachments))[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return entry.criteria
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        label = item.label + (" (being recorded)" if item.status == OPEN else "")
        files = ", ".join(a.name for a in item.attachments)
        return (entry.ref, uk_date(item.date), label, item.title, entry.people, entry.criteria, files)[column]

    def row_of(self, evidence_id: str) -> int:
        return self.find_row(lambda entry: entry.item.id == evidence_id)
