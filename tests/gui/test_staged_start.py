"""Staged start: imports on a worker thread, then on the GUI thread the records, then one attach step per pass of
the event loop; a failed import or records that cannot open stop it with nothing attached."""

import threading

from assessor_app.gui.staged_start import StagedStart
from PySide6.QtWidgets import QWidget


class FakeWindow(QWidget):
    def __init__(self):
        super().__init__()
        self.steps, self.attached_to = [], None

    def attach(self, session):
        self.attached_to = session
        for step in ("units", "unit page", "overview"):
            self.steps.append((step, threading.current_thread() is threading.main_thread()))
            yield


def test_imports_off_the_gui_thread_then_records_then_each_pane(qtbot):
    window, threads, opened = FakeWindow(), [], []
    qtbot.addWidget(window)
    staged = StagedStart(window, lambda: threads.append(threading.current_thread()),
                         lambda: opened.append(threading.current_thread()) or "the session")
    with qtbot.waitSignal(staged.loaded, timeout=5000):
        staged.start()
        assert window.steps == []  # nothing runs before the event loop does
    assert threads[0] is not threading.main_thread() and opened == [threading.main_thread()]
    assert window.attached_to == "the session" == staged.session
    assert window.steps == [("units", True), ("unit page", True), ("overview", True)]


def test_a_failed_import_is_told_and_nothing_opens(qtbot):
    window, opened = FakeWindow(), []
    qtbot.addWidget(window)

    def broken():
        raise ImportError("No module named 'sqlite_utils'")

    staged = StagedStart(window, broken, lambda: opened.append(1) or "the session")
    with qtbot.waitSignal(staged.failed, timeout=5000) as told:
        staged.start()
    assert isinstance(told.args[0], ImportError) and opened == [] and window.attached_to is None


def test_records_that_cannot_open_stop_it(qtbot):
    window = FakeWindow()
    qtbot.addWidget(window)
    staged = StagedStart(window, lambda: None, lambda: None)  # the opener has already said why
    loaded = []
    staged.loaded.connect(lambda: loaded.append(1))
    staged.start()
    qtbot.waitUntil(lambda: not staged._poll.isActive(), timeout=5000)
    qtbot.wait(50)
    assert window.attached_to is None and loaded == [] and staged.session is None
