"""Reads of what the merge produced: the canonical dump, amendment requests, duplicates, display refs, history."""

from __future__ import annotations

import json

import sqlite_utils

from assessor_app.store import outbox

# Derived by the merge and identical on every device once all have every change (sync_waiting empty then).
DERIVED = (
    ("sync_history", "table_name, row_id, field, device_id, device_seq"),
    ("sync_amendment", "device_id, device_seq"),
    ("sync_flag", "kind, record_id"),
    ("sync_waiting", "table_name, row_id"),
    ("sync_display_ref", "evidence_id"),
)


def _rows(db, sql: str) -> list:
    return [list(r) for r in db.execute(sql).fetchall()]


def canonical_dump(db: sqlite_utils.Database) -> bytes:
    """Every synced record, all columns, ordered by id; the change log as a set; history, amendment requests,
    flags and displayed Evidence Ref Nos. Byte-identical on devices that have merged the same changes."""
    out = []
    for table, columns in sorted(outbox.syncable_tables(db).items()):
        out.append({"table": table, "columns": columns,
                    "rows": _rows(db, f"SELECT {', '.join(columns)} FROM {table} ORDER BY id")})
    for table, order in DERIVED:
        out.append({"table": table, "rows": _rows(db, f"SELECT * FROM {table} ORDER BY {order}")})
    out.append({"table": "sync_change", "rows": _rows(
        db, f"SELECT {', '.join(outbox.CHANGE_FIELDS)} FROM sync_change WHERE hlc IS NOT NULL "
            "ORDER BY device_id, device_seq")})
    return "\n".join(json.dumps(part, sort_keys=True, ensure_ascii=False) for part in out).encode("utf-8")


def display_refs(db: sqlite_utils.Database, learner_id: str) -> dict[str, str]:
    """Evidence id -> the Ref No to show, where it differs from the issued one (E12 issued twice: E12-b)."""
    return dict(db.execute("SELECT evidence_id, display_ref FROM sync_display_ref WHERE learner_id = ?",
                           [learner_id]).fetchall())


def collided_items(db: sqlite_utils.Database, device_id: str) -> list[tuple[str, str, str]]:
    """(evidence id, learner id, display ref) of items this device issued that show with a suffix."""
    return db.execute(
        "SELECT d.evidence_id, d.learner_id, d.display_ref FROM sync_display_ref d WHERE "
        "(SELECT c.device_id FROM sync_change c WHERE c.table_name = 'evidence_item' AND c.row_id = d.evidence_id "
        "AND c.field = '*' ORDER BY c.hlc LIMIT 1) = ? ORDER BY d.evidence_id", [device_id]).fetchall()


def amendments(db: sqlite_utils.Database, *, open_only: bool = True) -> list[dict]:
    """Edits held back from signed-off units, oldest first: one request per edit, with its fields' new values
    and the decision taken on it (if any)."""
    found = db.execute(
        "SELECT a.id, a.device_id, a.hlc, a.table_name, a.row_id, a.field, a.value, a.registration_id, a.unit_urn, "
        "a.signoff_id, (SELECT d.decision FROM amendment_decision d WHERE d.amendment_id = a.id AND d.deleted = 0 "
        "ORDER BY d.id LIMIT 1) FROM sync_amendment a ORDER BY a.hlc, a.id, a.device_seq").fetchall()
    requests: dict[str, dict] = {}
    for (request_id, device_id, hlc, table, row_id, field, value, registration_id, unit_urn, signoff_id,
         decision) in found:
        request = requests.setdefault(request_id, {
            "id": request_id, "device_id": device_id, "hlc": hlc, "table_name": table, "row_id": row_id,
            "registration_id": registration_id, "unit_urn": unit_urn, "signoff_id": signoff_id,
            "decision": decision, "values": {}})
        decoded = json.loads(value) if value is not None else None
        request["values"].update(decoded if field == "*" else {field: decoded})
    listed = list(requests.values())
    for request in listed:
        request["fields"] = sorted(f for f in request["values"] if f not in ("created_at", "updated_at", "device_id"))
    return [a for a in listed if a["decision"] is None] if open_only else listed


def amendment(db: sqlite_utils.Database, amendment_id: str) -> dict | None:
    return next((a for a in amendments(db, open_only=False) if a["id"] == amendment_id), None)


def duplicate_learners(db: sqlite_utils.Database) -> list[list[str]]:
    """Groups of live learners sharing a Registration No (added on two laptops), each oldest id first."""
    found = db.execute("SELECT registration_no, id FROM learner WHERE deleted = 0 AND registration_no IN "
                       "(SELECT registration_no FROM learner WHERE deleted = 0 GROUP BY registration_no "
                       "HAVING count(*) > 1) ORDER BY registration_no, id").fetchall()
    groups: dict[str, list[str]] = {}
    for registration_no, learner_id in found:
        groups.setdefault(registration_no, []).append(learner_id)
    return list(groups.values())


def second_signoffs(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    return db.execute("SELECT record_id, detail FROM sync_flag WHERE kind = 'second_signoff' ORDER BY record_id"
                      ).fetchall()


def waiting(db: sqlite_utils.Database) -> list[tuple[str, str, str]]:
    return db.execute("SELECT table_name, row_id, reason FROM sync_waiting ORDER BY table_name, row_id").fetchall()


def history(db: sqlite_utils.Database, table: str, row_id: str) -> list[dict]:
    """The values that lost to a later edit, for one record: field, value, when (clock) and which device."""
    found = db.execute("SELECT field, value, hlc, device_id FROM sync_history WHERE table_name = ? AND row_id = ? "
                       "ORDER BY field, hlc", [table, row_id]).fetchall()
    return [{"field": f, "value": json.loads(v) if v is not None else None, "hlc": h, "device_id": d}
            for f, v, h, d in found]


def blob_hashes(db: sqlite_utils.Database) -> list[str]:
    """Every stored file the records name: attachments and signature images (any column ending in sha256)."""
    found: set[str] = set()
    for table, columns in outbox.syncable_tables(db).items():
        for column in (c for c in columns if c.endswith("sha256")):
            found |= {r[0] for r in db.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL "
                                               f"AND {column} != ''").fetchall()}
    return sorted(found)
