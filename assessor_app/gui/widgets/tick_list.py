"""The tick list: every AC of the learner's chosen units, filtered as you type, ticked from the keyboard or mouse.

Arrows move, Space ticks or unticks the current AC and the focus stays on that row; Down or Enter in the filter
goes to the first AC found. Whoever owns the list decides what a tick does (store it at once, or on saving):
it asks through `tick_requested` and confirms with `set_tick`."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTreeView, QVBoxLayout, QWidget

from assessor_app.gui.models.tick_model import KEY_ROLE, LOCKED_ROLE, TickFilterProxy, TickTreeModel

CHECK_BOX_WIDTH = 24  # px from the left of an AC's cell that count as its tick box


class TickTree(QTreeView):
    space_pressed = Signal(QModelIndex)
    box_clicked = Signal(QModelIndex)

    def mouseReleaseEvent(self, event) -> None:
        # A click on the box ticks; a click on the text only moves there (so reading never ticks by accident).
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and index.column() == 0 and index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            if event.position().x() - self.visualRect(index).left() < CHECK_BOX_WIDTH:
                self.box_clicked.emit(index)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and self.currentIndex().isValid():
            self.space_pressed.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class TickList(QWidget):
    tick_requested = Signal(str, str, bool)  # unit URN, AC number, wanted state
    refused = Signal(str)                    # why a tick cannot be made (a signed-off unit)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = TickTreeModel(self)
        self.proxy = TickFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(placeholderText="Filter: an AC number (2.3), a unit (CS 7) or words")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter)
        self.filter.installEventFilter(self)
        self.view = TickTree()
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setRootIsDecorated(False)  # a flat list under headings: nothing to expand, so filtering is cheap
        self.view.setItemsExpandable(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.header().setStretchLastSection(False)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.filter.setAccessibleName("Filter the criteria")
        self.view.setAccessibleName("Criteria; Space ticks")
        self.view.space_pressed.connect(self._toggle)
        self.view.box_clicked.connect(self._toggle)
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)

    def set_units(self, units, locked=(), other_refs=None, ticked=()) -> None:
        self.model.set_units(units, locked, other_refs)
        self.model.set_ticked(ticked)
        self.proxy.set_query(self.filter.text())
        self._show_count()

    def set_tick(self, urn: str, number: str, ticked: bool) -> None:
        self.model.set_tick((urn, number), ticked)
        self._show_count()

    def ticked(self) -> set[tuple[str, str]]:
        return self.model.ticked()

    def select(self, urn: str, number: str) -> None:
        """Make the AC the current row (for tests and for jumping from elsewhere)."""
        index = self.proxy.mapFromSource(self.model.index_of((urn, number)))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def current_key(self) -> tuple[str, str] | None:
        return self.view.currentIndex().data(KEY_ROLE)

    def focus_first(self) -> None:
        """Into the list, on the first AC the filter shows."""
        first = next((row for row in range(self.proxy.rowCount()) if self.proxy.index(row, 0).data(KEY_ROLE)), None)
        if first is not None:
            self.view.setCurrentIndex(self.proxy.index(first, 0))
        self.view.setFocus()

    def eventFilter(self, watched, event) -> bool:
        # Enter is taken here, not left to returnPressed: a line edit passes Enter on to its dialog, whose default
        # button (Save on the evidence forms) would then save a half-written form.
        if watched is self.filter and event.type() == event.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focus_first()
            return True
        return super().eventFilter(watched, event)

    def _on_filter(self, text: str) -> None:
        self.proxy.set_query(text)
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(f"{len(self.model.ticked())} ticked")

    def _toggle(self, index: QModelIndex) -> None:
        key = index.data(KEY_ROLE) if index.column() == 0 else index.siblingAtColumn(0).data(KEY_ROLE)
        if key is None:
            return  # a unit or LO heading
        if index.data(LOCKED_ROLE):
            self.refused.emit(f"{self.model.unit_at(self.proxy.mapToSource(index)).name} is signed off: "
                              "reopen it with a reason before adding evidence to it")
            return
        self.tick_requested.emit(key[0], key[1], key not in self.model.ticked())
