"""Crash safety, measured: writers killed with SIGKILL at random moments, 200 times; after each kill the
records pass `check` and every write a writer reported as committed is there."""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services import maintenance
from assessor_app.services.blobs import BlobStore
from assessor_app.services.opening import open_session
from assessor_app.store.database import StoreError
from tests.conftest import IMI, REPO

KILLS = int(os.environ.get("CRASH_KILLS", "200"))
SEED = int(os.environ.get("CRASH_SEED", "20260302"))

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "fork"), reason="the writer forks (POSIX only)")]


class Zygote:
    """The writer process of tests/store/crash_writer.py, driven line by line."""

    def __init__(self, data_dir: Path, registration_id: str):
        self.process = subprocess.Popen([sys.executable, "-m", "tests.store.crash_writer", str(data_dir),
                                         registration_id], cwd=REPO, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, bufsize=1)
        assert self.read() == "READY"

    def read(self) -> str:
        line = self.process.stdout.readline()
        assert line.endswith("\n"), f"writer process ended unexpectedly: {line!r}"
        return line.rstrip("\n")

    def start(self, seed: int) -> int:
        self.process.stdin.write(f"go {seed}\n")
        self.process.stdin.flush()
        line = self.read()
        assert line.startswith("P "), line
        return int(line[2:])

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def test_killed_writers_never_lose_a_committed_write_or_damage_the_records(data_dir):
    folder = DataFolder(data_dir).ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], "setup")
    learner, _ = session.roster.add("Crash Test", "CRASH-1")
    registration, _ = session.roster.register(learner.id, IMI)
    session.store.close()

    rng = random.Random(SEED)
    zygote = Zygote(data_dir, registration.id)
    committed: dict[str, str] = {}   # id -> kind, as reported after commit
    unlinked: set[str] = set()
    started = time.monotonic()
    interrupted_copies = 0
    try:
        for round_number in range(KILLS):
            pid = zygote.start(rng.randrange(1 << 30))
            # Kill before the writer is even ready sometimes, otherwise after a random spell of writing.
            delay = 0.0 if rng.random() < 0.1 else rng.uniform(0.0, 0.15)
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)
            while True:
                line = zygote.read()
                if line.startswith("X "):
                    assert line == f"X {pid} {signal.SIGKILL}", f"writer did not die by SIGKILL: {line}"
                    break
                if line.startswith("C "):
                    _, kind, record_id = line.split()
                    if kind == "unlink":
                        unlinked.add(record_id)
                    else:
                        committed[record_id] = kind
            report = maintenance.check(folder.database, folder.attachments)
            assert report.ok, f"after kill {round_number + 1}: {report.problems}"
            interrupted_copies = len(BlobStore(folder.attachments).leftovers())
            _assert_all_present(folder, committed, unlinked, round_number + 1)
    finally:
        zygote.close()
    elapsed = time.monotonic() - started

    # The command a user would run agrees.
    result = subprocess.run([sys.executable, "-m", "assessor_app", "--data-dir", str(data_dir), "check", "--json"],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["ok"]
    summary = {"kills": KILLS, "committed_writes_verified": len(committed) + len(unlinked),
               "lost": 0, "check_failures": 0, "attachment_copies_cut_short": interrupted_copies,
               "seconds": round(elapsed, 1)}
    print(f"\ncrash safety: {json.dumps(summary)}")
    assert len(committed) > KILLS, "the writers hardly wrote anything; the test proves little"


def _assert_all_present(folder: DataFolder, committed: dict[str, str], unlinked: set[str], kill: int) -> None:
    import sqlite3

    with sqlite3.connect(f"{folder.database.as_uri()}?mode=ro", uri=True) as conn:
        tables = {"link": "evidence_link", "item": "evidence_item", "attachment": "attachment"}
        for kind, table in tables.items():
            wanted = [i for i, k in committed.items() if k == kind]
            found = {r[0] for r in conn.execute(f"SELECT id FROM {table}").fetchall()}
            lost = [i for i in wanted if i not in found]
            assert not lost, f"after kill {kill}: committed {kind}s missing: {lost[:5]}"
        deleted = {r[0] for r in conn.execute("SELECT id FROM evidence_link WHERE deleted = 1").fetchall()}
        assert unlinked <= deleted, f"after kill {kill}: committed unlinks lost: {sorted(unlinked - deleted)[:5]}"
        # Atomicity: no record without the audit event written in the same transaction.
        orphans = conn.execute(
            "SELECT count(*) FROM (SELECT id FROM evidence_link UNION ALL SELECT id FROM evidence_item "
            "UNION ALL SELECT id FROM attachment) r WHERE NOT EXISTS "
            "(SELECT 1 FROM audit_event a WHERE a.record_id = r.id)").fetchone()[0]
        assert orphans == 0, f"after kill {kill}: {orphans} records without their audit event"


BACKUP_KILLS = int(os.environ.get("CRASH_BACKUP_KILLS", "30"))


def _cli(data_dir: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "assessor_app", "--data-dir", str(data_dir), *args], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _whole_run(data_dir: Path, *args: str) -> float:
    """How long the command takes here and now, uninterrupted (kills are spread over this, so on a slow or busy
    machine they still land before, during and after the work)."""
    started = time.monotonic()
    assert _cli(data_dir, *args).wait(timeout=300) == 0
    return time.monotonic() - started


def _killed_at_random(process: subprocess.Popen, rng: random.Random, span: float) -> bool:
    """SIGKILL after a random spell of up to 1.3 x `span`; True if it was still running."""
    time.sleep(rng.uniform(0.0, 1.3 * span))
    alive = process.poll() is None
    process.kill()
    process.wait(timeout=30)
    return alive


def _records_with_a_large_attachment(data_dir: Path) -> DataFolder:
    folder = DataFolder(data_dir).ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    learner, _ = session.roster.add("Backup Test", "BACKUP-1")
    item, _ = session.evidence.add(learner.id, "product", "2026-03-01", title="a video of the task")
    video = data_dir.parent / "video.bin"
    video.write_bytes(os.urandom(48 * 1024 * 1024))
    session.attachments.attach(item.id, video)
    video.unlink()
    session.store.close()
    return folder


def _learner_count(database: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT count(*) FROM learner").fetchone()[0]


def test_a_killed_backup_never_restores_as_complete_and_a_killed_restore_keeps_the_database(tmp_path):
    folder = _records_with_a_large_attachment(tmp_path / "data")
    rng = random.Random(SEED)
    target = tmp_path / "backup.zip"
    partial = tmp_path / ".backup.zip.partial"
    outcomes = {"killed_mid_backup": 0, "backups_whole": 0, "partials_refused": 0}
    span = _whole_run(folder.root, "backup", str(target))
    for round_number in range(BACKUP_KILLS):
        target.unlink(missing_ok=True)
        _killed_at_random(_cli(folder.root, "backup", str(target)), rng, span)
        for candidate in (target, partial):
            if not candidate.exists():
                continue
            fresh = DataFolder(tmp_path / f"fresh-{round_number}-{candidate.name}").ensure()
            try:
                maintenance.restore(fresh.database, candidate, attachments=fresh.attachments)
            except StoreError as refused:
                assert candidate == partial, f"round {round_number + 1}: a renamed backup was refused: {refused}"
                outcomes["partials_refused"] += 1
                continue
            report = maintenance.check(fresh.database, fresh.attachments)
            assert report.ok and report.files_checked == 1, f"round {round_number + 1}: {report.problems}"
            outcomes["backups_whole"] += 1
            shutil.rmtree(fresh.root)  # 48 MB each
        outcomes["killed_mid_backup"] += not target.exists()
    assert outcomes["killed_mid_backup"] and outcomes["partials_refused"], outcomes

    maintenance.backup(folder.database, target, folder.attachments)
    # Timed on a copy of the live folder, as each round restores over live records (kept aside first): into an
    # empty folder the restore is quicker, and the kills then all landed before it ended (seen once, 30 of 30).
    shutil.copytree(folder.root, tmp_path / "timing")
    span = _whole_run(tmp_path / "timing", "restore", str(target))
    restores = {"old_kept": 0, "restored": 0}
    for round_number in range(BACKUP_KILLS):
        session = open_session(folder.database, [shipped_dir("qualifications")], "crash")  # the live record moves on
        session.roster.add(f"Added {round_number}", f"ADDED-{round_number}")
        session.store.close()
        before = _learner_count(folder.database)
        _killed_at_random(_cli(folder.root, "restore", str(target)), rng, span)
        assert maintenance.check(folder.database, folder.attachments).ok, f"after restore kill {round_number + 1}"
        after = _learner_count(folder.database)
        assert after in (before, 1), f"round {round_number + 1}: {after} learners, neither old ({before}) nor backup"
        restores["old_kept" if after == before else "restored"] += 1
    assert restores["old_kept"] and restores["restored"], restores
    print(f"\nbackup/restore crash safety: {json.dumps({**outcomes, **restores, 'kills': 2 * BACKUP_KILLS})}")
