"""Writes the sync service makes besides the merge: renumbering a collided ref, deciding amendments, merging learners."""

from __future__ import annotations

import sqlite_utils

from assessor_app.domain.ids import new_id, utc_now
from assessor_app.store import outbox, rows

CONTACT_FIELDS = ("address", "tel", "email", "employer_contact", "employer_name_address", "employer_tel")


def renumber_item(db: sqlite_utils.Database, evidence_id: str, ref: str, device_id: str) -> None:
    rows.update(db, "evidence_item", evidence_id, {"ref": ref}, device_id)


def refs_of(db: sqlite_utils.Database, learner_id: str) -> list[str]:
    return [r[0] for r in db.execute("SELECT ref FROM evidence_item WHERE learner_id = ?", [learner_id]).fetchall()]


def decide_amendment(db: sqlite_utils.Database, amendment_id: str, decision: str, actor: str, device_id: str) -> str:
    decision_id = new_id()
    rows.insert(db, "amendment_decision", {"id": decision_id, "amendment_id": amendment_id, "decision": decision,
                                           "decided_on": utc_now()[:10], "actor": actor}, device_id)
    return decision_id


def learner_children(db: sqlite_utils.Database) -> list[str]:
    """Synced tables whose rows belong to a learner (found from the schema, so new ones are included)."""
    return [table for table, columns in outbox.syncable_tables(db).items()
            if "learner_id" in columns and table != "learner"]


def move_learner_records(db: sqlite_utils.Database, from_id: str, to_id: str, device_id: str) -> dict[str, int]:
    """Every record of learner `from_id` becomes `to_id`'s; returns how many of each table moved."""
    moved = {}
    for table in learner_children(db):
        ids = [r[0] for r in db.execute(f"SELECT id FROM {table} WHERE learner_id = ?", [from_id]).fetchall()]
        for row_id in ids:
            rows.update(db, table, row_id, {"learner_id": to_id}, device_id)
        if ids:
            moved[table] = len(ids)
    return moved


def fill_contact_gaps(db: sqlite_utils.Database, keep: dict, other: dict, device_id: str) -> dict:
    """The kept learner's empty contact fields take the other record's values; returns what was filled."""
    filled = {f: other[f] for f in CONTACT_FIELDS if not (keep.get(f) or "").strip() and (other.get(f) or "").strip()}
    if filled:
        rows.update(db, "learner", keep["id"], filled, device_id)
    return filled
