"""Python's garbage collector held off while the window starts or a worker thread runs, then run on the GUI thread."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable


class CollectionHold:
    """A collection that a worker's allocations set off frees whatever sits in reference cycles on that worker's
    thread, Qt objects included, and a Qt object destroyed off its own thread can crash the app (a batch export
    did so in the tests, freeing a closed dialog's objects while it rendered). Start-up is held too: it allocates
    much and frees little, so the collections it would set off are time spent for nothing (about 4 ms)."""

    def __init__(self):
        self._holders = 0
        self._lock = threading.Lock()

    def hold(self) -> Callable[[], None]:
        """Hold the collector off; the function returned gives it back (from the GUI thread), once."""
        with self._lock:
            self._holders += 1
            gc.disable()
        released = threading.Event()

        def release() -> None:
            if released.is_set():
                return
            released.set()
            with self._lock:
                self._holders -= 1
                last = self._holders == 0
            if last:
                gc.enable()
                gc.collect()

        return release


# One for the process, as the collector is.
COLLECTION = CollectionHold()
