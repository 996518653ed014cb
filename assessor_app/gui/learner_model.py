"""Table model of the learners in the data folder."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from assessor_app.domain.records import Learner

LEARNER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class LearnerTableModel(QAbstractTableModel):
    HEADERS = ("Learner", "Registration No", "Employer")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._learners: list[Learner] = []

    def set_learners(self, learners: list[Learner]) -> None:
        self.beginResetModel()
        self._learners = list(learners)
        self.endResetModel()

    def learner_at(self, row: int) -> Learner:
        return self._learners[row]

    def row_of(self, learner_id: str) -> int:
        return next((i for i, lr in enumerate(self._learners) if lr.id == learner_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._learners)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._learners)):
            return None
        learner = self._learners[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            employer = learner.employer_name_address.split(",")[0]
            return (learner.name, learner.registration_no, employer)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{learner.name}\n{learner.employer_name_address}"
        if role == LEARNER_ID_ROLE:
            return learner.id
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None
