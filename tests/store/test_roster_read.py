"""The first screen's read: the live learners by name and their qualifications on a plain read-only connection, or
None (the ordinary way) for a missing, older, newer, guarded or unreadable file; the records are never changed."""

import sqlite3

from assessor_app.store.roster_read import read_roster
from assessor_app.store.selects import SCHEMA_VERSION
from tests.conftest import IMI


def _two_learners(session):
    zoe, _ = session.roster.add("zoë Ó'Brien", "REG-2", employer_name_address="Hertford Kitchens, Ware")
    adam, _ = session.roster.add("Adam Wiśniewski", "REG-1")
    gone, _ = session.roster.add("Gone Away", "REG-3")
    session.roster.delete(gone.id)
    session.roster.register(adam.id, IMI)
    return adam, zoe


def test_it_reads_what_the_store_gives_in_the_same_order(session):
    adam, zoe = _two_learners(session)
    listed, qualifications = read_roster(session.store.path)
    assert [shown[0] for shown in listed] == [lr.id for lr in session.roster.learners()] == [adam.id, zoe.id]
    # by name, case aside; the deleted left out; only what the list shows of each
    assert listed[1] == (zoe.id, "zoë Ó'Brien", "REG-2", "Hertford Kitchens, Ware")
    assert qualifications == {adam.id: [IMI]}


def test_it_leaves_the_records_as_they_were(session):
    _two_learners(session)
    session.store.close()
    before = session.store.path.read_bytes()
    assert read_roster(session.store.path) is not None
    assert session.store.path.read_bytes() == before


def test_files_that_must_be_opened_the_ordinary_way_give_none(session, tmp_path):
    _two_learners(session)
    session.passcode.set("4321")
    assert read_roster(session.store.path) is None  # no name shows before the passcode is given
    session.passcode.clear("4321")
    assert read_roster(session.store.path) is not None
    session.store.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")  # an older release's: migrated first
    assert read_roster(session.store.path) is None
    session.store.close()
    assert read_roster(tmp_path / "absent.sqlite3") is None
    garbage = tmp_path / "half-copied.sqlite3"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\x17" * 3000)
    assert read_roster(garbage) is None


def test_a_file_without_the_tables_gives_none(tmp_path):
    empty = tmp_path / "other.sqlite3"
    with sqlite3.connect(empty) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    assert read_roster(empty) is None
