"""Change capture: in the same transaction as every write, from the live schema, stamped before COMMIT."""

from __future__ import annotations

import json

import pytest

from assessor_app.store import outbox, sync_records
from assessor_app.store.database import open_store
from tests.store.test_migrations import make_schema_1
from tests.sync.fleet import make_device, seed


def test_every_write_is_captured_and_stamped_in_its_own_transaction(tmp_path):
    device = make_device(tmp_path / "a", "devA")
    seed(device, tmp_path)
    changes = device.changes()
    assert changes and all(c[2] and c[0] == "devA" for c in changes)
    assert [c[1] for c in changes] == list(range(1, len(changes) + 1))
    tables = {c[3] for c in changes}
    assert {"learner", "registration", "person", "audit_event"} <= tables
    assert device.db.execute("SELECT count(*) FROM sync_change WHERE hlc IS NULL").fetchone()[0] == 0


def test_a_refused_write_leaves_no_change_behind(tmp_path):
    device = make_device(tmp_path / "a", "devA")
    world = seed(device, tmp_path)
    before = device.last_seq()
    from assessor_app.services.context import ServiceError
    with pytest.raises(ServiceError):
        device.session.roster.add("Second Amelia", "IMI-1")  # registration number in use
    with pytest.raises(RuntimeError):
        with device.session.context.write() as w:
            w.db.execute("UPDATE learner SET address = 'x' WHERE id = ?", [world.learner_id])
            raise RuntimeError("power cut")
    assert device.last_seq() == before
    assert device.db.execute("SELECT count(*) FROM sync_change").fetchone()[0] == before


def test_one_edit_is_one_field_level_change_per_column_that_moved(tmp_path):
    device = make_device(tmp_path / "a", "devA")
    world = seed(device, tmp_path)
    before = device.last_seq()
    device.session.roster.update(world.learner_id, address="5 New Road")
    fields = {c[5]: json.loads(c[6]) for c in device.changes() if c[1] > before and c[3] == "learner"}
    assert fields["address"] == "5 New Road"
    assert set(fields) == {"address", "updated_at"}, "device_id did not change, so it is not sent"


def test_tables_and_columns_added_later_are_captured_without_code_knowing_them(tmp_path):
    path = tmp_path / "a" / "assessor.sqlite3"
    device = make_device(tmp_path / "a", "devA")
    device.session.store.close()
    store = open_store(path)
    with store.transaction() as db:
        db.execute("ALTER TABLE learner ADD COLUMN uln TEXT")
        db.execute("CREATE TABLE visit_plan (id TEXT PRIMARY KEY, note TEXT, created_at TEXT, updated_at TEXT, "
                   "device_id TEXT, deleted INTEGER DEFAULT 0)")
    store.close()
    store = open_store(path)   # capture follows the live schema at every opening
    with store.transaction() as db:
        db.execute("INSERT INTO learner (id, name, registration_no, uln, created_at, updated_at, device_id) "
                   "VALUES ('L9', 'Ada', 'R9', '1234567890', 'x', 'x', 'devA')")
        db.execute("INSERT INTO visit_plan (id, note, created_at, updated_at, device_id) VALUES "
                   "('V1', 'visit on Tuesday', 'x', 'x', 'devA')")
        outbox.stamp_pending(db, "devA", 1)
    captured = {c[3]: json.loads(c[6]) for c in outbox.local_changes(store.db, "devA", 0)}
    assert captured["learner"]["uln"] == "1234567890"
    assert captured["visit_plan"]["note"] == "visit on Tuesday"
    store.close()


def test_an_existing_database_becomes_its_first_change_set(tmp_path):
    """A file from before sync existed: after migrating, its every row is a change, and a second device that
    receives them holds the same records."""
    old = tmp_path / "old" / "assessor.sqlite3"
    old.parent.mkdir()
    make_schema_1(str(old))
    device = make_device(tmp_path / "old", "devOld")
    count = device.db.execute("SELECT count(*) FROM learner").fetchone()[0]
    device.session.roster.update("L2", tel="0161 000")   # the first write stamps the initial set
    changes = device.changes()
    assert sum(1 for c in changes if c[3] == "learner" and c[5] == "*") == count
    fresh = make_device(tmp_path / "new", "devNew")
    fresh.receive(changes)
    device.receive([])
    assert fresh.dump() == device.dump()
    assert [lr.name for lr in fresh.session.roster.learners()] == [lr.name for lr in device.session.roster.learners()]
    assert sync_records.waiting(fresh.db) == []
