"""Reads and writes of learners, registrations, criterion ticks and audit events."""

from __future__ import annotations

import json
from dataclasses import asdict, fields

import sqlite_utils

from assessor_app.domain.ids import new_id, utc_now
from assessor_app.domain.records import CriterionTick, Learner, Registration

LEARNER_FIELDS = [f.name for f in fields(Learner)]


def _stamped(row: dict, device_id: str) -> dict:
    now = utc_now()
    return {**row, "created_at": now, "updated_at": now, "device_id": device_id, "deleted": 0}


def append_audit(db: sqlite_utils.Database, *, device_id: str, actor: str, action: str, table: str,
                 record_id: str, before: dict | None, after: dict | None) -> None:
    db["audit_event"].insert({
        "id": new_id(), "at": utc_now(), "device_id": device_id, "actor": actor, "action": action,
        "table_name": table, "record_id": record_id,
        "before": json.dumps(before, sort_keys=True) if before is not None else None,
        "after": json.dumps(after, sort_keys=True) if after is not None else None,
    })


def insert_learner(db: sqlite_utils.Database, learner: Learner, device_id: str) -> None:
    db["learner"].insert(_stamped(asdict(learner), device_id))


def learners(db: sqlite_utils.Database) -> list[Learner]:
    rows = db.execute(f"SELECT {', '.join(LEARNER_FIELDS)} FROM learner WHERE deleted = 0 "
                      "ORDER BY name COLLATE NOCASE, registration_no").fetchall()
    return [Learner(*row) for row in rows]


def learner(db: sqlite_utils.Database, learner_id: str) -> Learner | None:
    row = db.execute(f"SELECT {', '.join(LEARNER_FIELDS)} FROM learner WHERE id = ? AND deleted = 0",
                     [learner_id]).fetchone()
    return Learner(*row) if row else None


def learner_by_registration_no(db: sqlite_utils.Database, registration_no: str) -> Learner | None:
    row = db.execute(f"SELECT {', '.join(LEARNER_FIELDS)} FROM learner WHERE registration_no = ? AND deleted = 0",
                     [registration_no]).fetchone()
    return Learner(*row) if row else None


def insert_registration(db: sqlite_utils.Database, registration: Registration, device_id: str) -> None:
    row = asdict(registration)
    row["chosen_units"] = json.dumps(list(registration.chosen_units))
    db["registration"].insert(_stamped(row, device_id))


def registrations(db: sqlite_utils.Database, learner_id: str) -> list[Registration]:
    rows = db.execute("SELECT id, learner_id, qualification_number, qualification_fingerprint, chosen_units "
                      "FROM registration WHERE learner_id = ? AND deleted = 0 ORDER BY id", [learner_id]).fetchall()
    return [Registration(r[0], r[1], r[2], r[3], tuple(json.loads(r[4] or "[]"))) for r in rows]


def registration(db: sqlite_utils.Database, registration_id: str) -> Registration | None:
    row = db.execute("SELECT id, learner_id, qualification_number, qualification_fingerprint, chosen_units "
                     "FROM registration WHERE id = ? AND deleted = 0", [registration_id]).fetchone()
    return Registration(row[0], row[1], row[2], row[3], tuple(json.loads(row[4] or "[]"))) if row else None


def insert_tick(db: sqlite_utils.Database, tick: CriterionTick, device_id: str) -> None:
    db["criterion_tick"].insert(_stamped(asdict(tick), device_id))


def soft_delete_tick(db: sqlite_utils.Database, tick_id: str) -> None:
    db.execute("UPDATE criterion_tick SET deleted = 1, updated_at = ? WHERE id = ?", [utc_now(), tick_id])


def restore_tick(db: sqlite_utils.Database, tick_id: str) -> None:
    db.execute("UPDATE criterion_tick SET deleted = 0, updated_at = ? WHERE id = ?", [utc_now(), tick_id])


def ticks(db: sqlite_utils.Database, registration_id: str, unit_urn: str | None = None) -> list[CriterionTick]:
    sql = ("SELECT id, registration_id, unit_urn, criterion_number, met_on, evidence_ref FROM criterion_tick "
           "WHERE registration_id = ? AND deleted = 0")
    params: list = [registration_id]
    if unit_urn is not None:
        sql += " AND unit_urn = ?"
        params.append(unit_urn)
    rows = db.execute(sql + " ORDER BY met_on, id", params).fetchall()
    return [CriterionTick(*row) for row in rows]
