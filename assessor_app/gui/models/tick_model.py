"""List model of the ACs of a learner's chosen units, grouped under unit and LO headings, each AC with a tick box."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from assessor_app.domain.catalogue import Unit

KEY_ROLE = Qt.ItemDataRole.UserRole + 1      # (unit URN, AC number) of an AC row, None on other rows
LOCKED_ROLE = Qt.ItemDataRole.UserRole + 2   # True on every row of a signed-off unit

_NUMBER = re.compile(r"^\d+(\.\d+)*$")
_LOCKED_BRUSH = QBrush(QColor("#7a7a7a"))


@dataclass(frozen=True)
class _Row:
    """One line of the flat list: a unit heading, an LO heading, or an AC (which has a `key`)."""

    unit: int
    outcome: int            # -1 on a unit heading
    text: str
    key: tuple[str, str] | None = None
    search: str = ""        # what a typed word is looked for in (ACs only)


class TickTreeModel(QAbstractTableModel):
    """A flat list (so showing or filtering it never expands a tree): unit and LO heading rows, each followed by
    its ACs. Column 0 is the row's text, with the tick box on AC rows; column 1 the other evidence covering it."""

    HEADERS = ("Assessment criterion", "Other evidence")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._units: list[Unit] = []
        self._rows: list[_Row] = []
        self._locked: set[str] = set()
        self._ticked: set[tuple[str, str]] = set()
        self._other_refs: dict[tuple[str, str], str] = {}
        self._row_of: dict[tuple[str, str], int] = {}
        self._heading_rows: dict[tuple[int, int], int] = {}
        self._unit_font, self._outcome_font = QFont(), QFont()
        self._unit_font.setBold(True)
        self._outcome_font.setItalic(True)

    # -- filling ---------------------------------------------------------------------------------------------
    def set_units(self, units: Iterable[Unit], locked: Iterable[str] = (),
                  other_refs: dict[tuple[str, str], str] | None = None) -> None:
        """`locked`: URNs of signed-off units; `other_refs`: (URN, AC) -> refs of other evidence covering it."""
        self.beginResetModel()
        self._units = list(units)
        self._locked = set(locked)
        self._other_refs = dict(other_refs or {})
        self._rows, self._row_of, self._heading_rows = [], {}, {}
        for u, unit in enumerate(self._units):
            self._heading_rows[(u, -1)] = len(self._rows)
            self._rows.append(_Row(u, -1, f"{unit.name}  {unit.title}" + ("   (signed off)" if unit.urn in
                                                                            self._locked else "")))
            for o, outcome in enumerate(unit.outcomes):
                self._heading_rows[(u, o)] = len(self._rows)
                self._rows.append(_Row(u, o, f"    LO {outcome.number}  {outcome.text}"))
                for criterion in outcome.criteria:
                    key = (unit.urn, criterion.number)
                    self._row_of[key] = len(self._rows)
                    search = f"{unit.ref} {unit.title} {outcome.text} {criterion.text}".casefold()
                    self._rows.append(_Row(u, o, f"{criterion.number}  {criterion.text}", key, search))
        self._ticked &= set(self._row_of)
        self.endResetModel()

    def set_ticked(self, keys: Iterable[tuple[str, str]]) -> None:
        """The ACs ticked (all at once, e.g. on opening); only rows whose state changes are repainted."""
        wanted = set(keys) & set(self._row_of)
        for key in wanted ^ self._ticked:
            self.set_tick(key, key in wanted)

    def set_tick(self, key: tuple[str, str], ticked: bool) -> None:
        if (key in self._ticked) == ticked or key not in self._row_of:
            return
        (self._ticked.add if ticked else self._ticked.discard)(key)
        index = self.index_of(key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def ticked(self) -> set[tuple[str, str]]:
        return set(self._ticked)

    def is_locked(self, urn: str) -> bool:
        return urn in self._locked

    def index_of(self, key: tuple[str, str], column: int = 0) -> QModelIndex:
        return self.index(self._row_of[key], column)

    def headings_of(self, key: tuple[str, str]) -> tuple[int, int]:
        """The rows of an AC's unit and LO headings, for the proxy to keep them in view."""
        row = self._rows[self._row_of[key]]
        return self._heading_rows[(row.unit, -1)], self._heading_rows[(row.unit, row.outcome)]

    def unit_at(self, index: QModelIndex) -> Unit:
        return self._units[self._rows[index.row()].unit]

    # -- filtering -------------------------------------------------------------------------------------------
    def matching(self, query: str) -> set[tuple[str, str]] | None:
        """The ACs a typed filter finds (None: no filter). An AC number ("2.3") finds that AC and those under
        it; a unit ref ("CS 7") its whole unit, optionally followed by more; other words must all occur."""
        query = " ".join(query.casefold().split())
        if not query:
            return None
        only_unit = None
        for u, unit in sorted(enumerate(self._units), key=lambda pair: -len(pair[1].ref)):
            ref = unit.ref.casefold()
            if query == ref or query.startswith(ref + " "):
                only_unit, query = u, query[len(ref):].strip()
                break
        words = query.split()
        numbers = [w for w in words if _NUMBER.match(w)]
        texts = [w for w in words if not _NUMBER.match(w)]
        found = set()
        for row in self._rows:
            if row.key is None or (only_unit is not None and row.unit != only_unit):
                continue
            number = row.key[1]
            if numbers and not all(number == n or number.startswith(n + ".") for n in numbers):
                continue
            if all(t in row.search for t in texts):
                found.add(row.key)
        return found

    # -- QAbstractTableModel ---------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self._rows[index.row()]
        if row.key is not None and index.column() == 0 and row.key[0] not in self._locked:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        locked = self._units[row.unit].urn in self._locked
        if role == LOCKED_ROLE:
            return locked
        if role == KEY_ROLE:
            return row.key
        if role == Qt.ItemDataRole.ForegroundRole:
            return _LOCKED_BRUSH if locked else None
        if role == Qt.ItemDataRole.FontRole and row.key is None:
            return self._unit_font if row.outcome < 0 else self._outcome_font
        if index.column() == 1:
            return self._other_refs.get(row.key, "") if role == Qt.ItemDataRole.DisplayRole and row.key else None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.text.strip() + (" (signed off: locked)" if locked and row.key is not None else "")
        if role == Qt.ItemDataRole.CheckStateRole and row.key is not None:
            return Qt.CheckState.Checked if row.key in self._ticked else Qt.CheckState.Unchecked
        return None


class TickFilterProxy(QSortFilterProxyModel):
    """Shows the ACs a typed filter finds, with their unit and LO headings (TickTreeModel.matching says which)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._shown: set[int] | None = None

    def set_query(self, query: str) -> None:
        source: TickTreeModel = self.sourceModel()
        self.beginFilterChange()
        found = source.matching(query)
        if found is None:
            self._shown = None
        else:
            self._shown = {source.index_of(key).row() for key in found}
            for key in found:
                self._shown.update(source.headings_of(key))
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        return self._shown is None or source_row in self._shown
