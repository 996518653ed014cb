"""An unexpected error in the window is logged and shown with the log file's location; the window carries on."""

import sys

from PySide6.QtWidgets import QMessageBox

from assessor_app.logs import log_file_of
from tests.gui.helpers import open_window


def test_unexpected_error_shows_the_log_file_and_the_window_keeps_running(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    assert sys.excepthook is window.errors
    try:
        raise RuntimeError("disk hiccup")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    box = window.findChild(QMessageBox, "unexpected_error")
    assert box is not None and box.isVisible()
    assert "disk hiccup" in box.text() and str(log_file_of()) in box.informativeText()
    assert "RuntimeError: disk hiccup" in log_file_of().read_text(encoding="utf-8")
    box.close()
    assert window.isVisible() and window.learners.model.rowCount() == 3
    window.close()
    assert sys.excepthook is not window.errors
    session.store.close()
