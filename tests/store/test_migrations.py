"""A database made by the first migration opens in the current version with nothing lost, after a backup."""

import json
import sqlite3

import sqlite_utils

from assessor_app.paths import shipped_dir
from assessor_app.services.opening import open_session
from assessor_app.store.database import open_store, schema_version
from assessor_app.store.migrations import LATEST_VERSION, MIGRATIONS
from tests.conftest import IMI

CS7, CS8 = "A/506/2130", "F/506/2131"
STAMP = "2026-01-05T09:00:00.000+00:00"


def make_schema_1(path):
    """A file exactly as the walking skeleton left it: migration 1 only, with learners, ticks and audit."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    db = sqlite_utils.Database(conn)
    MIGRATIONS[0](db)
    conn.execute("PRAGMA user_version = 1")

    def stamp(row, deleted=0):
        return {**row, "created_at": STAMP, "updated_at": STAMP, "device_id": "laptop-1", "deleted": deleted}

    db["learner"].insert_all([stamp({"id": "L1", "name": "Amelia Hart", "registration_no": "IMI-1",
                                     "address": "14 Mill Lane", "email": "a@example.org"}),
                              stamp({"id": "L2", "name": "Zoë Ó'Brien", "registration_no": "IMI-2"})])
    db["registration"].insert_all([
        stamp({"id": "R1", "learner_id": "L1", "qualification_number": IMI, "qualification_fingerprint": "f",
               "chosen_units": json.dumps([CS7, CS8])}),
        stamp({"id": "R2", "learner_id": "L2", "qualification_number": IMI, "qualification_fingerprint": "f",
               "chosen_units": json.dumps([CS7])})])
    ticks = [  # (id, registration, unit, AC, met_on, ref, deleted)
        ("T1", "R1", CS7, "1.1", "2026-01-05", "E1", 0), ("T2", "R1", CS7, "1.2", "2026-01-07", "E1", 0),
        ("T3", "R1", CS8, "1.1", "2026-01-06", "e1", 0), ("T4", "R1", CS7, "1.3", "2026-01-08", "E2", 1),
        ("T5", "R1", CS7, "2.1", "2026-01-09", "", 0), ("T6", "R1", CS7, "2.2", "2026-01-10", "", 0),
        ("T7", "R2", CS7, "1.1", "2026-02-01", "E1", 0), ("T8", "R2", CS7, "1.2", "2026-02-02", "E3", 0),
    ]
    db["criterion_tick"].insert_all([stamp({"id": t[0], "registration_id": t[1], "unit_urn": t[2],
                                            "criterion_number": t[3], "met_on": t[4], "evidence_ref": t[5]}, t[6])
                                     for t in ticks])
    db["audit_event"].insert({"id": "A1", "at": STAMP, "device_id": "laptop-1", "actor": "assessor",
                              "action": "create", "table_name": "learner", "record_id": "L1", "before": None,
                              "after": "{}"})
    conn.close()
    return ticks


def test_a_schema_1_file_opens_in_the_current_version_with_nothing_lost(tmp_path):
    path = tmp_path / "assessor.sqlite3"
    ticks = make_schema_1(path)
    session = open_session(path, [shipped_dir("qualifications")], "laptop-2")
    db = session.store.db
    assert schema_version(db) == LATEST_VERSION
    [backup] = list(tmp_path.glob("assessor.schema1.*.backup.sqlite3"))
    with sqlite3.connect(backup) as kept:  # the file as it was, kept
        assert kept.execute("PRAGMA user_version").fetchone()[0] == 1
        assert kept.execute("SELECT count(*) FROM criterion_tick").fetchone()[0] == len(ticks)

    learners = {lr.id: lr for lr in session.roster.learners()}
    assert learners["L1"].address == "14 Mill Lane" and learners["L2"].name == "Zoë Ó'Brien"
    assert [r.chosen_units for r in session.roster.registrations("L1")] == [(CS7, CS8)]
    # Every tick is an evidence link with the same id, AC, date, ref, deletion flag and provenance.
    for tick_id, registration, unit, number, met_on, ref, deleted in ticks:
        row = db.execute("SELECT l.registration_id, l.unit_urn, l.criterion_number, coalesce(l.met_on, e.date), "
                         "e.ref, l.deleted, l.device_id, l.created_at FROM evidence_link l "
                         "JOIN evidence_item e ON e.id = l.evidence_id WHERE l.id = ?", [tick_id]).fetchone()
        assert row[:4] == (registration, unit, number, met_on)
        assert row[4].casefold() == ref.casefold() if ref else row[4].startswith("E")
        assert row[5:] == (deleted, "laptop-1", STAMP)
    # One observation per learner and ref; a ref with different case is the same item; no-ref ticks get a new ref.
    register = {i.ref: i for i in session.evidence.register("L1")}
    assert set(register) == {"E1", "E2", "E3"}
    assert all(i.kind == "observation" for i in register.values())
    assert register["E1"].date == "2026-01-05"
    assert {t.criterion_number for t in session.mapping.ticks("R1") if t.evidence_ref == "E3"} == {"2.1", "2.2"}
    assert [i.ref for i in session.evidence.register("L2")] == ["E1", "E3"]
    # The printed columns read as before the upgrade.
    rows = {r.number: r for r in session.progress.unit_record("R1", CS7).rows}
    assert (rows["1.1"].ref_no, rows["1.1"].date) == ("E1", "2026-01-05")
    assert (rows["1.2"].ref_no, rows["1.2"].date) == ("E1", "2026-01-07")
    assert not rows["1.3"].met  # deleted tick stays deleted
    session.mapping.restore_link("T4")  # ...and can still be restored by its old id
    assert session.progress.unit_record("R1", CS7).rows[2].ref_no == "E2"
    # The old audit trail is kept, and the carrying-over is audited.
    assert db.execute("SELECT count(*) FROM audit_event WHERE id = 'A1'").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM audit_event WHERE action = 'migrate'").fetchone()[0] == 5
    assert "criterion_tick" not in db.table_names()
    session.store.close()


def test_an_empty_schema_1_file_migrates(tmp_path):
    path = tmp_path / "assessor.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    store = open_store(path)
    assert schema_version(store.db) == LATEST_VERSION and store.db.execute("PRAGMA foreign_key_check").fetchall() == []
