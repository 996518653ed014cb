"""The learner list read on a read-only stdlib connection before the records open, so the window shows it at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assessor_app.store.selects import LIVE_LIST_BY_NAME, LIVE_QUALIFICATIONS, SCHEMA_VERSION

# Set only when the window is guarded by a passcode (services/passcode.py): no name may show before it is given.
PASSCODE_SETTING = "app_passcode"


def read_roster(database: Path) -> tuple[list[tuple[str, str, str, str]], dict[str, list[str]]] | None:
    """The live learners as (id, name, registration no, employer), in the list's order (store/selects.py), and
    each one's qualification numbers; or None when the file must go the ordinary way first: missing, not at this
    app's schema version (it needs migrating, or is newer), guarded by a passcode, or unreadable. Never writes: the
    connection is read-only, and the quick check and migrations still run when the records open."""
    if not database.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            return None
        if connection.execute("SELECT 1 FROM app_setting WHERE key = ?", [PASSCODE_SETTING]).fetchone():
            return None
        qualifications: dict[str, list[str]] = {}
        for learner_id, number in connection.execute(LIVE_QUALIFICATIONS):
            qualifications.setdefault(learner_id, []).append(number)
        return connection.execute(LIVE_LIST_BY_NAME).fetchall(), qualifications
    except sqlite3.Error:  # damaged or half-written: opening the records says what is wrong
        return None
    finally:
        connection.close()
