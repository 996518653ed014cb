"""SQLite's quick check of the records file on a worker thread, started before the app's heavier modules load."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

# Opening for writing runs PRAGMA quick_check for at most this long (bench/trust.py measures it on 1,000
# learners); a check cut short by the budget counts as passed, and `assessor-app check` runs the whole of it.
QUICK_CHECK_SECONDS = 0.5


class EarlyCheck:
    """`PRAGMA quick_check(5)` of an existing file on its own read-only connection, begun at once so that it runs
    (in SQLite, without the GIL) while the main thread imports the window; open_store then takes its findings
    instead of checking the file again. The budget is enforced with SQLite's interrupt rather than a progress
    callback, which would have to wait for the GIL the importing thread holds."""

    def __init__(self, path: Path, budget: float):
        self.path = Path(path)
        self._found: list[str] | None = None
        self._thread = threading.Thread(target=self._run, args=(budget,), name="quick-check", daemon=True)
        if self.path.is_file():
            self._thread.start()

    def _run(self, budget: float) -> None:
        try:
            # timeout=0: a file locked by another writer is left to open_store's own check, never waited on here
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=0,
                                   check_same_thread=False)
        except sqlite3.Error:
            return
        timer = threading.Timer(budget, conn.interrupt)
        timer.start()
        try:
            self._found = [row[0] for row in conn.execute("PRAGMA quick_check(5)").fetchall()]
        except sqlite3.OperationalError as error:
            # out of time: as open_store's own check, nothing found; busy or unopenable: open_store checks itself
            self._found = [] if "interrupted" in str(error) else None
        except sqlite3.DatabaseError as error:
            self._found = [str(error)]
        finally:
            timer.cancel()
            conn.close()

    def findings(self) -> list[str] | None:
        """What the check reported (["ok"] for a sound file, [] when it ran out of time), or None when it could not
        run and the caller must check the file itself."""
        if self._thread.ident is None:
            return None
        self._thread.join()
        return self._found
