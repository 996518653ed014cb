"""The SQLite file itself: pragmas, migrations, read-only mode, refusing files that are not databases."""

import sqlite3

import pytest

from assessor_app.domain.records import Learner
from assessor_app.store import records
from assessor_app.store.database import StoreError, open_store, schema_version
from assessor_app.store.migrations import LATEST_VERSION


def test_new_database_is_wal_with_foreign_keys_and_latest_schema(tmp_path):
    store = open_store(tmp_path / "a.sqlite3")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema_version(store.db) == LATEST_VERSION
    assert {"learner", "registration", "evidence_item", "evidence_link", "audit_event"} <= set(store.db.table_names())
    assert "criterion_tick" not in store.db.table_names()  # carried over to evidence links by migration 2


def test_foreign_keys_are_enforced(tmp_path):
    store = open_store(tmp_path / "a.sqlite3")
    with pytest.raises(sqlite3.IntegrityError):
        with store.transaction() as db:
            db.execute("INSERT INTO registration (id, learner_id, qualification_number) VALUES ('r', 'nobody', 'x')")


def test_failed_transaction_leaves_nothing(tmp_path):
    store = open_store(tmp_path / "a.sqlite3")
    with pytest.raises(RuntimeError):
        with store.transaction() as db:
            records.insert_learner(db, Learner(id="l1", name="Ann", registration_no="R1"), "dev")
            raise RuntimeError("power cut")
    assert records.learners(store.db) == []


def test_audit_events_cannot_be_changed(tmp_path):
    store = open_store(tmp_path / "a.sqlite3")
    with store.transaction() as db:
        records.append_audit(db, device_id="d", actor="a", action="create", table="learner", record_id="x",
                             before=None, after={"name": "Ann"})
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("UPDATE audit_event SET actor = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM audit_event")


def test_read_only_store_refuses_writes_but_reads(tmp_path):
    path = tmp_path / "a.sqlite3"
    writer = open_store(path)
    with writer.transaction() as db:
        records.insert_learner(db, Learner(id="l1", name="Ann", registration_no="R1"), "dev")
    reader = open_store(path, read_only=True)
    assert [lr.name for lr in records.learners(reader.db)] == ["Ann"]
    with pytest.raises(StoreError, match="read-only"):
        with reader.transaction():
            pass


@pytest.mark.parametrize("content", [b"this is a spreadsheet, not a database\n" * 40, b"SQLite format 3\x00" + b"\x00" * 50])
def test_file_that_is_not_a_database_is_refused_by_name(tmp_path, content):
    path = tmp_path / "a.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=str(path.name)):
        open_store(path)
    assert path.read_bytes() == content  # nothing written over it


def test_truncated_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "a.sqlite3"
    store = open_store(path)
    with store.transaction() as db:
        for i in range(300):
            records.insert_learner(db, Learner(id=f"l{i}", name=f"Learner {i}", registration_no=f"R{i}", address="x" * 200), "dev")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(StoreError, match="truncated"):
        open_store(path)
    assert path.read_bytes() == whole[: len(whole) // 3]


def test_a_checkpoint_cut_short_by_a_crash_is_not_mistaken_for_truncation(tmp_path):
    """Page 1 may already count pages the file lacks while the log still holds them; SQLite finishes the job."""
    import shutil

    path = tmp_path / "a.sqlite3"
    store = open_store(path)
    store.db.execute("PRAGMA wal_autocheckpoint = 0")
    with store.transaction() as db:
        for i in range(300):
            records.insert_learner(db, Learner(id=f"l{i}", name=f"Learner {i}", registration_no=f"R{i}", address="x" * 200), "dev")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):  # the files as a killed process leaves them
        shutil.copy(f"{path}{suffix}", f"{crashed / path.name}{suffix}")
    store.close()
    copy = crashed / path.name
    header = bytearray(copy.read_bytes())
    header[28:32] = (10_000).to_bytes(4, "big")  # page 1 already written by the interrupted checkpoint
    copy.write_bytes(bytes(header))
    reopened = open_store(copy)
    assert len(records.learners(reopened.db)) == 300


def _damaged_store(tmp_path, monkeypatch):
    """A database with a page in the middle overwritten, opened as if the quick check had run out of time."""
    from assessor_app.store import database

    path = tmp_path / "a.sqlite3"
    store = open_store(path)
    with store.transaction() as db:
        for n in range(300):
            records.insert_learner(db, Learner(id=f"L{n}", name=f"Learner {n}", registration_no=f"R{n}",
                                               address="x" * 400), "dev")
    store.close()
    with sqlite3.connect(path) as conn:  # a page of the learner table, from the middle of its pages
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'learner' ORDER BY pageno")]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as handle:
        handle.seek((pages[len(pages) // 2] - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    monkeypatch.setattr(database, "quick_check", lambda *args: None)
    return path, open_store(path)


def test_damage_met_by_a_later_statement_turns_the_store_read_only(tmp_path, monkeypatch):
    path, store = _damaged_store(tmp_path, monkeypatch)
    assert not store.read_only
    before = path.read_bytes()
    with pytest.raises(StoreError, match=f"{path} is damaged .*malformed.*restore the last backup"):
        with store.transaction() as db:
            db.execute("UPDATE learner SET name = name || '.', registration_no = registration_no || '.'")
    assert store.read_only and store.damaged
    with pytest.raises(StoreError, match="is damaged"):  # and no write is accepted afterwards
        with store.transaction() as db:
            db.execute("INSERT INTO app_setting (key, value, updated_at) VALUES ('k', 'v', 'now')")
    store.close()
    assert path.read_bytes() == before


def test_quick_check_at_open_finds_the_damage_and_opens_read_only(tmp_path, monkeypatch):
    path, store = _damaged_store(tmp_path, monkeypatch)
    store.close()
    monkeypatch.undo()
    damaged = open_store(path)
    assert damaged.read_only and damaged.damaged and "quick check reports" in damaged.read_only_reason
    damaged.close()


def test_an_empty_file_is_not_taken_for_a_new_database(tmp_path):
    path = tmp_path / "a.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(StoreError, match="is empty \\(0 bytes\\)"):
        open_store(path)
    assert path.read_bytes() == b""



def test_sqlite_utils_plugins_never_run_on_the_records_connection(tmp_path):
    from sqlite_utils import hookimpl
    from sqlite_utils.plugins import pm

    seen = []

    class Plugin:
        @hookimpl
        def prepare_connection(self, conn):
            seen.append(conn)

    plugin = Plugin()
    pm.register(plugin, name="test-prepare-connection")
    try:
        open_store(tmp_path / "a.sqlite3").close()
        assert seen == []
    finally:
        pm.unregister(plugin)
