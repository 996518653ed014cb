"""Choosing optional units: the dialog says live whether the route is valid and what each group still needs."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from assessor_app.gui.route_dialog import RouteDialog
from assessor_app.paths import shipped_dir
from assessor_app.services.catalogue import load_catalogue
from tests.conftest import IMI

CATALOGUE = load_catalogue(shipped_dir("qualifications"))


def tick(dialog, group_name, refs):
    model = dialog.model
    for g_row in range(model.rowCount()):
        if model.group_at(g_row).name != group_name:
            continue
        parent = model.index(g_row, 0)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data() in refs:
                assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)


def save_enabled(dialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()


def test_mandatory_units_are_chosen_and_cannot_be_unticked(qtbot):
    dialog = RouteDialog(CATALOGUE.get(IMI), [], "Ann")
    qtbot.addWidget(dialog)
    group_a = dialog.model.index(0, 0)
    unit = dialog.model.index(0, 0, group_a)
    assert unit.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert not dialog.model.setData(unit, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert len(dialog.chosen()) == 5


def test_feedback_follows_each_tick_until_the_route_is_valid(qtbot):
    dialog = RouteDialog(CATALOGUE.get(IMI), [], "Ann")
    qtbot.addWidget(dialog)
    assert not save_enabled(dialog)
    assert "Group B: 3 more credits needed" in dialog.feedback.text()
    tick(dialog, "B", {"CS 5"})
    assert "Group B: 3 more credits needed" not in dialog.feedback.text()
    assert "✔ Group B: 3 credits count" in dialog.feedback.text()
    tick(dialog, "C", {"CS 10", "CS 11", "CS 12", "CS 13", "CS 14", "CS 15"})  # 3+3+2+3+3+4 = 18 credits
    assert "✔ Group C: 18 credits count" in dialog.feedback.text()
    assert not save_enabled(dialog)  # 19 + 3 + 18 = 40 of 45
    tick(dialog, "D", {"CC38"})  # 7 credits, Group D's maximum
    assert save_enabled(dialog), dialog.feedback.text()
    assert "The chosen units form a valid route." in dialog.feedback.text()
    assert "47 credits chosen" in dialog.feedback.text()
