"""The list of what exported records show as incomplete, each with a way to go to it in the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

LEARNER_ID_ROLE = Qt.ItemDataRole.UserRole
UNIT_ROLE = Qt.ItemDataRole.UserRole + 1


class IncompleteDialog(QDialog):
    """One row per gap (lar_model.Gap) under its learner; "Go to" (or a double-click) asks the window to show that
    learner, and the unit where the gap names one, through `go_to_requested(learner_id, unit_urn)`."""

    go_to_requested = Signal(str, str)

    def __init__(self, gaps_by_learner: list[tuple[str, str, tuple]], parent: QWidget | None = None):
        """`gaps_by_learner`: (learner id, heading such as the learner's name and qualification, gaps)."""
        super().__init__(parent)
        self.setWindowTitle("Incomplete records")
        count = sum(len(gaps) for _, _, gaps in gaps_by_learner)
        intro = QLabel(f"{count} item{'s' if count != 1 else ''} in the exported records "
                       f"{'are' if count != 1 else 'is'} not finished. The PDF prints them as they are (a draft "
                       "comment marked as a draft, a missing signature as an empty box); finish them and export "
                       "again.")
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["What is incomplete", "Kind"])
        self.tree.setColumnWidth(0, 470)
        for learner_id, heading, gaps in gaps_by_learner:
            top = QTreeWidgetItem([heading, ""])
            top.setData(0, LEARNER_ID_ROLE, learner_id)
            top.setData(0, UNIT_ROLE, "")
            for gap in gaps:
                child = QTreeWidgetItem([gap.message, gap.kind])
                child.setData(0, LEARNER_ID_ROLE, learner_id)
                child.setData(0, UNIT_ROLE, gap.unit_urn)
                child.setToolTip(0, gap.message)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0).child(0) or self.tree.topLevelItem(0))
        self.tree.itemDoubleClicked.connect(lambda item, _column: self.go_to(item))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.go_button = QPushButton("&Go to")
        self.go_button.clicked.connect(lambda: self.go_to(self.tree.currentItem()))
        buttons.addButton(self.go_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def messages(self) -> list[str]:
        """Every gap's line as listed, learner by learner."""
        return [self.tree.topLevelItem(i).child(j).text(0) for i in range(self.tree.topLevelItemCount())
                for j in range(self.tree.topLevelItem(i).childCount())]

    def go_to(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.go_to_requested.emit(item.data(0, LEARNER_ID_ROLE), item.data(0, UNIT_ROLE) or "")
