"""Registering a learner: the dialog names the learner in itself, and offers only qualifications not yet taken."""

from PySide6.QtWidgets import QLabel

from assessor_app.gui.register_dialog import RegisterDialog
from tests.conftest import IMI
from tests.gui.helpers import open_screen


def test_the_dialog_names_the_learner_and_leaves_out_their_qualification(qtbot, demo_dir):
    window, session, dialog = open_screen(qtbot, demo_dir, "Amelia Hart", "action_register", RegisterDialog)
    assert "Amelia Hart" in [label.text() for label in dialog.findChildren(QLabel)]  # not only in its title bar
    assert dialog.qualification.findData(IMI) == -1 and dialog.qualification.count()
    session.store.close()
