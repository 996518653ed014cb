"""Data safety across versions: a newer build migrates the previous release's folder after a backup; an older
build refuses a newer database with one clear line and leaves the file byte for byte as it was."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessor_app.store.database import StoreError, open_store
from assessor_app.store.migrations import LATEST_VERSION

PREVIOUS_RELEASE = Path(__file__).parent / "fixtures" / "release-schema3"  # see fixtures/README.md


def run(*args, data_dir, check=False):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "assessor_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, check=check)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def version_of(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


@pytest.fixture
def previous_release(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(PREVIOUS_RELEASE, folder)
    assert version_of(folder / "assessor.sqlite3") == 3 < LATEST_VERSION
    return folder


def test_the_first_start_of_a_newer_build_backs_up_then_migrates(previous_release, tmp_path):
    database = previous_release / "assessor.sqlite3"
    before = dump(database)
    shown = subprocess.run([sys.executable, "-m", "assessor_app.app", "--data-dir", str(previous_release),
                            "--exit-when-shown"], capture_output=True, text=True,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert shown.returncode == 0, shown.stderr
    assert version_of(database) == LATEST_VERSION
    [backup] = previous_release.glob("assessor.schema3.*.backup.sqlite3")
    assert dump(backup) == before  # the file as the older build left it, whole

    learners = json.loads(run("learners", "list", "--json", data_dir=previous_release, check=True).stdout)
    assert sorted(learner["name"] for learner in learners) == ["Amelia Hart", "Tomasz Wiśniewski",
                                                               "Zoë Ó'Brien-Łukasiewicz"]
    pdf = tmp_path / "amelia.pdf"
    exported = run("export", "lar", "--learner", "Amelia Hart", "--out", str(pdf), data_dir=previous_release)
    assert exported.returncode == 0, exported.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Amelia Hart" in text and "ASSESSOR SIGNATURE" in text.upper()
    with sqlite3.connect(database) as conn:  # every evidence item and link the older build recorded is there
        with sqlite3.connect(backup) as old:
            for table in ("learner", "evidence_item", "evidence_link", "evidence_signature", "unit_signoff"):
                rows = f"SELECT id FROM {table} ORDER BY id"
                assert conn.execute(rows).fetchall() == old.execute(rows).fetchall(), table


def test_reading_an_older_file_before_its_upgrade_is_one_line_and_changes_nothing(previous_release):
    database = previous_release / "assessor.sqlite3"
    before = digest(database)
    listed = run("learners", "list", data_dir=previous_release)
    assert listed.returncode == 1 and listed.stderr.count("\n") == 1 and "Traceback" not in listed.stderr
    assert "upgrad" in listed.stderr
    assert digest(database) == before


@pytest.fixture
def newer_database(tmp_path) -> Path:
    """A database as a later version would leave it: one schema beyond this build, in rollback-journal mode
    (so that switching it to WAL, as opening for writing does, would change the file's header)."""
    folder = tmp_path / "data"
    assert run("demo", data_dir=folder).returncode == 0
    database = folder / "assessor.sqlite3"
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    return database


@pytest.mark.parametrize("command", [("learners", "list"), ("demo",), ("export", "lar", "--learner", "Amelia Hart",
                                                                       "--out", "x.pdf")])
def test_an_older_build_refuses_a_newer_database_and_changes_nothing(newer_database, command, tmp_path):
    before = digest(newer_database)
    refused = run(*command, data_dir=newer_database.parent)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    [line] = refused.stderr.splitlines()
    assert "newer version of assessor-app" in line and "Nothing was changed" in line
    assert digest(newer_database) == before
    assert not newer_database.with_name("assessor.sqlite3-wal").exists()
    assert list(newer_database.parent.glob("*.backup.sqlite3")) == []


def test_the_store_refuses_it_in_both_modes(newer_database):
    before = digest(newer_database)
    for read_only in (False, True):
        with pytest.raises(StoreError, match=f"schema {LATEST_VERSION + 1}"):
            open_store(newer_database, read_only=read_only)
    assert digest(newer_database) == before
