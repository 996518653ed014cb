"""The table models' roles are Qt's, and a header model paints the column titles."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from assessor_app.gui.models.caseload_model import CaseloadTableModel
from assessor_app.gui.table_model import (ALIGN_CENTER, DISPLAY_ROLE, TEXT_ALIGNMENT_ROLE, TOOLTIP_ROLE, USER_ROLE,
                                          header_labels)


def test_the_plain_roles_are_qts():
    assert (DISPLAY_ROLE, TOOLTIP_ROLE, TEXT_ALIGNMENT_ROLE, USER_ROLE) == (
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.UserRole)
    assert ALIGN_CENTER == Qt.AlignmentFlag.AlignCenter


def test_a_header_model_gives_the_titles(qtbot):
    view = QTableView()
    qtbot.addWidget(view)
    model = CaseloadTableModel(view)
    view.setModel(model)
    view.horizontalHeader().setModel(header_labels(model.HEADERS, view))
    header = view.horizontalHeader().model()
    assert [header.headerData(c, Qt.Orientation.Horizontal) for c in range(len(model.HEADERS))] == \
        list(model.HEADERS)
