"""`assessor-app sync` between two data folders, each driven by its own processes, through one folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def cli(data: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return _run("-m", "assessor_app", "--data-dir", str(data), *args, check=check)


def edit(data: Path, action: str) -> dict:
    return json.loads(_run("-m", "tests.cli.sync_editor", str(data), action).stdout)


def sync(data: Path, stick: Path, passphrase: Path) -> dict:
    return json.loads(cli(data, "sync", str(stick), "--passphrase-file", str(passphrase), "--json").stdout)


def test_two_laptops_offline_end_with_the_same_records(tmp_path):
    one, two, stick = tmp_path / "laptop-one", tmp_path / "laptop-two", tmp_path / "stick"
    stick.mkdir()
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text("correct horse battery staple\n")
    edit(one, "setup")
    assert sync(one, stick, passphrase)["sent_changes"] > 0
    assert sync(two, stick, passphrase)["received_changes"] > 0
    # Offline: each laptop edits the same learner.
    assert edit(one, "sign_and_edit")["ref"] == edit(two, "change_signed_unit")["ref"] == "E2"
    reports = [sync(one, stick, passphrase), sync(two, stick, passphrase), sync(one, stick, passphrase),
               sync(two, stick, passphrase)]
    first, second = edit(one, "state"), edit(two, "state")
    assert first == second
    assert first["amendments"] == 1
    assert reports[1]["amendments"] and reports[1]["amendments"][0]["unit_urn"] == "A/506/2130"
    titles = [title for _, title in first["items"]]
    assert "Till receipts from laptop one" in titles and "Stock list from laptop two" in titles
    assert len({ref for ref, _ in first["items"]}) == 3, "the colliding E2 was renumbered by its issuer"
    assert any(r["renumbered"] for r in reports)
    assert first["narrative"] == "Served six customers.", "the signed-off unit was not changed"
    assert first["address"] in ("2 Laptop One Street", "3 Laptop Two Avenue")
    # Nothing new: a further sync sends and receives nothing.
    again = sync(one, stick, passphrase)
    assert again["sent_changes"] == again["received_changes"] == 0


def test_a_laptop_restored_from_a_backup_syncs_on_under_a_new_device_id(tmp_path):
    one, two, stick = tmp_path / "laptop-one", tmp_path / "laptop-two", tmp_path / "stick"
    stick.mkdir()
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text("centre passphrase\n")
    edit(one, "setup")
    sync(one, stick, passphrase)
    backup = tmp_path / "laptop-one.backup"
    cli(one, "backup", str(backup))
    before = edit(one, "after_backup")
    sync(one, stick, passphrase)  # its bundle 2 is on the stick; the backup predates it
    cli(one, "restore", str(backup))
    after = edit(one, "after_restore")
    assert after["device"] != before["device"], "the restored records kept the device id of their old bundles"
    report = sync(one, stick, passphrase)
    assert report["sent_changes"] > 0 and report["received_changes"] > 0, "its own later bundle came back"
    sync(two, stick, passphrase)
    sync(one, stick, passphrase)
    first, second = edit(one, "state"), edit(two, "state")
    assert first == second
    titles = [title for _, title in first["items"]]
    assert "Logged after the backup" in titles and "Logged after the restore" in titles
    assert len({ref for ref, _ in first["items"]}) == len(first["items"]), "a reissued Ref No was renumbered"
    devices = {p.name for p in (stick / "assessor-sync" / "devices").iterdir()}
    assert {before["device"], after["device"]} <= devices


def test_no_passphrase_needs_an_explicit_opt_in(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    refused = cli(tmp_path / "data", "sync", str(stick), check=False)
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "lost stick exposes" in refused.stderr
    assert not (stick / "assessor-sync").exists()
    plain = cli(tmp_path / "data", "sync", str(stick), "--plain")
    assert "lost stick exposes" in plain.stderr and "Synced with" in plain.stdout


def test_a_wrong_passphrase_is_refused_in_one_line(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    right, wrong = tmp_path / "right.txt", tmp_path / "wrong.txt"
    right.write_text("centre passphrase\n")
    wrong.write_text("not it\n")
    cli(tmp_path / "a", "sync", str(stick), "--passphrase-file", str(right))
    refused = cli(tmp_path / "b", "sync", str(stick), "--passphrase-file", str(wrong), check=False)
    assert refused.returncode == 1
    assert refused.stderr == "assessor-app: wrong passphrase for this sync folder\n"


def test_changing_the_passphrase_rewraps_the_key_only(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("old passphrase\n")
    new.write_text("new passphrase\n")
    edit(tmp_path / "a", "setup")
    cli(tmp_path / "a", "sync", str(stick), "--passphrase-file", str(old))
    bundles = {p: p.read_bytes() for p in stick.rglob("*.bundle")}
    cli(tmp_path / "a", "sync", str(stick), "--passphrase-file", str(old), "--new-passphrase-file", str(new))
    assert {p: p.read_bytes() for p in stick.rglob("*.bundle")} == bundles
    assert cli(tmp_path / "b", "sync", str(stick), "--passphrase-file", str(old), check=False).returncode == 1
    assert sync(tmp_path / "b", stick, new)["received_changes"] > 0
