"""Tree model of the ACs of a learner's chosen units (unit > learning outcome > AC), each AC with a tick box."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from assessor_app.domain.catalogue import Unit

KEY_ROLE = Qt.ItemDataRole.UserRole + 1      # (unit URN, AC number) of an AC row, None on other rows
LOCKED_ROLE = Qt.ItemDataRole.UserRole + 2   # True on every row of a signed-off unit

_NUMBER = re.compile(r"^\d+(\.\d+)*$")
_LOCKED_BRUSH = QBrush(QColor("#7a7a7a"))
# internalId packs (unit, outcome, criterion) positions, each +1 so 0 means "this level is the row itself".
_SPAN = 1000


@dataclass(frozen=True)
class _Criterion:
    urn: str
    number: str
    text: str
    search: str  # what a typed word is looked for in


def _pack(unit: int, outcome: int = -1, criterion: int = -1) -> int:
    return ((unit + 1) * _SPAN + (outcome + 1)) * _SPAN + (criterion + 1)


def _unpack(packed: int) -> tuple[int, int, int]:
    return packed // (_SPAN * _SPAN) - 1, (packed // _SPAN) % _SPAN - 1, packed % _SPAN - 1


class TickTreeModel(QAbstractItemModel):
    """Column 0 is the row's text (ticked or not, on AC rows); column 1 the other evidence already covering it."""

    HEADERS = ("Assessment criterion", "Other evidence")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._units: list[Unit] = []
        self._criteria: list[list[list[_Criterion]]] = []
        self._locked: set[str] = set()
        self._ticked: set[tuple[str, str]] = set()
        self._other_refs: dict[tuple[str, str], str] = {}
        self._positions: dict[tuple[str, str], tuple[int, int, int]] = {}

    # -- filling ---------------------------------------------------------------------------------------------
    def set_units(self, units: Iterable[Unit], locked: Iterable[str] = (),
                  other_refs: dict[tuple[str, str], str] | None = None) -> None:
        """`locked`: URNs of signed-off units; `other_refs`: (URN, AC) -> refs of other evidence covering it."""
        self.beginResetModel()
        self._units = list(units)
        self._locked = set(locked)
        self._other_refs = dict(other_refs or {})
        self._criteria, self._positions = [], {}
        for u, unit in enumerate(self._units):
            outcomes = []
            for o, outcome in enumerate(unit.outcomes):
                row = []
                for c, criterion in enumerate(outcome.criteria):
                    search = f"{unit.ref} {unit.title} {outcome.text} {criterion.text}".casefold()
                    row.append(_Criterion(unit.urn, criterion.number, criterion.text, search))
                    self._positions[(unit.urn, criterion.number)] = (u, o, c)
                outcomes.append(row)
            self._criteria.append(outcomes)
        self._ticked &= set(self._positions)
        self.endResetModel()

    def set_ticked(self, keys: Iterable[tuple[str, str]]) -> None:
        """The ACs ticked (all at once, e.g. on opening); only rows whose state changes are repainted."""
        wanted = set(keys) & set(self._positions)
        for key in wanted ^ self._ticked:
            self.set_tick(key, key in wanted)

    def set_tick(self, key: tuple[str, str], ticked: bool) -> None:
        if (key in self._ticked) == ticked or key not in self._positions:
            return
        (self._ticked.add if ticked else self._ticked.discard)(key)
        index = self.index_of(key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def ticked(self) -> set[tuple[str, str]]:
        return set(self._ticked)

    def is_locked(self, urn: str) -> bool:
        return urn in self._locked

    def index_of(self, key: tuple[str, str], column: int = 0) -> QModelIndex:
        u, o, c = self._positions[key]
        return self.createIndex(c, column, _pack(u, o, c))

    def outcome_position(self, key: tuple[str, str]) -> tuple[int, int]:
        """(unit row, outcome row) of an AC, for the proxy to keep its parents visible."""
        u, o, _ = self._positions[key]
        return u, o

    def unit_at(self, index: QModelIndex) -> Unit:
        return self._units[_unpack(index.internalId())[0]]

    # -- filtering -------------------------------------------------------------------------------------------
    def matching(self, query: str) -> set[tuple[str, str]] | None:
        """The ACs a typed filter finds (None: no filter). An AC number ("2.3") finds that AC and those under
        it; a unit ref ("CS 7") its whole unit, optionally followed by more; other words must all occur."""
        query = " ".join(query.casefold().split())
        if not query:
            return None
        units = self._units
        for unit in sorted(self._units, key=lambda u: -len(u.ref)):
            ref = unit.ref.casefold()
            if query == ref or query.startswith(ref + " "):
                units, query = [unit], query[len(ref):].strip()
                break
        words = query.split()
        numbers = [w for w in words if _NUMBER.match(w)]
        texts = [w for w in words if not _NUMBER.match(w)]
        found = set()
        for unit in units:
            for outcome in self._criteria[self._units.index(unit)]:
                for criterion in outcome:
                    if numbers and not all(criterion.number == n or criterion.number.startswith(n + ".")
                                           for n in numbers):
                        continue
                    if all(t in criterion.search for t in texts):
                        found.add((criterion.urn, criterion.number))
        return found

    # -- QAbstractItemModel ----------------------------------------------------------------------------------
    def index(self, row, column, parent=QModelIndex()):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _pack(row))
        u, o, _ = _unpack(parent.internalId())
        if o < 0:
            return self.createIndex(row, column, _pack(u, row))
        return self.createIndex(row, column, _pack(u, o, row))

    def parent(self, index=QModelIndex()):
        if not index.isValid():
            return QModelIndex()
        u, o, c = _unpack(index.internalId())
        if o < 0:
            return QModelIndex()
        if c < 0:
            return self.createIndex(u, 0, _pack(u))
        return self.createIndex(o, 0, _pack(u, o))

    def rowCount(self, parent=QModelIndex()):
        if not parent.isValid():
            return len(self._units)
        if parent.column() != 0:
            return 0
        u, o, c = _unpack(parent.internalId())
        if o < 0:
            return len(self._criteria[u])
        return len(self._criteria[u][o]) if c < 0 else 0

    def columnCount(self, parent=QModelIndex()):
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        _, _, c = _unpack(index.internalId())
        if c >= 0 and index.column() == 0 and not self.is_locked(self.unit_at(index).urn):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        u, o, c = _unpack(index.internalId())
        unit = self._units[u]
        locked = unit.urn in self._locked
        if role == LOCKED_ROLE:
            return locked
        if role == Qt.ItemDataRole.ForegroundRole:
            return _LOCKED_BRUSH if locked else None
        if o < 0:
            return self._unit_data(unit, locked, index.column(), role)
        if c < 0:
            outcome = unit.outcomes[o]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and index.column() == 0:
                return f"LO {outcome.number}  {outcome.text}"
            return None
        criterion = self._criteria[u][o][c]
        key = (criterion.urn, criterion.number)
        if role == KEY_ROLE:
            return key
        if index.column() == 1:
            return self._other_refs.get(key, "") if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{criterion.number}  {criterion.text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{unit.name} {criterion.number}: {criterion.text}" + (" (signed off: locked)" if locked else "")
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if key in self._ticked else Qt.CheckState.Unchecked
        return None

    @staticmethod
    def _unit_data(unit: Unit, locked: bool, column: int, role):
        if column != 0 or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return f"{unit.name}  {unit.title}" + ("   🔒 signed off" if locked else "")


class TickFilterProxy(QSortFilterProxyModel):
    """Shows the ACs a typed filter finds, with their unit and LO rows (TickTreeModel.matching says which)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._found: set[tuple[str, str]] | None = None
        self._parents: set[tuple[int, int]] = set()

    def set_query(self, query: str) -> None:
        source: TickTreeModel = self.sourceModel()
        self.beginFilterChange()
        self._found = source.matching(query)
        self._parents = set()
        for key in self._found or ():
            u, o = source.outcome_position(key)
            self._parents.update({(u, -1), (u, o)})
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._found is None:
            return True
        if not source_parent.isValid():
            return (source_row, -1) in self._parents
        u, o, _ = _unpack(source_parent.internalId())
        if o < 0:
            return (u, source_row) in self._parents
        return (self.sourceModel().index(source_row, 0, source_parent).data(KEY_ROLE)) in self._found
