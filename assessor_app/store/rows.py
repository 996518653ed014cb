"""Row helpers every store module shares: stamped inserts, updates and soft deletes with sync columns."""

from __future__ import annotations

import sqlite_utils

from assessor_app.domain.ids import utc_now


def insert(db: sqlite_utils.Database, table: str, row: dict, device_id: str) -> dict:
    """Insert `row` with created/updated timestamps, this device's id and deleted = 0; returns what was stored."""
    now = utc_now()
    stored = {**row, "created_at": now, "updated_at": now, "device_id": device_id, "deleted": 0}
    columns = ", ".join(stored)
    marks = ", ".join("?" for _ in stored)
    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(stored.values()))
    return stored


def update(db: sqlite_utils.Database, table: str, record_id: str, values: dict, device_id: str) -> None:
    """Set `values` on one row; updated_at and device_id always move with an edit (sync compares them)."""
    stored = {**values, "updated_at": utc_now(), "device_id": device_id}
    assignments = ", ".join(f"{column} = ?" for column in stored)
    db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*stored.values(), record_id])


def set_deleted(db: sqlite_utils.Database, table: str, record_id: str, deleted: bool, device_id: str) -> None:
    update(db, table, record_id, {"deleted": int(deleted)}, device_id)


def fetch(db: sqlite_utils.Database, table: str, record_id: str) -> dict | None:
    """One row as a dict, deleted or not; None when there is no such id."""
    cursor = db.execute(f"SELECT * FROM {table} WHERE id = ?", [record_id])
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row))
