"""Numbered schema migrations; PRAGMA user_version holds the number of the last one applied."""

from __future__ import annotations

import json
from collections.abc import Callable

import sqlite_utils

from assessor_app.domain.evidence import next_ref
from assessor_app.domain.ids import new_id, utc_now
from assessor_app.store.audit_chain import CHAINED_COLUMNS, GENESIS, event_hash

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


def _in(values) -> str:
    return ", ".join(f"'{v}'" for v in values)


# A migration is a snapshot: these lists are spelled out, not imported, so a later domain change cannot
# alter what migration 2 creates. A new kind or role needs a new migration.
KINDS = ("observation", "witness_testimony", "professional_discussion", "questioning", "product",
         "reflective_account", "report", "workplace_document", "rpl", "other")
ROLES = ("assessor", "witness", "iv")
DECISIONS = ("agreed", "referred_back")
OBSERVATION = "observation"

_SYNC = ("created_at TEXT NOT NULL, updated_at TEXT NOT NULL, device_id TEXT NOT NULL, "
         "deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))")

# Schema 2: the evidence register. Every table but app_setting is syncable (DESIGN.md section 3);
# sign-offs, reopenings and links are never edited, only added (or, for links, soft-deleted).
SCHEMA_2 = f"""
CREATE TABLE person (
    id TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ({_in(ROLES)})), name TEXT NOT NULL,
    pin_no TEXT NOT NULL DEFAULT '', job_title TEXT NOT NULL DEFAULT '', relationship TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '', signature_sha256 TEXT, {_SYNC});
CREATE TABLE learner_person (
    id TEXT PRIMARY KEY, learner_id TEXT NOT NULL REFERENCES learner(id),
    person_id TEXT NOT NULL REFERENCES person(id), {_SYNC});
CREATE INDEX learner_person_learner ON learner_person(learner_id);
CREATE TABLE evidence_item (
    id TEXT PRIMARY KEY, learner_id TEXT NOT NULL REFERENCES learner(id), ref TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ({_in(KINDS)})), date TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
    time TEXT NOT NULL DEFAULT '', duration_minutes INTEGER, location TEXT NOT NULL DEFAULT '',
    narrative TEXT NOT NULL DEFAULT '', expert_witness INTEGER NOT NULL DEFAULT 0,
    document_location TEXT NOT NULL DEFAULT '', document_relevance TEXT NOT NULL DEFAULT '',
    questions TEXT NOT NULL DEFAULT '[]', {_SYNC});
CREATE UNIQUE INDEX evidence_item_learner_ref ON evidence_item(learner_id, ref COLLATE NOCASE);
CREATE TABLE evidence_person (
    id TEXT PRIMARY KEY, evidence_id TEXT NOT NULL REFERENCES evidence_item(id),
    person_id TEXT NOT NULL REFERENCES person(id), {_SYNC});
CREATE INDEX evidence_person_evidence ON evidence_person(evidence_id);
CREATE TABLE evidence_link (
    id TEXT PRIMARY KEY, evidence_id TEXT NOT NULL REFERENCES evidence_item(id),
    registration_id TEXT NOT NULL REFERENCES registration(id), unit_urn TEXT NOT NULL,
    criterion_number TEXT NOT NULL, met_on TEXT, {_SYNC});
CREATE INDEX evidence_link_registration ON evidence_link(registration_id, unit_urn);
CREATE INDEX evidence_link_evidence ON evidence_link(evidence_id);
CREATE TABLE attachment (
    id TEXT PRIMARY KEY, evidence_id TEXT NOT NULL REFERENCES evidence_item(id), sha256 TEXT NOT NULL,
    name TEXT NOT NULL, media_type TEXT NOT NULL DEFAULT 'application/octet-stream', size INTEGER NOT NULL,
    {_SYNC});
CREATE INDEX attachment_evidence ON attachment(evidence_id);
CREATE INDEX attachment_sha256 ON attachment(sha256);
CREATE TABLE comment (
    id TEXT PRIMARY KEY, learner_id TEXT NOT NULL REFERENCES learner(id), date TEXT NOT NULL,
    evidence_ids TEXT NOT NULL DEFAULT '[]', text TEXT NOT NULL DEFAULT '', draft INTEGER NOT NULL DEFAULT 0,
    {_SYNC});
CREATE INDEX comment_learner ON comment(learner_id, date);
CREATE TABLE unit_signoff (
    id TEXT PRIMARY KEY, registration_id TEXT NOT NULL REFERENCES registration(id), unit_urn TEXT NOT NULL,
    assessor_id TEXT NOT NULL REFERENCES person(id), assessor_name TEXT NOT NULL, pin_no TEXT NOT NULL,
    signed_on TEXT NOT NULL, signature_sha256 TEXT, digest TEXT NOT NULL, {_SYNC});
CREATE INDEX unit_signoff_registration ON unit_signoff(registration_id, unit_urn);
CREATE TABLE unit_reopen (
    id TEXT PRIMARY KEY, signoff_id TEXT NOT NULL UNIQUE REFERENCES unit_signoff(id),
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0), reopened_on TEXT NOT NULL, actor TEXT NOT NULL,
    {_SYNC});
CREATE TABLE iv_sample (
    id TEXT PRIMARY KEY, registration_id TEXT NOT NULL REFERENCES registration(id), unit_urn TEXT NOT NULL,
    signoff_id TEXT REFERENCES unit_signoff(id), iv_id TEXT NOT NULL REFERENCES person(id),
    iv_name TEXT NOT NULL, sampled_on TEXT NOT NULL, decision TEXT NOT NULL CHECK (decision IN ({_in(DECISIONS)})),
    feedback TEXT NOT NULL DEFAULT '', actions TEXT NOT NULL DEFAULT '', countersigned_on TEXT,
    countersignature_sha256 TEXT, {_SYNC});
CREATE INDEX iv_sample_registration ON iv_sample(registration_id, unit_urn);
CREATE TABLE app_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX audit_event_record ON audit_event(record_id);
-- A sign-off and its reopening are the record of a decision: never changed once written.
CREATE TRIGGER unit_signoff_no_update BEFORE UPDATE ON unit_signoff
BEGIN SELECT RAISE(ABORT, 'unit sign-offs are never changed; reopen the unit instead'); END;
CREATE TRIGGER unit_reopen_no_update BEFORE UPDATE ON unit_reopen
BEGIN SELECT RAISE(ABORT, 'unit reopenings are never changed'); END;
"""


def _m2_evidence_register(db: sqlite_utils.Database) -> None:
    db.executescript(SCHEMA_2)
    _carry_ticks_over(db)
    db.execute("DROP TABLE criterion_tick")


def _carry_ticks_over(db: sqlite_utils.Database) -> None:
    """Each skeleton tick becomes an evidence link with the same id; the ticks of one learner under one
    evidence ref become one observation with that ref (refs compared without case, as the index does);
    ticks with no ref become, per registration, one observation under a new ref."""
    ticks = db.execute(
        "SELECT t.id, t.registration_id, r.learner_id, t.unit_urn, t.criterion_number, t.met_on, "
        "coalesce(t.evidence_ref, ''), t.created_at, t.updated_at, t.device_id, t.deleted "
        "FROM criterion_tick t JOIN registration r ON r.id = t.registration_id ORDER BY t.met_on, t.id").fetchall()
    groups: dict[tuple, list[tuple]] = {}
    for tick in ticks:
        ref = tick[6].strip()
        key = (tick[2], ref.casefold()) if ref else (tick[2], "", tick[1])
        groups.setdefault(key, []).append(tick)
    used: dict[str, list[str]] = {}
    for (learner_id, folded, *_), group in groups.items():
        if folded:
            used.setdefault(learner_id, []).append(group[0][6].strip())
    now = utc_now()
    for key, group in groups.items():
        learner_id = key[0]
        if key[1]:
            ref = group[0][6].strip()
        else:
            ref = next_ref(used.setdefault(learner_id, []))
            used[learner_id].append(ref)
        live = [t for t in group if not t[10]] or group
        item_date = min(t[5] for t in live)
        item_id = new_id()
        db.execute(
            "INSERT INTO evidence_item (id, learner_id, ref, kind, date, created_at, updated_at, device_id, deleted) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
            [item_id, learner_id, ref, OBSERVATION, item_date, min(t[7] or now for t in group),
             max(t[8] or now for t in group), group[0][9] or "migration"])
        for t in group:
            db.execute(
                "INSERT INTO evidence_link (id, evidence_id, registration_id, unit_urn, criterion_number, met_on, "
                "created_at, updated_at, device_id, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [t[0], item_id, t[1], t[3], t[4], None if t[5] == item_date else t[5], t[7] or now,
                 t[8] or now, t[9] or "migration", t[10] or 0])
        db.execute(
            "INSERT INTO audit_event (id, at, device_id, actor, action, table_name, record_id, before, after) "
            "VALUES (?, ?, 'migration', 'migration 2', 'migrate', 'evidence_item', ?, NULL, ?)",
            [new_id(), now, item_id, json.dumps({"ref": ref, "kind": OBSERVATION, "date": item_date,
                                                 "learner_id": learner_id,
                                                 "from_ticks": sorted(t[0] for t in group)}, sort_keys=True)])


# Schema 3: signatures on evidence forms (the witness signs the testimony on the laptop, the learner the forms
# they took part in). Spelled out, like schema 2, so later changes to the roles cannot alter what it creates.
SIGNER_ROLES = ("assessor", "witness", "iv", "learner")
SCHEMA_3 = f"""
CREATE TABLE evidence_signature (
    id TEXT PRIMARY KEY, evidence_id TEXT NOT NULL REFERENCES evidence_item(id),
    role TEXT NOT NULL CHECK (role IN ({_in(SIGNER_ROLES)})), person_id TEXT REFERENCES person(id),
    name TEXT NOT NULL, signed_on TEXT NOT NULL, signature_sha256 TEXT NOT NULL, {_SYNC},
    CHECK ((role = 'learner') = (person_id IS NULL)));
CREATE INDEX evidence_signature_evidence ON evidence_signature(evidence_id);
-- A signature is what someone put their name to: never changed once written. No unique index on the signer:
-- sync unions append-only records, and two laptops may each have taken the same signature offline.
CREATE TRIGGER evidence_signature_no_update BEFORE UPDATE ON evidence_signature
BEGIN SELECT RAISE(ABORT, 'form signatures are never changed'); END;
"""


def _m3_evidence_signatures(db: sqlite_utils.Database) -> None:
    db.executescript(SCHEMA_3)


# Schema 4: what a visit records beyond the register of schema 2: the activity observed, the assessor's timed
# notes, a discussion's topics, a report's word count, and an observation left open while it is recorded.
SCHEMA_4 = """
ALTER TABLE evidence_item ADD COLUMN activity TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence_item ADD COLUMN notes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE evidence_item ADD COLUMN topics TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence_item ADD COLUMN word_count INTEGER;
ALTER TABLE evidence_item ADD COLUMN status TEXT NOT NULL DEFAULT 'final' CHECK (status IN ('open', 'final'));
"""


def _m4_visit_fields(db: sqlite_utils.Database) -> None:
    db.executescript(SCHEMA_4)


# Tamper evidence: the audit trail becomes one hash chain per device (store/audit_chain.py), and sign-offs,
# reopenings and form signatures can no more be deleted than changed. Existing events are chained in the order
# they were written, so a database from before this migration starts its chains here.
SCHEMA_5 = """
ALTER TABLE audit_event ADD COLUMN seq INTEGER;
ALTER TABLE audit_event ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_event ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_event_chain ON audit_event(device_id, seq);
CREATE TRIGGER unit_signoff_no_delete BEFORE DELETE ON unit_signoff
BEGIN SELECT RAISE(ABORT, 'unit sign-offs are never removed; reopen the unit instead'); END;
CREATE TRIGGER unit_reopen_no_delete BEFORE DELETE ON unit_reopen
BEGIN SELECT RAISE(ABORT, 'unit reopenings are never removed'); END;
CREATE TRIGGER evidence_signature_no_delete BEFORE DELETE ON evidence_signature
BEGIN SELECT RAISE(ABORT, 'form signatures are never removed'); END;
"""
_AUDIT_NO_UPDATE = """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;"""


def _m5_audit_hash_chain(db: sqlite_utils.Database) -> None:
    db.executescript(SCHEMA_5)
    db.execute("DROP TRIGGER audit_event_no_update")  # the one time events are written to: chaining them
    columns = ", ".join(CHAINED_COLUMNS)
    links: dict[str | None, tuple[int, str]] = {}
    for row in db.execute(f"SELECT rowid, {columns} FROM audit_event ORDER BY at, rowid").fetchall():
        event = dict(zip(CHAINED_COLUMNS, row[1:]))
        seq, prev_hash = links.get(event["device_id"], (0, GENESIS))
        digest = event_hash(event, seq + 1, prev_hash)
        db.execute("UPDATE audit_event SET seq = ?, prev_hash = ?, hash = ? WHERE rowid = ?",
                   [seq + 1, prev_hash, digest, row[0]])
        links[event["device_id"]] = (seq + 1, digest)
    db.execute(_AUDIT_NO_UPDATE)
# Sync through a folder (DESIGN.md section 4): the change log (this device's outbox and every change imported),
# the persisted hybrid logical clock, per-device version vectors, losing values, amendment requests held back from
# signed-off units, and what the merge flagged. Two devices may issue one Evidence Ref No, and two may reopen one
# sign-off offline, so those two uniqueness rules give way to display refs and to the earlier reopening.
SCHEMA_SYNC = f"""
CREATE TABLE sync_change (
    device_id TEXT, device_seq INTEGER, hlc TEXT, table_name TEXT NOT NULL, row_id TEXT NOT NULL,
    field TEXT NOT NULL, value TEXT, seen TEXT);
CREATE UNIQUE INDEX sync_change_origin ON sync_change(device_id, device_seq);
CREATE INDEX sync_change_row ON sync_change(table_name, row_id);
CREATE INDEX sync_change_unstamped ON sync_change(hlc) WHERE hlc IS NULL;
CREATE TABLE sync_clock (id INTEGER PRIMARY KEY CHECK (id = 1), wall_ms INTEGER NOT NULL, counter INTEGER NOT NULL);
INSERT INTO sync_clock VALUES (1, 0, 0);
CREATE TABLE sync_vector (
    device_id TEXT PRIMARY KEY, last_seq INTEGER NOT NULL DEFAULT 0, bundle_no INTEGER NOT NULL DEFAULT 0,
    bundle_hash TEXT, exported_seq INTEGER NOT NULL DEFAULT 0);
CREATE TABLE sync_mute (reason TEXT);
CREATE TABLE sync_history (
    table_name TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT, hlc TEXT NOT NULL,
    device_id TEXT NOT NULL, device_seq INTEGER NOT NULL, PRIMARY KEY (device_id, device_seq, field));
CREATE INDEX sync_history_row ON sync_history(table_name, row_id);
CREATE TABLE sync_amendment (
    id TEXT NOT NULL, device_id TEXT NOT NULL, device_seq INTEGER NOT NULL, hlc TEXT NOT NULL,
    table_name TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT,
    registration_id TEXT NOT NULL, unit_urn TEXT NOT NULL, signoff_id TEXT NOT NULL,
    PRIMARY KEY (device_id, device_seq));
CREATE INDEX sync_amendment_request ON sync_amendment(id);
CREATE INDEX sync_amendment_unit ON sync_amendment(registration_id, unit_urn);
CREATE TABLE amendment_decision (
    id TEXT PRIMARY KEY, amendment_id TEXT NOT NULL, decision TEXT NOT NULL CHECK (decision IN ('dismissed', 'applied')),
    decided_on TEXT NOT NULL, actor TEXT NOT NULL, {_SYNC});
CREATE TABLE sync_flag (kind TEXT NOT NULL, record_id TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, record_id));
CREATE TABLE sync_waiting (table_name TEXT NOT NULL, row_id TEXT NOT NULL, reason TEXT NOT NULL,
    PRIMARY KEY (table_name, row_id));
DROP INDEX evidence_item_learner_ref;
CREATE INDEX evidence_item_learner_ref ON evidence_item(learner_id, ref COLLATE NOCASE);
CREATE TABLE unit_reopen_new (
    id TEXT PRIMARY KEY, signoff_id TEXT NOT NULL REFERENCES unit_signoff(id),
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0), reopened_on TEXT NOT NULL, actor TEXT NOT NULL,
    {_SYNC});
INSERT INTO unit_reopen_new SELECT id, signoff_id, reason, reopened_on, actor, created_at, updated_at, device_id,
    deleted FROM unit_reopen;
DROP TABLE unit_reopen;
ALTER TABLE unit_reopen_new RENAME TO unit_reopen;
CREATE INDEX unit_reopen_signoff ON unit_reopen(signoff_id);
CREATE TRIGGER unit_reopen_no_update BEFORE UPDATE ON unit_reopen
BEGIN SELECT RAISE(ABORT, 'unit reopenings are never changed'); END;
-- A merge rebuilds rows inside one transaction and may set aside a row whose parent has not arrived yet; only
-- while its mute row is there (written and removed in that same transaction) may it take one out again.
CREATE TRIGGER unit_reopen_no_delete BEFORE DELETE ON unit_reopen WHEN NOT EXISTS (SELECT 1 FROM sync_mute)
BEGIN SELECT RAISE(ABORT, 'unit reopenings are never removed'); END;
DROP TRIGGER unit_signoff_no_delete;
CREATE TRIGGER unit_signoff_no_delete BEFORE DELETE ON unit_signoff WHEN NOT EXISTS (SELECT 1 FROM sync_mute)
BEGIN SELECT RAISE(ABORT, 'unit sign-offs are never removed; reopen the unit instead'); END;
DROP TRIGGER evidence_signature_no_delete;
CREATE TRIGGER evidence_signature_no_delete BEFORE DELETE ON evidence_signature
WHEN NOT EXISTS (SELECT 1 FROM sync_mute)
BEGIN SELECT RAISE(ABORT, 'form signatures are never removed'); END;
-- One Ref No issued to two items of a learner on two laptops: the later by the clock shows as E12-b.
CREATE TABLE sync_display_ref (evidence_id TEXT PRIMARY KEY, learner_id TEXT NOT NULL, display_ref TEXT NOT NULL);
CREATE INDEX sync_display_ref_learner ON sync_display_ref(learner_id);
"""


def _m6_sync(db: sqlite_utils.Database) -> None:
    db.executescript(SCHEMA_SYNC)
    # Existing records become this device's initial change set: every row as one whole-row change, stamped by
    # the first write or sync (store/outbox.py), whatever tables later migrations add being captured by then.
    for table in [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]:
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})").fetchall()]
        syncable = {"id", *SYNC_COLUMNS} <= set(columns) or table == "audit_event"
        if table.startswith("sync_") or table == "app_setting" or not syncable:
            continue
        pairs = ", ".join(f"'{c}', {c}" for c in columns)
        db.execute(f"INSERT INTO sync_change (table_name, row_id, field, value) "
                   f"SELECT '{table}', id, '*', json_object({pairs}) FROM {table} ORDER BY id")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _m1_learners_and_ticks,
    _m2_evidence_register,
    _m3_evidence_signatures,
    _m4_visit_fields,
    _m5_audit_hash_chain,
    _m6_sync,
]

LATEST_VERSION = len(MIGRATIONS)
