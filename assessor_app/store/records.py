"""Reads and writes of learners, registrations, audit events and local settings."""

from __future__ import annotations

import json
from dataclasses import asdict

import sqlite_utils

from assessor_app.domain.ids import new_id, utc_now
from assessor_app.domain.records import AuditEvent, Learner, Registration
from assessor_app.store import audit_chain, rows
from assessor_app.store.selects import LEARNER_SELECT, LIVE_LEARNERS_BY_NAME, LIVE_REGISTRATIONS, REGISTRATION_SELECT


def learner_of(row) -> Learner:
    return Learner(*row[:-1], id=row[-1])  # LEARNER_FIELDS is the record's field order, its keyword-only id last


def registration_of(row) -> Registration:
    return Registration(row[0], row[1], row[2], row[3], tuple(json.loads(row[4] or "[]")))


def append_audit(db: sqlite_utils.Database, *, device_id: str, actor: str, action: str, table: str,
                 record_id: str, before: dict | None, after: dict | None) -> None:
    """Append one event to this device's hash chain (see store/audit_chain.py)."""
    event = {"id": new_id(), "at": utc_now(), "device_id": device_id, "actor": actor, "action": action,
             "table_name": table, "record_id": record_id,
             "before": json.dumps(before, sort_keys=True, default=str) if before is not None else None,
             "after": json.dumps(after, sort_keys=True, default=str) if after is not None else None}
    seq, prev_hash = audit_chain.chain_link(db, device_id)
    db.execute(
        "INSERT INTO audit_event (id, at, device_id, actor, action, table_name, record_id, before, after, seq, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*event.values(), seq, prev_hash, audit_chain.event_hash(event, seq, prev_hash)])


def audit_events(db: sqlite_utils.Database, record_id: str | None = None, limit: int | None = None) -> list[AuditEvent]:
    """Audit events, newest first; of one record when `record_id` is given."""
    sql = "SELECT id, at, device_id, actor, action, table_name, record_id, before, after FROM audit_event"
    params: list = []
    if record_id is not None:
        sql += " WHERE record_id = ?"
        params.append(record_id)
    sql += " ORDER BY at DESC, rowid DESC"  # rowid: insertion order within one millisecond
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [AuditEvent(*r[:7], json.loads(r[7]) if r[7] else None, json.loads(r[8]) if r[8] else None)
            for r in db.execute(sql, params).fetchall()]


# -- learners -------------------------------------------------------------------------------------------------
def insert_learner(db: sqlite_utils.Database, learner: Learner, device_id: str) -> None:
    rows.insert(db, "learner", asdict(learner), device_id)


def update_learner(db: sqlite_utils.Database, learner_id: str, values: dict, device_id: str) -> None:
    rows.update(db, "learner", learner_id, values, device_id)


def set_learner_deleted(db: sqlite_utils.Database, learner_id: str, deleted: bool, device_id: str) -> None:
    rows.set_deleted(db, "learner", learner_id, deleted, device_id)


def learners(db: sqlite_utils.Database) -> list[Learner]:
    found = db.execute(LIVE_LEARNERS_BY_NAME).fetchall()
    return [learner_of(row) for row in found]


def learner(db: sqlite_utils.Database, learner_id: str, *, include_deleted: bool = False) -> Learner | None:
    live = "" if include_deleted else " AND deleted = 0"
    row = db.execute(f"{LEARNER_SELECT} WHERE id = ?{live}", [learner_id]).fetchone()
    return learner_of(row) if row else None


def learner_by_registration_no(db: sqlite_utils.Database, registration_no: str, *,
                               include_deleted: bool = False) -> Learner | None:
    live = "" if include_deleted else " AND deleted = 0"
    row = db.execute(f"{LEARNER_SELECT} WHERE registration_no = ?{live}", [registration_no]).fetchone()
    return learner_of(row) if row else None


def registration_numbers(db: sqlite_utils.Database) -> set[str]:
    """Every registration number in the file, deleted learners' included (they can be restored)."""
    return {r[0] for r in db.execute("SELECT registration_no FROM learner").fetchall()}


# -- registrations --------------------------------------------------------------------------------------------
def insert_registration(db: sqlite_utils.Database, registration: Registration, device_id: str) -> None:
    row = asdict(registration)
    row["chosen_units"] = json.dumps(list(registration.chosen_units))
    rows.insert(db, "registration", row, device_id)


def set_chosen_units(db: sqlite_utils.Database, registration_id: str, units: list[str], device_id: str) -> None:
    rows.update(db, "registration", registration_id, {"chosen_units": json.dumps(list(units))}, device_id)


def registrations(db: sqlite_utils.Database, learner_id: str) -> list[Registration]:
    found = db.execute(f"{REGISTRATION_SELECT} WHERE learner_id = ? AND deleted = 0 ORDER BY id",
                       [learner_id]).fetchall()
    return [registration_of(r) for r in found]


def registration(db: sqlite_utils.Database, registration_id: str) -> Registration | None:
    row = db.execute(f"{REGISTRATION_SELECT} WHERE id = ? AND deleted = 0", [registration_id]).fetchone()
    return registration_of(row) if row else None


# -- local settings (not synced: they belong to this installation) ---------------------------------------------
def setting(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM app_setting WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_setting(db: sqlite_utils.Database, key: str, value: str | None) -> None:
    if value is None:
        db.execute("DELETE FROM app_setting WHERE key = ?", [key])
    else:
        db.execute("INSERT INTO app_setting (key, value, updated_at) VALUES (?, ?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                   [key, value, utc_now()])


def all_registrations(db: sqlite_utils.Database) -> list[Registration]:
    """Every live registration, each learner's in the order records.registrations gives them."""
    return [registration_of(r) for r in db.execute(LIVE_REGISTRATIONS)]
