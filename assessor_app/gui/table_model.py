"""Base of the app's flat table models: a list of rows, fixed headers, reset-on-reload."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex

# Qt's item roles as plain ints: naming Qt.ItemDataRole at import would build PySide's whole Qt namespace (about
# 12 ms) before the first screen is up. tests/gui/test_table_model.py holds them equal to Qt's.
# Comparing plain ints is also quicker where views ask for every cell's roles (a row resize asks a few thousand times).
DISPLAY_ROLE, TOOLTIP_ROLE, TEXT_ALIGNMENT_ROLE, USER_ROLE = 0, 3, 7, 256
ALIGN_CENTER = 0x84  # Qt.AlignmentFlag.AlignCenter


class RowModel(QAbstractTableModel):
    """Subclasses set HEADERS and implement `cell(row_object, column, role)`; the titles come from a header model
    (header_labels): no Python headerData, which the view asks for as soon as the model is set."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row]

    def find_row(self, predicate) -> int:
        return next((i for i, item in enumerate(self._rows) if predicate(item)), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index, role=DISPLAY_ROLE):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, column: int, role):
        raise NotImplementedError


class RowTableModel(RowModel):
    """A RowModel whose headerData gives HEADERS as the column titles."""

    def headerData(self, section, orientation, role=DISPLAY_ROLE):
        from PySide6.QtCore import Qt

        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


def header_labels(headers: tuple[str, ...], parent):
    """A header's own model with `headers` as its titles: a QHeaderView given it paints them without calling
    Python's headerData, whose orientation argument would build the Qt namespace (see DISPLAY_ROLE)."""
    from PySide6.QtGui import QStandardItemModel

    labels = QStandardItemModel(0, len(headers), parent)  # a header view does not keep its model alive
    labels.setHorizontalHeaderLabels(list(headers))
    return labels
