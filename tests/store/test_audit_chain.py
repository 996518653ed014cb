"""The audit hash chain: one chain per device, extended by every write, verified link by link."""

import sqlite3

import pytest
import sqlite_utils

from assessor_app.store import audit_chain, records
from assessor_app.store.database import open_store
from assessor_app.store.migrations import MIGRATIONS, _m5_audit_hash_chain


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "assessor.sqlite3")
    yield opened
    opened.close()


def _append(store, device: str, n: int) -> None:
    with store.transaction() as db:
        records.append_audit(db, device_id=device, actor="t", action="create", table="learner",
                             record_id=f"L{n}", before=None, after={"n": n})


def test_each_device_extends_its_own_chain(store):
    for n in range(3):
        _append(store, "laptop-a", n)
        _append(store, "laptop-b", n)
    rows = store.db.execute("SELECT device_id, seq, prev_hash, hash FROM audit_event ORDER BY rowid").fetchall()
    a = [r for r in rows if r[0] == "laptop-a"]
    assert [r[1] for r in a] == [1, 2, 3]
    assert a[0][2] == audit_chain.GENESIS and a[1][2] == a[0][3] and a[2][2] == a[1][3]
    assert audit_chain.chain_breaks(store.db) == []
    assert audit_chain.heads(store.db) == {"laptop-a": a[2][3], "laptop-b": rows[-1][3]}


def test_events_from_another_device_arriving_later_do_not_break_this_one(store):
    _append(store, "laptop-a", 1)
    other = {"id": "X1", "at": "2026-01-01T00:00:00.000+00:00", "device_id": "laptop-b", "actor": "t",
             "action": "create", "table_name": "learner", "record_id": "L9", "before": None, "after": None}
    digest = audit_chain.event_hash(other, 1, audit_chain.GENESIS)
    with store.transaction() as db:  # as sync unions a remote device's events by id
        db.execute("INSERT INTO audit_event (id, at, device_id, actor, action, table_name, record_id, before, after,"
                   " seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                   [*other.values(), audit_chain.GENESIS, digest])
    _append(store, "laptop-a", 2)
    assert audit_chain.chain_breaks(store.db) == []


def test_the_migration_chains_events_written_before_it(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    before_chain = MIGRATIONS.index(_m5_audit_hash_chain)
    for number in range(before_chain):  # the schema as it was before the chain's migration
        MIGRATIONS[number](db)
    db.execute(f"PRAGMA user_version = {before_chain}")
    for n in range(4):
        db.execute("INSERT INTO audit_event (id, at, device_id, actor, action, table_name, record_id) "
                   "VALUES (?, ?, ?, 'old', 'create', 'learner', ?)",
                   [f"E{n}", f"2026-01-0{n + 1}", "laptop-a" if n % 2 else "laptop-b", f"L{n}"])
    conn.close()
    store = open_store(path)
    try:
        assert audit_chain.chain_breaks(store.db) == []
        assert audit_chain.missing_triggers(store.db) == []
        assert set(audit_chain.heads(store.db)) == {"laptop-a", "laptop-b"}
        _append(store, "laptop-a", 9)
        assert store.db.execute("SELECT max(seq) FROM audit_event WHERE device_id = 'laptop-a'").fetchone()[0] == 3
        assert audit_chain.chain_breaks(store.db) == []
    finally:
        store.close()
