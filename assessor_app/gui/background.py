"""Long work off the GUI thread: a worker thread, a progress dialog that can cancel it, errors back as a message."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from assessor_app.gui.collection import COLLECTION

log = logging.getLogger(__name__)


class WorkerThread(QThread):
    """A QThread during whose run the collector is held off (gui/collection.py says why)."""

    def start(self, *args) -> None:
        self._release_collection = COLLECTION.hold()
        self.finished.connect(self._release)  # this object lives on the GUI thread: the slot runs there
        super().start(*args)

    def _release(self) -> None:
        self.finished.disconnect(self._release)
        self._release_collection()


class Progress:
    """Handed to the work function: report how far it is, and ask whether the user cancelled."""

    def __init__(self, task: "BackgroundTask"):
        self._task = task
        self._cancelled = threading.Event()

    def report(self, done: int, total: int, label: str = "") -> None:
        self._task.progressed.emit(done, total, label)

    def cancel(self) -> None:
        self._cancelled.set()

    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class BackgroundTask(WorkerThread):
    """Runs `work(progress)` on its own thread. `succeeded` carries its result, `failed` its error in words;
    the GUI thread receives both (queued signals), so the slots may touch widgets."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[Progress], object], parent=None):
        super().__init__(parent)
        self._work = work
        self.progress = Progress(self)
        self.result = None
        self.error = ""

    def cancel(self) -> None:
        self.progress.cancel()

    def run(self) -> None:
        try:
            self.result = self._work(self.progress)
        except Exception as error:  # reaches the user as a message; the app keeps running
            log.exception("background work failed")
            self.error = str(error) or type(error).__name__
            self.failed.emit(self.error)
            return
        self.succeeded.emit(self.result)


def run_with_progress(parent: QWidget, title: str, label: str, work: Callable[[Progress], object],
                      on_done: Callable[[object], None] | None = None, *, show_errors: bool = True) -> BackgroundTask:
    """Start `work` off the GUI thread behind a window-modal progress dialog with Cancel. On success
    `on_done(result)` runs on the GUI thread; an error is shown as a warning titled `title`."""
    task = BackgroundTask(work, parent)
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.canceled.connect(task.cancel)
    task.dialog = dialog

    def moved(done: int, total: int, text: str) -> None:
        dialog.setRange(0, max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        if text:
            dialog.setLabelText(text)

    def failed(message: str) -> None:
        if show_errors:
            QMessageBox.warning(parent, title, message)

    task.progressed.connect(moved)
    task.failed.connect(failed)
    if on_done is not None:
        task.succeeded.connect(on_done)
    task.finished.connect(dialog.reset)
    task.finished.connect(dialog.deleteLater)
    task.start()
    return task
