"""An unexpected error in the window is logged and shown with the log file's location; the window carries on. A record
damaged mid-session is said once, plainly, and the window goes read-only."""

import sys

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from assessor_app.logs import log_file_of
from assessor_app.store.database import StoreError
from tests.gui.helpers import open_window, select_learner, trigger


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


def _damage_page_of(session, table):
    """Overwrite the table's root page on disk with garbage, as a failing disk would, while the window is open."""
    db = session.store.db
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    with open(session.store.path, "r+b") as raw:
        raw.seek((root - 1) * page_size)
        raw.write(b"\xee" * page_size)
    db.execute("PRAGMA shrink_memory")  # drop the cached copy, so the next read goes to the damaged page


def test_a_record_damaged_mid_session_says_so_once_and_goes_read_only(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")
    _damage_page_of(session, "evidence_item")
    trigger(window, "action_evidence_register")  # its slot reads the damaged page: an error Qt hands the hook
    trigger(window, "action_learner_overview")
    box = window.findChild(QMessageBox, "damaged_record")
    assert box is not None and box.isVisible()
    assert "is damaged" in box.text() and "malformed" in box.text() and "assessor-app restore" in box.text()
    assert "Traceback" not in box.text() + box.informativeText()
    assert window.findChild(QMessageBox, "unexpected_error") is None, "shown as a crash as well"
    assert len(window.findChildren(QMessageBox, "damaged_record")) == 1
    assert session.store.read_only and session.store.damaged
    assert not window.findChild(QAction, "action_new_learner").isEnabled()
    assert window.windowTitle().endswith("(read-only)")
    with pytest.raises(StoreError, match="is damaged"):
        session.roster.add("New Learner", "R-NEW")
    box.close()
    window.close()
    session.store.close()
