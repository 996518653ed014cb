"""Reads and writes of people (assessors, witnesses, IVs) and of who is on each learner's contact sheet."""

from __future__ import annotations

from dataclasses import asdict

import sqlite_utils

from assessor_app.domain.ids import new_id
from assessor_app.domain.people import Person
from assessor_app.store import rows

_COLUMNS = "id, role, name, pin_no, job_title, relationship, email, signature_sha256, deleted"


def _person(row) -> Person:
    return Person(*row[:8], deleted=bool(row[8]))


def insert_person(db: sqlite_utils.Database, person: Person, device_id: str) -> None:
    row = asdict(person)
    row.pop("deleted")
    rows.insert(db, "person", row, device_id)


def update_person(db: sqlite_utils.Database, person_id: str, values: dict, device_id: str) -> None:
    rows.update(db, "person", person_id, values, device_id)


def set_person_deleted(db: sqlite_utils.Database, person_id: str, deleted: bool, device_id: str) -> None:
    rows.set_deleted(db, "person", person_id, deleted, device_id)


def person(db: sqlite_utils.Database, person_id: str) -> Person | None:
    """One person, deleted or not."""
    row = db.execute(f"SELECT {_COLUMNS} FROM person WHERE id = ?", [person_id]).fetchone()
    return _person(row) if row else None


def people(db: sqlite_utils.Database, role: str | None = None) -> list[Person]:
    sql, params = f"SELECT {_COLUMNS} FROM person WHERE deleted = 0", []
    if role is not None:
        sql += " AND role = ?"
        params.append(role)
    return [_person(r) for r in db.execute(sql + " ORDER BY name COLLATE NOCASE, id", params).fetchall()]


def roles(db: sqlite_utils.Database, person_ids) -> dict[str, str]:
    """Role of each of `person_ids` that exists and is not deleted."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return dict(db.execute(f"SELECT id, role FROM person WHERE deleted = 0 AND id IN ({marks})", ids).fetchall())


def contact_sheet(db: sqlite_utils.Database, learner_id: str) -> list[Person]:
    """People on the learner's CONTACT SHEET, in the order they were added (the printed slots fill in order)."""
    found = db.execute(
        f"SELECT {', '.join('p.' + c for c in _COLUMNS.split(', '))} FROM learner_person lp "
        "JOIN person p ON p.id = lp.person_id WHERE lp.learner_id = ? AND lp.deleted = 0 AND p.deleted = 0 "
        "ORDER BY lp.created_at, lp.id", [learner_id]).fetchall()
    return [_person(r) for r in found]


def contact_entry(db: sqlite_utils.Database, learner_id: str, person_id: str) -> tuple[str, bool] | None:
    """The contact-sheet entry (id, deleted) putting the person on the learner's sheet, if any."""
    row = db.execute("SELECT id, deleted FROM learner_person WHERE learner_id = ? AND person_id = ? "
                     "ORDER BY deleted, id LIMIT 1", [learner_id, person_id]).fetchone()
    return (row[0], bool(row[1])) if row else None


def add_contact(db: sqlite_utils.Database, learner_id: str, person_id: str, device_id: str) -> str | None:
    """Put the person on the learner's contact sheet; returns the entry id, or None if already there."""
    entry = contact_entry(db, learner_id, person_id)
    if entry and not entry[1]:
        return None
    if entry:
        rows.set_deleted(db, "learner_person", entry[0], False, device_id)
        return entry[0]
    entry_id = new_id()
    rows.insert(db, "learner_person", {"id": entry_id, "learner_id": learner_id, "person_id": person_id}, device_id)
    return entry_id


def remove_contact(db: sqlite_utils.Database, entry_id: str, device_id: str) -> None:
    rows.set_deleted(db, "learner_person", entry_id, True, device_id)
