"""Which evidence item a tick on the unit page belongs to, chosen from the register (the open observation first)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from assessor_app.domain.evidence import OPEN
from assessor_app.domain.records import uk_date


class EvidenceChooser(QComboBox):
    """Which evidence item a tick on the unit page belongs to: the open observation by default, any item of the
    register, or a new observation (the next Ref No, or a ref typed in)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(20)
        # As wide as its longest item: an editable combo narrower than its text shows the text's end, and
        # "ssional discussion, 12/11/2026" says nothing of which item it is.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setAccessibleName("Evidence item for ticks")
        self.setToolTip("The evidence item each tick is recorded under; type a new Ref No for a new observation")

    def offer(self, items, next_ref: str) -> None:
        kept = self.chosen_ref()
        listed = [i for i in reversed(items) if not i.deleted]
        self.clear()
        for item in sorted(listed, key=lambda i: i.status != OPEN):  # the open observation first
            state = " (being recorded)" if item.status == OPEN else ""
            self.addItem(f"{item.ref} · {item.label}, {uk_date(item.date)}{state}", item.ref)
        self.addItem(f"{next_ref} · new observation today", next_ref)
        open_ones = [i for i in listed if i.status == OPEN]
        wanted = open_ones[0].ref if open_ones else (kept if kept in {i.ref for i in listed} else next_ref)
        self.setCurrentIndex(max(self.findData(wanted), 0))
        self.lineEdit().setCursorPosition(0)  # the Ref No first, whatever the width

    def chosen_ref(self) -> str:
        """The Evidence Ref No chosen (the part before " · "), or typed."""
        return self.currentText().split(" · ")[0].strip()
