"""`check`, `backup FILE`, `restore FILE` and `learners import CSV` as a user runs them: real processes, exit codes."""

import json
import sqlite3
import subprocess
import sys

from assessor_app.paths import DataFolder, DataFolderLock


def run(data_dir, *args):
    return subprocess.run([sys.executable, "-m", "assessor_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=120)


def one_line_error(result):
    return result.returncode == 1 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_check_backup_and_restore(data_dir, tmp_path):
    assert one_line_error(run(data_dir, "check"))  # no records yet
    assert run(data_dir, "demo").returncode == 0
    checked = run(data_dir, "check", "--json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads(checked.stdout)["ok"] is True

    backup = tmp_path / "monday.sqlite3"
    assert run(data_dir, "backup", str(backup)).returncode == 0 and backup.exists()
    with DataFolderLock(DataFolder(data_dir)):  # the app is open
        assert run(data_dir, "backup", str(tmp_path / "again.sqlite3")).returncode == 0
        held = run(data_dir, "restore", str(backup))
        assert one_line_error(held) and "in use by" in held.stderr
    (tmp_path / "notes.txt").write_text("not a database")
    refused = run(data_dir, "restore", str(tmp_path / "notes.txt"))
    assert one_line_error(refused) and "will not restore" in refused.stderr
    restored = run(data_dir, "restore", str(backup))
    assert restored.returncode == 0 and "kept in" in restored.stdout
    assert len(json.loads(run(data_dir, "learners", "list", "--json").stdout)) == 3


def test_a_backup_restored_into_an_empty_folder_passes_check(data_dir, tmp_path):
    assert run(data_dir, "demo").returncode == 0
    made = run(data_dir, "backup", str(tmp_path / "friday.zip"))
    assert made.returncode == 0 and "stored file(s)" in made.stdout, made.stderr
    fresh = tmp_path / "new-laptop"
    restored = run(fresh, "restore", str(tmp_path / "friday.zip"))
    assert restored.returncode == 0 and "every SHA-256 verified" in restored.stdout, restored.stderr
    checked = run(fresh, "check", "--json")
    assert checked.returncode == 0 and json.loads(checked.stdout)["files_checked"] > 0, checked.stdout
    old_style = tmp_path / "old.sqlite3"
    with sqlite3.connect(DataFolder(data_dir).database) as live, sqlite3.connect(old_style) as copy:
        live.backup(copy)
    database_only = run(tmp_path / "third", "restore", str(old_style))
    assert database_only.returncode == 0 and "attachments and signature images were not in it" in database_only.stdout


def test_check_fails_with_the_problem_named(data_dir):
    assert run(data_dir, "demo").returncode == 0
    database = DataFolder(data_dir).database
    database.write_bytes(database.read_bytes()[:4096] + b"\x00" * 10)
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    result = run(data_dir, "check")
    assert one_line_error(result) and "PROBLEMS FOUND" in result.stdout and "problem:" in result.stdout


def test_learners_import_reports_refused_rows(data_dir, tmp_path):
    csv = tmp_path / "mis.csv"
    csv.write_bytes(b"Learner Name,Learner Registration No\r\nAnn,R1\r\nBob,R1\r\nCaf\xe9 Owner,R3\r\n")
    result = run(data_dir, "learners", "import", str(csv), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [r["registration_no"] for r in report["imported"]] == ["R1"]
    assert [r["row"] for r in report["refused"]] == [3, 4]
    text = run(data_dir, "learners", "import", str(csv), "--encoding", "cp1252")
    assert "1 learner(s) imported, 2 row(s) refused" in text.stdout
    missing = run(data_dir, "learners", "import", str(tmp_path / "gone.csv"))
    assert one_line_error(missing) and "does not exist" in missing.stderr
