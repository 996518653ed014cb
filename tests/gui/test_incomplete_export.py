"""The question asked before a record with missing files is exported from the window."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from assessor_app.gui.incomplete_export import confirm_incomplete_export, incomplete_export_box

PROBLEMS = [f"Amelia Hart: log-{n}.pdf (evidence E{n}): file 0a1b2c3d4e5f... is missing from attachments"
            for n in range(15)]


def test_the_box_lists_what_is_missing_and_defaults_to_not_exporting(qtbot):
    box = incomplete_export_box(PROBLEMS)
    qtbot.addWidget(box)
    assert "15 file(s)" in box.text() and PROBLEMS[0][2:] in box.informativeText()
    assert "… and 3 more" in box.informativeText() and box.detailedText().count("\n") == 14
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)


def _answer(choice: str) -> None:
    def click():
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        button = next(b for b in box.buttons() if b.text().replace("&", "") == choice)
        button.click()
    QTimer.singleShot(50, click)


def test_confirming_answers_as_the_user_clicked(qtbot):
    assert confirm_incomplete_export(None, []) is True  # nothing missing: nothing asked
    _answer("Export anyway")
    assert confirm_incomplete_export(None, PROBLEMS) is True
    _answer("Cancel")
    assert confirm_incomplete_export(None, PROBLEMS) is False
