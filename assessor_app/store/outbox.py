"""Change capture: triggers from the live schema append field-level changes; stamping gives them clock and sequence."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator

import sqlite_utils

from assessor_app.domain.hlc import Stamp, receive, tick

SYNC_COLUMNS = {"id", "created_at", "updated_at", "device_id", "deleted"}
# Append-only but without the sync columns: copied whole, never edited.
ALSO_SYNCED = ("audit_event",)
TRIGGER_PREFIX = "sync_capture_"
MUTED = "NOT EXISTS (SELECT 1 FROM sync_mute)"
CHANGE_FIELDS = ("device_id", "device_seq", "hlc", "table_name", "row_id", "field", "value", "seen")


def syncable_tables(db: sqlite_utils.Database) -> dict[str, list[str]]:
    """Every table whose rows travel, with its columns in schema order: those with the sync columns of
    DESIGN.md section 3, and the audit trail; never local settings or the sync tables themselves."""
    found = {}
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall():
        if table.startswith("sync_") or table.startswith("sqlite_") or table == "app_setting":
            continue
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})").fetchall()]
        if SYNC_COLUMNS <= set(columns) or table in ALSO_SYNCED:
            found[table] = columns
    return found


def immutable_tables(db: sqlite_utils.Database) -> set[str]:
    """Tables whose rows the database itself refuses to update (sign-offs, signatures, the audit trail)."""
    found = db.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    return {table for table, sql in found if sql and "BEFORE UPDATE" in sql.upper() and "RAISE" in sql.upper()}


def install_capture(db: sqlite_utils.Database) -> None:
    """(Re)create the capture triggers from the schema as it is now, so columns and tables added by any
    migration are captured without this module knowing them. Writes nothing when they are already current, so
    opening a record that is not then changed leaves its file as it was."""
    wanted = capture_triggers(db)
    existing = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
                               [TRIGGER_PREFIX + "%"]).fetchall())
    if existing == wanted:
        return
    for name in existing:
        db.execute(f"DROP TRIGGER {name}")
    for sql in wanted.values():
        db.execute(sql)


def capture_triggers(db: sqlite_utils.Database) -> dict[str, str]:
    """Trigger name -> CREATE statement, for every syncable table of the live schema."""
    wanted = {}
    for table, columns in syncable_tables(db).items():
        pairs = ", ".join(f"'{c}', new.{c}" for c in columns)
        wanted[f"{TRIGGER_PREFIX}{table}_insert"] = (
            f"CREATE TRIGGER {TRIGGER_PREFIX}{table}_insert AFTER INSERT ON {table} WHEN {MUTED} BEGIN "
            f"INSERT INTO sync_change (table_name, row_id, field, value) "
            f"VALUES ('{table}', new.id, '*', json_object({pairs})); END")
        edits = " ".join(
            f"INSERT INTO sync_change (table_name, row_id, field, value) SELECT '{table}', new.id, '{c}', "
            f"json_quote(new.{c}) WHERE old.{c} IS NOT new.{c};" for c in columns if c != "id")
        wanted[f"{TRIGGER_PREFIX}{table}_update"] = (
            f"CREATE TRIGGER {TRIGGER_PREFIX}{table}_update AFTER UPDATE ON {table} WHEN {MUTED} BEGIN "
            f"{edits} END")
    return wanted


def drop_capture(db: sqlite_utils.Database) -> None:
    """Before migrating: a migration that rebuilds or drops a column must not trip over an old trigger."""
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
                              [TRIGGER_PREFIX + "%"]).fetchall():
        db.execute(f"DROP TRIGGER {name}")


@contextlib.contextmanager
def muted(db: sqlite_utils.Database) -> Iterator[None]:
    """Inside an open transaction: rows written here are the merge's, not new local changes."""
    db.execute("INSERT INTO sync_mute VALUES ('merge')")
    try:
        yield
    finally:
        db.execute("DELETE FROM sync_mute")


# -- the clock and the version vector -----------------------------------------------------------------------
def clock(db: sqlite_utils.Database) -> Stamp:
    wall, counter = db.execute("SELECT wall_ms, counter FROM sync_clock WHERE id = 1").fetchone()
    return Stamp(wall, counter)


def set_clock(db: sqlite_utils.Database, stamp: Stamp) -> None:
    db.execute("UPDATE sync_clock SET wall_ms = ?, counter = ? WHERE id = 1", [stamp.wall, stamp.counter])


def advance_clock(db: sqlite_utils.Database, remote: Stamp, now_ms: int) -> None:
    set_clock(db, receive(clock(db), remote, now_ms))


def vector(db: sqlite_utils.Database) -> dict[str, dict]:
    """Per device: the last sequence number applied here, the last bundle read (or written) and its hash."""
    found = db.execute("SELECT device_id, last_seq, bundle_no, bundle_hash, exported_seq FROM sync_vector").fetchall()
    return {r[0]: {"last_seq": r[1], "bundle_no": r[2], "bundle_hash": r[3], "exported_seq": r[4]} for r in found}


def seen_vector(db: sqlite_utils.Database) -> dict[str, int]:
    return {device: entry["last_seq"] for device, entry in vector(db).items() if entry["last_seq"]}


def record_vector(db: sqlite_utils.Database, device_id: str, **values) -> None:
    db.execute("INSERT OR IGNORE INTO sync_vector (device_id) VALUES (?)", [device_id])
    assignments = ", ".join(f"{k} = ?" for k in values)
    db.execute(f"UPDATE sync_vector SET {assignments} WHERE device_id = ?", [*values.values(), device_id])


def stamp_pending(db: sqlite_utils.Database, device_id: str, now_ms: int) -> int:
    """Inside the write transaction, just before COMMIT: give this transaction's captured changes one clock
    stamp and consecutive sequence numbers. A sign-off also records what this device had seen, so the merge
    can tell a change the signer knew from one made elsewhere without its knowledge."""
    pending = db.execute("SELECT rowid, table_name, field FROM sync_change WHERE hlc IS NULL ORDER BY rowid").fetchall()
    if not pending:
        return 0
    stamp = tick(clock(db), now_ms)
    set_clock(db, stamp)
    last = vector(db).get(device_id, {}).get("last_seq", 0)
    seen = None
    for offset, (rowid, table, field) in enumerate(pending, start=1):
        if table == "unit_signoff" and field == "*":
            if seen is None:
                seen = json.dumps({**seen_vector(db), device_id: last + len(pending)}, sort_keys=True)
            mark = seen
        else:
            mark = None
        db.execute("UPDATE sync_change SET hlc = ?, device_id = ?, device_seq = ?, seen = ? WHERE rowid = ?",
                   [stamp.text(), device_id, last + offset, mark, rowid])
    record_vector(db, device_id, last_seq=last + len(pending))
    return len(pending)


def local_changes(db: sqlite_utils.Database, device_id: str, after_seq: int) -> list[tuple]:
    """This device's stamped changes after `after_seq`, in sequence order, as CHANGE_FIELDS tuples."""
    return db.execute(f"SELECT {', '.join(CHANGE_FIELDS)} FROM sync_change WHERE device_id = ? AND device_seq > ? "
                      "ORDER BY device_seq", [device_id, after_seq]).fetchall()


def pending_count(db: sqlite_utils.Database, device_id: str) -> int:
    exported = vector(db).get(device_id, {}).get("exported_seq", 0)
    return db.execute("SELECT count(*) FROM sync_change WHERE device_id = ? AND device_seq > ?",
                      [device_id, exported]).fetchone()[0]
