"""The quick check begun before the window's imports: its findings stand in for open_store's own check."""

import sqlite3

from assessor_app.domain.records import Learner
from assessor_app.store import database, records
from assessor_app.store.database import open_store
from assessor_app.store.early_check import EarlyCheck


def _learners(path, count=300):
    store = open_store(path)
    with store.transaction() as db:
        for n in range(count):
            records.insert_learner(db, Learner(id=f"L{n}", name=f"Learner {n}", registration_no=f"R{n}",
                                               address="x" * 400), "dev")
    store.close()


def _overwrite_a_learner_page(path):
    with sqlite3.connect(path) as conn:
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'learner' ORDER BY pageno")]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as handle:
        handle.seek((pages[len(pages) // 2] - 1) * page_size)
        handle.write(b"\xa5" * page_size)


def _no_second_check(monkeypatch):
    def refused(*args):
        raise AssertionError("open_store checked the file again")
    monkeypatch.setattr(database, "quick_check", refused)


def test_a_sound_file_is_found_sound_and_opened_for_writing_without_a_second_check(tmp_path, monkeypatch):
    path = tmp_path / "a.sqlite3"
    _learners(path)
    check = EarlyCheck(path, 5.0)
    assert check.findings() == ["ok"]
    _no_second_check(monkeypatch)
    store = open_store(path, early_check=check)
    assert not store.read_only and len(records.learners(store.db)) == 300
    store.close()


def test_damage_found_early_opens_the_file_read_only_and_unchanged(tmp_path, monkeypatch):
    path = tmp_path / "a.sqlite3"
    _learners(path)
    _overwrite_a_learner_page(path)
    before = path.read_bytes()
    check = EarlyCheck(path, 5.0)
    _no_second_check(monkeypatch)
    store = open_store(path, early_check=check)
    assert store.read_only and store.damaged and "quick check reports" in store.read_only_reason
    store.close()
    assert path.read_bytes() == before


def test_a_missing_file_leaves_the_check_to_open_store(tmp_path):
    path = tmp_path / "new.sqlite3"
    check = EarlyCheck(path, 5.0)
    assert check.findings() is None
    store = open_store(path, early_check=check)  # created and checked as without an early check
    assert not store.read_only
    store.close()

