"""Tree model of a qualification's structure: groups, their units, and which units the learner's route takes."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal

from assessor_app.domain.catalogue import Group, Qualification

_GROUP_ROW = 0  # internalId of a group row; a unit row stores its group's row number + 1


class RouteTreeModel(QAbstractItemModel):
    """Top level: one row per group (its printed caption); children: the group's units with a tick box."""

    HEADERS = ("Unit Ref", "Ofqual Ref.", "Title", "Credit", "Level", "GLH")
    route_changed = Signal()

    def __init__(self, qualification: Qualification, chosen: list[str], parent=None):
        super().__init__(parent)
        self.qualification = qualification
        self._chosen = set(chosen)
        for group in qualification.groups:
            if group.mandatory:
                self._chosen.update(group.units)

    def chosen(self) -> list[str]:
        """The route in catalogue order, so saving it is deterministic."""
        return [g_urn for g in self.qualification.groups for g_urn in g.units if g_urn in self._chosen]

    def group_at(self, row: int) -> Group:
        return self.qualification.groups[row]

    # -- structure --------------------------------------------------------------------------------------------
    def index(self, row, column, parent=QModelIndex()):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP_ROW)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index=QModelIndex()):
        if not index.isValid() or index.internalId() == _GROUP_ROW:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP_ROW)

    def rowCount(self, parent=QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.qualification.groups)
        if parent.internalId() == _GROUP_ROW and parent.column() == 0:
            return len(self.group_at(parent.row()).units)
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(self.HEADERS)

    def _urn(self, index) -> str | None:
        if not index.isValid() or index.internalId() == _GROUP_ROW:
            return None
        return self.group_at(index.internalId() - 1).units[index.row()]

    # -- content --------------------------------------------------------------------------------------------
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        urn = self._urn(index)
        if urn is None:
            group = self.group_at(index.row())
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return group.caption or f"Group {group.name}"
            if role == Qt.ItemDataRole.FontRole:
                from PySide6.QtGui import QFont
                font = QFont()
                font.setBold(True)
                return font
            return None
        unit = self.qualification.unit(urn)
        if role == Qt.ItemDataRole.DisplayRole:
            values = (unit.ref, unit.urn, unit.title, unit.credit, unit.level, unit.glh)
            value = values[index.column()]
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return Qt.CheckState.Checked if urn in self._chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            group = self.group_at(index.internalId() - 1)
            return "Mandatory unit" if group.mandatory else "Optional: tick to include it in the route"
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        urn = self._urn(index)
        if urn is None:
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and not self.group_at(index.internalId() - 1).mandatory:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        urn = self._urn(index)
        if urn is None or role != Qt.ItemDataRole.CheckStateRole or not (self.flags(index) &
                                                                         Qt.ItemFlag.ItemIsUserCheckable):
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._chosen.add(urn)
        else:
            self._chosen.discard(urn)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.route_changed.emit()
        return True

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None
