"""Numbered schema migrations; PRAGMA user_version holds the number of the last one applied."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

# Every syncable table carries these, per DESIGN.md section 3.
SYNC_COLUMNS = {"created_at": str, "updated_at": str, "device_id": str, "deleted": int}


def _m1_learners_and_ticks(db: sqlite_utils.Database) -> None:
    db["learner"].create(
        {"id": str, "name": str, "registration_no": str, "address": str, "tel": str, "email": str,
         "employer_contact": str, "employer_name_address": str, "employer_tel": str, **SYNC_COLUMNS},
        pk="id", not_null={"name", "registration_no"}, defaults={"deleted": 0},
    )
    db["learner"].create_index(["registration_no"])
    db["registration"].create(
        {"id": str, "learner_id": str, "qualification_number": str, "qualification_fingerprint": str,
         "chosen_units": str, **SYNC_COLUMNS},
        pk="id", foreign_keys=[("learner_id", "learner", "id")], defaults={"deleted": 0},
        not_null={"learner_id", "qualification_number"},
    )
    db["registration"].create_index(["learner_id"])
    db["criterion_tick"].create(
        {"id": str, "registration_id": str, "unit_urn": str, "criterion_number": str, "met_on": str,
         "evidence_ref": str, **SYNC_COLUMNS},
        pk="id", foreign_keys=[("registration_id", "registration", "id")], defaults={"deleted": 0},
        not_null={"registration_id", "unit_urn", "criterion_number", "met_on"},
    )
    db["criterion_tick"].create_index(["registration_id", "unit_urn"])
    db["audit_event"].create(
        {"id": str, "at": str, "device_id": str, "actor": str, "action": str, "table_name": str,
         "record_id": str, "before": str, "after": str},
        pk="id", not_null={"at", "action"},
    )
    # Audit events are append-only: the database itself refuses to change or remove one.
    db.executescript("""
        CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
        CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    """)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _m1_learners_and_ticks,
]

LATEST_VERSION = len(MIGRATIONS)
