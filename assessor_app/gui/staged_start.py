"""Start-up in stages: the learner list is on screen first; the records and the other panes open on later passes of
the event loop (the slow imports on a worker thread), so the list answers keys while they load."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from assessor_app.gui.collection import COLLECTION


class StagedStart(QObject):
    """`prepare` runs on a worker thread (imports only: nothing there may touch Qt or the records); then, on the
    GUI thread, `open_records` gives the session (or None when it could not, having said why), and the window's
    attach steps run one per pass of the event loop."""

    loaded = Signal()  # every pane is there
    failed = Signal(object)  # the exception `prepare` raised (a broken install): the window cannot open

    def __init__(self, window, prepare: Callable[[], None], open_records: Callable[[], object]):
        super().__init__(window)
        self._window, self._open_records = window, open_records
        self.session = None
        self.failure: BaseException | None = None
        # Not a daemon: quitting during the imports waits for them, instead of tearing modules down under them.
        self._prepare = threading.Thread(target=self._run, args=(prepare,), name="start-up imports")
        self._poll = QTimer(self)
        self._poll.setInterval(5)
        self._poll.timeout.connect(self._check_prepared)
        self._steps = None

    def _run(self, prepare: Callable[[], None]) -> None:
        try:
            prepare()
        except Exception as error:  # noqa: BLE001 - told on the GUI thread, which can show it
            self.failure = error

    def start(self) -> None:
        self._release_collection = COLLECTION.hold()  # while the imports run (gui/collection.py says why)
        self._prepare.start()
        self._poll.start()

    def _check_prepared(self) -> None:
        if self._prepare.is_alive():
            return
        self._poll.stop()
        self._release_collection()
        if self.failure is not None:
            self.failed.emit(self.failure)
            return
        self.session = self._open_records()
        if self.session is None:
            return
        self._steps = self._window.attach(self.session)
        QTimer.singleShot(0, self._next_step)

    def _next_step(self) -> None:
        try:
            next(self._steps)
        except StopIteration:
            self.loaded.emit()
            return
        QTimer.singleShot(0, self._next_step)
