"""Long work off the GUI thread: its result comes back, its error reaches the user as a message, cancel is heard."""

import threading

from PySide6.QtWidgets import QMessageBox, QWidget

from assessor_app.gui.background import BackgroundTask, run_with_progress


def test_result_comes_back_on_the_gui_thread_with_progress(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen, threads = [], []

    def work(progress):
        threads.append(threading.current_thread())
        for step in range(3):
            progress.report(step + 1, 3, f"step {step + 1}")
        return "done"

    task = run_with_progress(parent, "Work", "Working…", work, seen.append)
    qtbot.waitUntil(lambda: seen == ["done"], timeout=10000)  # delivered to the GUI thread's event loop
    assert task.wait(5000)
    assert threads[0] is not threading.main_thread()


def test_error_becomes_a_message_and_cancel_stops_the_work(qtbot, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: warnings.append((title, text)))

    def failing(_progress):
        raise OSError("the stick was pulled out")

    task = run_with_progress(parent, "Export", "Writing…", failing)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert warnings == [("Export", "the stick was pulled out")] and task.error

    started = threading.Event()

    def endless(progress):
        started.set()
        while not progress.cancelled():
            progress.report(0, 0)
        return "cancelled"

    task = BackgroundTask(endless)
    task.start()
    assert started.wait(5)
    task.cancel()
    assert task.wait(5000) and task.result == "cancelled"


def test_the_collector_waits_while_a_worker_runs_and_collects_on_the_gui_thread(qtbot):
    import gc
    import threading

    seen = {}

    def work(_progress):
        seen["enabled while working"] = gc.isenabled()
        return threading.current_thread()

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.succeeded, timeout=5000):
        task.start()
    qtbot.waitUntil(lambda: gc.isenabled(), timeout=5000)  # given back on the GUI thread once the thread ended
    assert seen["enabled while working"] is False and task.result is not threading.main_thread()
