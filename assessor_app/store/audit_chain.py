"""The audit trail's tamper evidence: one hash chain per device, the append-only triggers, and checking both.

Each event carries `seq` (its place in its device's chain), `prev_hash` (the hash of that device's previous
event) and `hash` (SHA-256 of its own canonical content, prev_hash included). The chain is per device because
sync unions events from many devices by id: each device only ever extends its own chain, so an import never
breaks one. Deleting, editing or reordering an event breaks the chain at that point; the heads (each device's
last hash) are printed in every exported record's fingerprint, so cutting events off the end shows too.
"""

from __future__ import annotations

import hashlib
import json

import sqlite_utils

GENESIS = "0" * 64
CHAINED_COLUMNS = ("id", "at", "device_id", "actor", "action", "table_name", "record_id", "before", "after")

# The triggers that make the decisions on record append-only; `check` names any that are missing.
APPEND_ONLY_TRIGGERS = {
    "audit_event_no_update": "audit_event", "audit_event_no_delete": "audit_event",
    "unit_signoff_no_update": "unit_signoff", "unit_signoff_no_delete": "unit_signoff",
    "unit_reopen_no_update": "unit_reopen", "unit_reopen_no_delete": "unit_reopen",
    "evidence_signature_no_update": "evidence_signature", "evidence_signature_no_delete": "evidence_signature",
}


def event_hash(event: dict, seq: int, prev_hash: str) -> str:
    """SHA-256 over the event's stored columns, its place in the chain and the hash before it."""
    content = [event.get(column) for column in CHAINED_COLUMNS] + [seq, prev_hash]
    canonical = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def chain_link(db: sqlite_utils.Database, device_id: str) -> tuple[int, str]:
    """(seq, prev_hash) for the next event `device_id` writes."""
    row = db.execute("SELECT seq, hash FROM audit_event WHERE device_id IS ? ORDER BY seq DESC LIMIT 1",
                     [device_id]).fetchone()
    return (1, GENESIS) if row is None or row[0] is None else (row[0] + 1, row[1])


def heads(db: sqlite_utils.Database) -> dict[str, str]:
    """Each device's last event hash: the state of the whole audit trail in one line per device."""
    found = db.execute(
        "SELECT device_id, hash FROM audit_event a WHERE seq = "
        "(SELECT max(seq) FROM audit_event b WHERE b.device_id IS a.device_id)").fetchall()
    return {str(device): digest for device, digest in sorted(found, key=lambda r: str(r[0]))}


def chain_breaks(db: sqlite_utils.Database) -> list[str]:
    """Where each device's chain breaks (at most the first break per device), in words; empty when whole."""
    problems: list[str] = []
    devices = [r[0] for r in db.execute("SELECT DISTINCT device_id FROM audit_event ORDER BY device_id")]
    columns = ", ".join(CHAINED_COLUMNS)
    for device in devices:
        cursor = db.execute(f"SELECT {columns}, seq, prev_hash, hash FROM audit_event WHERE device_id IS ? "
                            "ORDER BY seq, rowid", [device])
        expected_seq, expected_prev = 1, GENESIS
        for row in cursor:
            event = dict(zip(CHAINED_COLUMNS, row))
            seq, prev_hash, digest = row[-3:]
            where = f"audit event {event['id']} ({event['action']} {event['table_name']} at {event['at']})"
            if seq is None or digest is None:
                problems.append(f"audit trail of device {device}: {where} carries no chain hash")
            elif seq != expected_seq or prev_hash != expected_prev:
                problems.append(f"audit trail of device {device} is broken before {where}: "
                                f"event {expected_seq} of the chain was removed or replaced")
            elif event_hash(event, seq, prev_hash) != digest:
                problems.append(f"audit trail of device {device} is broken at {where}: "
                                "its content was changed after it was written")
            else:
                expected_seq, expected_prev = seq + 1, digest
                continue
            break
    return problems


def missing_triggers(db: sqlite_utils.Database) -> list[str]:
    present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    problems = [f"the append-only trigger {name} on {table} is missing: its rows can be changed or removed unseen"
                for name, table in APPEND_ONLY_TRIGGERS.items() if name not in present]
    if "sync_mute" in db.table_names() and db.execute("SELECT 1 FROM sync_mute LIMIT 1").fetchone():
        # Only a merge, inside its own transaction, may hold this row; one left behind disarms the triggers.
        problems.append("sync_mute holds a row outside a merge: sign-offs, reopenings and form signatures can be "
                        "removed unseen")
    return problems


def _countersignature_changes(db: sqlite_utils.Database, sample_id: str) -> list[str]:
    """An IV sample's countersignature must be the one its last countersign event recorded (or none, if none)."""
    stored = db.execute("SELECT countersigned_on, countersignature_sha256 FROM iv_sample WHERE id = ?",
                        [sample_id]).fetchone()
    event = db.execute("SELECT after FROM audit_event WHERE table_name = 'iv_sample' AND action = 'countersign' "
                       "AND record_id = ? ORDER BY at DESC, rowid DESC LIMIT 1", [sample_id]).fetchone()
    recorded = json.loads(event[0]) if event else {}
    fields = ("countersigned_on", "countersignature_sha256")
    return [f for f, value in zip(fields, stored) if recorded.get(f) != value]


def audited_decision_changes(db: sqlite_utils.Database) -> list[str]:
    """Sign-offs and IV samples whose stored row no longer says what their audited creation recorded."""
    problems = []
    checks = (("unit_signoff", "sign", ("registration_id", "unit_urn", "assessor_name", "pin_no", "signed_on",
                                        "signature_sha256", "digest"), "sign-off"),
              ("iv_sample", "create", ("registration_id", "unit_urn", "signoff_id", "iv_name", "sampled_on",
                                       "decision", "feedback", "actions"), "IV sample"))
    for table, action, fields, label in checks:
        rows = db.execute(f"SELECT id, {', '.join(fields)} FROM {table} ORDER BY id").fetchall()
        audited = dict(db.execute("SELECT record_id, after FROM audit_event WHERE table_name = ? AND action = ?",
                                  [table, action]).fetchall())
        for row in rows:
            if row[0] not in audited:
                problems.append(f"{label} {row[0]} has no audit event recording its creation")
                continue
            recorded = json.loads(audited[row[0]] or "{}")
            changed = [f for f, value in zip(fields, row[1:]) if recorded.get(f) != value]
            if table == "iv_sample":
                changed += _countersignature_changes(db, row[0])
            if changed:
                problems.append(f"{label} {row[0]} (unit {row[2]}) differs from what was recorded when it was made: "
                                f"{', '.join(changed)} changed")
    return problems
