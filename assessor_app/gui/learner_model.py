"""Table model of the learners in the data folder."""

from __future__ import annotations

from PySide6.QtCore import Qt

from assessor_app.domain.records import Learner
from assessor_app.gui.table_model import RowTableModel

LEARNER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class LearnerTableModel(RowTableModel):
    HEADERS = ("Learner", "Registration No", "Employer")

    def set_learners(self, learners: list[Learner]) -> None:
        self.set_rows(learners)

    def learner_at(self, row: int) -> Learner:
        return self.row_at(row)

    def row_of(self, learner_id: str) -> int:
        return self.find_row(lambda learner: learner.id == learner_id)

    def cell(self, row: int, column: int, role):
        learner = self.row_at(row)
        if role == Qt.ItemDataRole.DisplayRole:
            employer = learner.employer_name_address.split(",")[0]
            return (learner.name, learner.registration_no, employer)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{learner.name}\n{learner.employer_name_address}"
        if role == LEARNER_ID_ROLE:
            return learner.id
        return None
