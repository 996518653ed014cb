"""Every fault as one sentence naming the file and what to do, exit 1 (130 for Ctrl-C), nothing stored changed.

Real parts throughout: real processes, a page of the real file overwritten in place, a real small tmpfs for a full
disk (or a file-size limit where mounting is not allowed), real chmod with root's override dropped."""

import hashlib
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services.opening import open_session
from tests.conftest import REPO

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
# Root reads and writes any file whatever its mode; this runs the command with that override dropped.
AS_PLAIN_USER = ["setpriv", "--inh-caps=-all", "--bounding-set=-all"] if ROOT else []


def run(data_dir, *args, prefix=(), timeout=120, **kwargs):
    return subprocess.run([*prefix, sys.executable, "-m", "assessor_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=REPO, **kwargs)


def one_line(result, code=1) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


def _holds_records(path: Path) -> bool:
    """Not the lock, the app's log, SQLite's shared-memory index, or an empty write-ahead log: none holds data."""
    name = path.name
    return not (name == "assessor.lock" or path.parent.name == "logs" or name.endswith("-shm") or (name.endswith("-wal") and not path.stat().st_size))


def digest(folder: Path) -> str:
    """Every byte stored in the data folder as one hash."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and _holds_records(p)):
        h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def learners_csv(path: Path, count: int, address_size: int = 10) -> Path:
    rows = ["Learner Name,Learner Registration No,Address"]
    rows += [f"Learner {n},NEW-{n},{'x' * address_size}" for n in range(count)]
    path.write_text("\r\n".join(rows) + "\r\n")
    return path


@pytest.fixture
def demo(data_dir):
    assert run(data_dir, "demo").returncode == 0
    return DataFolder(data_dir)


def damage_a_middle_page(database: Path) -> None:
    """Overwrite one page in the middle of the file in place, as a failing disk or a bad copy does."""
    page_size = int.from_bytes(database.read_bytes()[16:18], "big")
    pages = database.stat().st_size // page_size
    with open(database, "r+b") as handle:
        handle.seek((pages // 2) * page_size)
        handle.write(bytes(range(256)) * (page_size // 256))


def test_a_damaged_database_accepts_no_write_and_says_how_to_restore(demo, tmp_path):
    damage_a_middle_page(demo.database)
    before = digest(demo.root)
    for args in (["learners", "import", str(learners_csv(tmp_path / "mis.csv", 3))], ["demo"]):
        message = one_line(run(demo.root, *args))
        assert f"{demo.database} is damaged" in message and "assessor-app restore BACKUP" in message
        assert "nothing will be written" in message
    assert digest(demo.root) == before
    checked = run(demo.root, "check")
    assert checked.returncode == 1 and "PROBLEMS FOUND" in checked.stdout


def test_a_read_only_data_folder_is_sound_to_check_and_refuses_writes(demo, tmp_path):
    mis = learners_csv(tmp_path / "mis.csv", 3)
    mis.parent.chmod(0o755)
    before = digest(demo.root)
    demo.root.chmod(0o500)
    try:
        checked = run(demo.root, "check", prefix=AS_PLAIN_USER)
        assert checked.returncode == 0 and "integrity and foreign keys sound" in checked.stdout, checked.stdout
        message = one_line(run(demo.root, "learners", "import", str(mis), prefix=AS_PLAIN_USER))
        assert f"the folder {demo.root} is read-only" in message and "the record is sound" in message
        assert "nothing was changed" in message
    finally:
        demo.root.chmod(0o700)
    assert digest(demo.root) == before


def test_a_read_only_database_file_is_opened_read_only(demo, tmp_path):
    before = digest(demo.root)
    demo.database.chmod(0o400)
    try:
        message = one_line(run(demo.root, "demo", prefix=AS_PLAIN_USER))
        assert f"{demo.database} is a read-only file, so it was opened read-only" in message
        listed = run(demo.root, "learners", "list", prefix=AS_PLAIN_USER)
        assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 3, listed.stderr
    finally:
        demo.database.chmod(0o600)
    assert digest(demo.root) == before


@pytest.mark.parametrize("content, expected", [(b"", "is empty (0 bytes): it holds no records"),
                                               (b"Name,Reg\n" * 500, "is not an SQLite database")])
def test_an_empty_or_foreign_database_file_is_named(data_dir, content, expected):
    folder = DataFolder(data_dir).ensure()
    folder.database.write_bytes(content)
    for args in (["learners", "list"], ["demo"], ["check"]):
        result = run(data_dir, *args)
        assert result.returncode == 1 and expected in result.stderr + result.stdout, result.stderr
    assert folder.database.read_bytes() == content


def test_a_path_that_is_a_folder_or_missing_is_named(demo, tmp_path):
    assert "is a folder, not a CSV file" in one_line(run(demo.root, "learners", "import", str(tmp_path)))
    assert "does not exist" in one_line(run(demo.root, "learners", "import", str(tmp_path / "gone.csv")))
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    assert "is a file, not a folder: --data-dir" in one_line(run(a_file, "learners", "list"))
    assert "is a folder" in one_line(run(demo.root, "restore", str(tmp_path)))
    assert "does not exist" in one_line(run(demo.root, "backup", str(tmp_path / "no" / "b.zip")))
    assert "is a folder" in one_line(run(demo.root, "qualifications", "validate", str(tmp_path)))


def _fill_to(mount_point: Path, free_bytes: int) -> None:
    """Leave only `free_bytes` free on the small disk."""
    filler = mount_point / "filler"
    with open(filler, "wb") as handle:
        handle.write(b"\0" * max(0, shutil.disk_usage(mount_point).free - free_bytes))


def _small_disk(tmp_path: Path, size_mb: int, mechanism: str):
    """A folder on a real `size_mb` tmpfs (mounted is True), or a plain folder for the file-size limit."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if mechanism == "rlimit":
        return mount_point, False
    mounted = ROOT and subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(mount_point)],
                                      capture_output=True).returncode == 0
    if not mounted:  # the file-size-limit run covers this machine
        pytest.skip("cannot mount a tmpfs here (needs root)")
    return mount_point, True


# Both ways of filling a disk, where the machine allows: a real small tmpfs, and a file-size limit on the process.
DISK_LIMITS = pytest.mark.parametrize("mechanism", ["tmpfs", "rlimit"])


def _size_limited(limit: int):
    def apply():  # in the child: writes past `limit` bytes fail with EFBIG instead of killing it
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@DISK_LIMITS
def test_disk_full_during_an_import_changes_nothing_and_says_so(tmp_path, mechanism):
    # 80 MB: attaching wants 64 MB spare, and the demo attaches signatures.
    mount_point, mounted = _small_disk(tmp_path, 80, mechanism)
    try:
        data_dir = mount_point / "data"
        assert run(data_dir, "demo").returncode == 0
        folder = DataFolder(data_dir)
        if mounted:
            _fill_to(mount_point, 1024 * 1024)
        before = digest(folder.root)
        mis = learners_csv(tmp_path / "mis.csv", 3000, address_size=2000)  # about 6 MB of learners
        if mounted:
            result = run(data_dir, "learners", "import", str(mis))
        else:  # no tmpfs here: a file-size limit just above the database fails the same write
            result = run(data_dir, "learners", "import", str(mis),
                         preexec_fn=_size_limited(folder.database.stat().st_size + 65536))
        message = one_line(result)
        assert "nothing was changed" in message
        if mounted:
            assert "is full" in message and "free at least" in message
        else:  # SQLite reports a write past the file-size limit as an I/O error
            assert f"{folder.database} could not be written or read (disk I/O error" in message
        assert "rollback" not in message
        assert digest(folder.root) == before
        assert run(data_dir, "check").returncode == 0
    finally:
        if mounted:
            subprocess.run(["umount", str(mount_point)], check=True)


@DISK_LIMITS
def test_disk_full_during_a_backup_leaves_no_backup_and_says_how_much_is_needed(demo, tmp_path, mechanism):
    mount_point, mounted = _small_disk(tmp_path, 2, mechanism)
    try:
        video = tmp_path / "video.bin"
        video.write_bytes(os.urandom(3 * 1024 * 1024))  # more than the small disk holds
        session = open_session(demo.database, [shipped_dir("qualifications")], "dev")
        item, _ = session.evidence.add(session.roster.learners()[0].id, "product", "2026-03-01", title="video")
        session.attachments.attach(item.id, video)
        session.store.close()
        target = mount_point / "backup.zip"
        if mounted:
            result = run(demo.root, "backup", str(target))
        else:
            result = run(demo.root, "backup", str(target), preexec_fn=_size_limited(1024 * 1024))
        message = one_line(result)
        assert "no backup was written" in message
        if mounted:
            assert f"the disk holding {target} is full" in message and "free at least 4 MB" in message
        else:  # a file-size limit reads as a file system's own limit, as on a FAT32 stick
            assert f"{target} would be larger than the file system there allows" in message
        assert not target.exists() and [p.name for p in target.parent.iterdir() if "backup" in p.name] == []
    finally:
        if mounted:
            subprocess.run(["umount", str(mount_point)], check=True)


def test_qualification_files_too_big_too_deep_or_with_a_ref_twice_are_refused(demo, tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (6 * 1024 * 1024))
    message = one_line(run(demo.root, "qualifications", "import", str(big)))
    assert "6.0 MB is over the 5 MB limit for a qualification file" in message
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100000 + "]" * 100000)
    assert "nested too deeply" in one_line(run(demo.root, "qualifications", "validate", str(deep)))
    shipped = json.loads((REPO / "qualifications" / "imi-601-3456-2.json").read_text())
    shipped["number"] = "600/0000/9"
    first, second = shipped["units"][0], shipped["units"][1]
    second["ref"] = first["ref"]
    twice = tmp_path / "twice.json"
    twice.write_text(json.dumps(shipped))
    message = one_line(run(demo.root, "qualifications", "import", str(twice)))
    assert f"units[{first['urn']}].ref and units[{second['urn']}].ref are both {first['ref']!r}" in message
    assert sorted(p.name for p in demo.qualifications.glob("*.json")) == []


def test_ctrl_c_during_a_long_import_says_one_line_and_exits_130(demo, tmp_path):
    mis = learners_csv(tmp_path / "mis.csv", 60000, address_size=200)
    process = subprocess.Popen([sys.executable, "-m", "assessor_app", "--data-dir", str(demo.root), "learners",
                                "import", str(mis)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=REPO)
    deadline = time.monotonic() + 60
    while str(process.pid) not in demo.lock_file.read_text() and time.monotonic() < deadline:
        time.sleep(0.01)  # until the import holds the data folder: it is reading and writing now
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, (out, err)
    assert err == "assessor-app: interrupted: nothing was half-written\n"
    with sqlite3.connect(demo.database) as conn:
        count = conn.execute("SELECT count(*) FROM learner WHERE registration_no LIKE 'NEW-%'").fetchone()[0]
    assert count in (0, 60000)  # one transaction: all of it or none of it
    assert run(demo.root, "check").returncode == 0


def test_control_characters_never_reach_the_terminal(demo):
    with sqlite3.connect(demo.database) as conn:  # as a record synced from an older version might hold
        conn.execute("UPDATE learner SET name = 'Amelia \x1b]0;pwned\x07\x1b[2JHart' WHERE name LIKE 'Amelia%'")
    listed = run(demo.root, "learners", "list")
    assert listed.returncode == 0 and "Amelia ]0;pwned[2JHart" in listed.stdout
    assert not any(ch in listed.stdout for ch in "\x1b\x07")
    assert "\\u001b" in run(demo.root, "learners", "list", "--json").stdout


def test_a_real_bug_is_an_internal_error_with_its_traceback_in_the_log(data_dir, monkeypatch, capsys):
    from assessor_app import cli
    from assessor_app.cli import qualifications

    def broken(folder):
        raise AttributeError("'NoneType' object has no attribute 'name'")

    monkeypatch.setattr(qualifications, "catalogue_of", broken)
    assert cli.main(["--data-dir", str(data_dir), "qualifications", "list"]) == 1
    err = capsys.readouterr().err
    log = data_dir / "logs" / "assessor-app.log"
    assert err == (f"assessor-app: internal error: AttributeError: 'NoneType' object has no attribute 'name'; "
                   f"the details are in {log}\n")
    assert "Traceback" in log.read_text() and "in broken" in log.read_text()


def test_the_data_folder_is_private_to_its_user(demo):
    assert demo.root.stat().st_mode & 0o777 == 0o700
    for path in demo.root.rglob("*"):
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path
    assert shutil.which("setpriv") or not ROOT


def test_ctrl_c_during_a_batch_export_stops_its_workers_quietly_and_leaves_only_whole_files(data_dir, tmp_path):
    import pypdf

    from tests.services.lar_fixture import LEARNER, populate_full_record

    folder = DataFolder(data_dir).ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    people = None
    for n in range(6):
        learner = dict(LEARNER, name=f"Learner {n}", registration_no=f"R-{n}", email=f"l{n}@example.org")
        _, _, people = populate_full_record(session, "601/3456/2", tmp_path / "files", learner=learner, people=people)
    session.store.close()
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "assessor_app", "--data-dir", str(data_dir), "export", "batch",
                                "--out-dir", str(out), "--workers", "2"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=REPO, start_new_session=True)
    deadline = time.monotonic() + 120
    while not list(out.glob("*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.05)  # until the first record is written: the workers are busy with the next ones
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group, workers included
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130 and err == "assessor-app: interrupted: nothing was half-written\n", err
    written = sorted(out.iterdir())
    assert 1 <= len(written) < 6 and all(p.suffix == ".pdf" for p in written), written
    assert all(len(pypdf.PdfReader(p).pages) > 30 for p in written)  # each one whole


def test_a_new_data_folder_inside_a_read_only_folder_is_named(tmp_path):
    parent = tmp_path / "shared"
    parent.mkdir(mode=0o755)
    tmp_path.chmod(0o755)
    parent.chmod(0o555)
    try:
        message = one_line(run(parent / "data", "demo", prefix=AS_PLAIN_USER))
        assert f"{parent / 'data'} cannot be opened (permission denied): nothing was changed" in message
    finally:
        parent.chmod(0o755)
    assert not (parent / "data").exists()
