"""Faults of a real sync folder: damaged, missing, foreign and half-written files are set aside, never half-applied."""

from __future__ import annotations

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

from assessor_app.sync import bundle, crypto
from assessor_app.sync.folder import SyncFolder
from tests.sync.fleet import make_device, seed

PASSPHRASE = "centre passphrase"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def pair(tmp_path):
    """Device A with three bundles in the folder (a learner edited between syncs), device B not synced yet."""
    stick = tmp_path / "stick"
    stick.mkdir()
    a, b = make_device(tmp_path / "a", "devA"), make_device(tmp_path / "b", "devB")
    world = seed(a, tmp_path)
    a.session.sync.sync(stick, PASSPHRASE)
    for n in (2, 3):
        a.session.roster.update(world.learner_id, address=f"{n} Bundle Street")
        a.session.sync.sync(stick, PASSPHRASE)
    return a, b, stick, world


def bundle_file(stick: Path, device: str, number: int) -> Path:
    return SyncFolder(stick).bundle_path(device, number)


def _sync(device, stick):
    report, _ = device.session.sync.sync(stick, PASSPHRASE)
    return report


def _damage_then_repair(pair, damage):
    a, b, stick, world = pair
    target = bundle_file(stick, "devA", 2)
    good = target.read_bytes()
    target.write_bytes(damage(good))
    report = _sync(b, stick)
    assert len(report.set_aside) == 1 and report.set_aside[0].startswith("devA/00000002.bundle: ")
    assert "\n" not in report.set_aside[0]
    assert report.received_bundles == 1, "bundle 1 applies; 2 and 3 wait"
    assert b.session.roster.learner(world.learner_id).address == ""
    target.write_bytes(good)
    again = _sync(b, stick)
    assert again.set_aside == [] and again.received_bundles == 2
    assert b.session.roster.learner(world.learner_id).address == "3 Bundle Street"
    _sync(a, stick)
    assert a.dump() == b.dump()
    return report.set_aside[0]


@pytest.mark.parametrize("seed_value", range(6))
def test_a_bundle_truncated_at_a_random_byte_is_set_aside(pair, seed_value):
    rng = random.Random(seed_value)
    line = _damage_then_repair(pair, lambda data: data[:rng.randrange(1, len(data))])
    assert "set aside" in line


@pytest.mark.parametrize("seed_value", range(6))
def test_a_bit_flipped_anywhere_is_set_aside(pair, seed_value):
    rng = random.Random(seed_value)

    def flip(data: bytes) -> bytes:
        at = rng.randrange(len(data))
        return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1:]

    _damage_then_repair(pair, flip)


def test_a_zero_length_bundle_is_set_aside(pair):
    assert "empty" in _damage_then_repair(pair, lambda data: b"")


def test_a_missing_bundle_sets_the_next_aside_as_out_of_sequence(pair):
    a, b, stick, world = pair
    second = bundle_file(stick, "devA", 2)
    kept = second.read_bytes()
    second.unlink()
    report = _sync(b, stick)
    assert report.set_aside == ["devA/00000003.bundle: out of sequence (bundle 2 has not arrived); will retry"]
    second.write_bytes(kept)
    assert _sync(b, stick).received_bundles == 2


def test_a_bundle_from_a_newer_format_is_set_aside(pair):
    a, b, stick, world = pair
    key = crypto.unlock(SyncFolder(stick).key_path, PASSPHRASE)
    newer = bundle.seal(key, bundle.BUNDLE, {"device": "devA", "number": 4}, b"")
    newer = newer.replace(b'"version": 1', b'"version": 9')
    content = newer[:-65]
    import hashlib
    bundle_file(stick, "devA", 4).write_bytes(content + hashlib.sha256(content).hexdigest().encode() + b"\n")
    report = _sync(b, stick)
    assert report.set_aside == ["devA/00000004.bundle: written by a newer assessor-app (format 9); update the app "
                                "to read it"]
    assert report.received_bundles == 3


def test_conflict_copies_temporary_and_half_copied_names_are_passed_over(pair):
    a, b, stick, world = pair
    folder = bundle_file(stick, "devA", 1).parent
    junk = ["00000001.sync-conflict-20260302-101500-ABCDEFG.bundle", "00000002 (conflicted copy).bundle",
            ".syncthing.00000004.bundle.tmp", ".00000004.bundle.partial", "00000004.bundle~", "Thumbs.db"]
    for name in junk:
        (folder / name).write_bytes(b"not a bundle")
    (stick / "assessor-sync" / ".stfolder").mkdir()
    (stick / "assessor-sync" / "devices" / "devA.sync-conflict-20260302-101500-X").mkdir()
    report = _sync(b, stick)
    assert report.set_aside == [] and report.received_bundles == 3
    assert (stick / "assessor-sync" / ".stfolder").is_dir(), "never removes a file-sync service's marker"
    assert all((folder / name).exists() for name in junk)


def test_names_in_any_case_are_read_as_on_fat32(pair):
    a, b, stick, world = pair
    for number in (1, 2, 3):
        path = bundle_file(stick, "devA", number)
        path.rename(path.with_name(path.name.upper()))
    assert _sync(b, stick).received_bundles == 3


def test_a_blob_missing_or_corrupt_is_reported_and_fetched_later(pair, tmp_path):
    a, b, stick, world = pair
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + os.urandom(5000))
    item, _ = a.session.evidence.add(world.learner_id, "product", "2026-03-01", title="Photo of the display")
    a.session.attachments.attach(item.id, photo)
    report = a.session.sync.sync(stick, PASSPHRASE, part_size=1024)[0]
    assert report.sent_files >= 1
    place = SyncFolder(stick)
    key = crypto.unlock(place.key_path, PASSPHRASE)
    import hashlib
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    parts = sorted((place.blobs_dir / key.name_for(sha)).iterdir())
    assert len(parts) == 5, "split into parts of the given size"
    saved = parts[2].read_bytes()
    parts[2].write_bytes(saved[:-10] + b"0123456789")
    damaged = _sync(b, stick)
    assert any(line.startswith(f"attachment {sha[:12]} part 3: ") for line in damaged.set_aside)
    assert not b.session.blobs.path_of(sha).exists()
    parts[2].unlink()
    missing = _sync(b, stick)
    assert any("part 3 of 5 is missing" in line for line in missing.set_aside)
    parts[2].write_bytes(saved)
    fixed = _sync(b, stick)
    assert fixed.received_files == 1 and fixed.set_aside == []
    assert b.session.blobs.path_of(sha).read_bytes() == photo.read_bytes()


def test_a_wrong_passphrase_is_refused_before_anything_is_read(pair):
    from assessor_app.services.context import ServiceError
    a, b, stick, world = pair
    with pytest.raises(ServiceError, match="^wrong passphrase for this sync folder$"):
        b.session.sync.sync(stick, "guess")
    assert b.session.roster.learners() == []


def test_nothing_written_is_readable_without_the_passphrase(pair, tmp_path):
    """Every byte under the sync folder, attachments included: no name, address, note or evidence text."""
    a, b, stick, world = pair
    secrets = ["Amelia Hart", "amelia@example.org", "Bundle Street", "Priya Shah", "covered the till",
               "Photo of the display", "confidential scan"]
    photo = tmp_path / "scan.txt"
    photo.write_text("confidential scan of Amelia Hart's payslip")
    item, _ = a.session.evidence.add(world.learner_id, "product", "2026-03-01", title="Photo of the display",
                                     narrative="She covered the till alone")
    a.session.attachments.attach(item.id, photo)
    a.session.comments.add(world.learner_id, "2026-03-02", "Amelia Hart covered the till well")
    a.session.sync.sync(stick, PASSPHRASE)
    everything = b"".join(p.read_bytes() for p in stick.rglob("*") if p.is_file())
    assert len(everything) > 2000
    for secret in secrets:
        for form in (secret.encode("utf-8"), secret.encode("utf-16-le"), json.dumps(secret)[1:-1].encode()):
            assert form not in everything, secret


def test_a_read_only_folder_imports_and_says_it_cannot_write(pair, tmp_path):
    a, b, stick, world = pair
    b.session.roster.add("Ben Osei", "IMI-9")
    ro = tmp_path / "ro-stick"
    shutil.copytree(stick, ro)
    os.chmod(ro, 0o555)
    for path in ro.rglob("*"):
        os.chmod(path, 0o555 if path.is_dir() else 0o444)
    if SyncFolder(ro).writable():
        # Root ignores permission bits: bind-mount the copy read-only, as a write-protected stick is.
        mount = tmp_path / "mounted"
        mount.mkdir()
        made = subprocess.run(["mount", "--bind", str(ro), str(mount)], capture_output=True)
        remounted = made.returncode == 0 and subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(mount)], capture_output=True).returncode == 0
        assert remounted, "cannot make a read-only folder on this machine"
        ro = mount
    try:
        report = _sync(b, ro)
        assert report.received_bundles == 3
        assert report.cannot_write and "read-only" in report.cannot_write
        assert report.sent_changes == 0
    finally:
        if ro.name == "mounted":
            subprocess.run(["umount", str(ro)], check=True)
    assert _sync(b, stick).sent_changes > 0


# Incompressible content, so the sealed bundle is tens of megabytes and the kill lands while it is written.
WRITER = """
import os
import sys
from pathlib import Path
from assessor_app.sync import crypto
from assessor_app.sync.bundle import write_bundle
from assessor_app.sync.folder import SyncFolder
place = SyncFolder(Path(sys.argv[1]))
key = crypto.FolderKey(bytes(32))
changes = [("devK", n, "000000000000001-000000", "learner", "x", "name", '"' + os.urandom(150).hex() + '"', None)
           for n in range(1, 150001)]
data = write_bundle(key, "devK", 1, None, changes)
print("ready", flush=True)
place.write_bundle("devK", 1, data)
"""


@pytest.mark.parametrize("delay", [0.0, 0.003, 0.006, 0.01, 0.02, 0.04])
def test_a_writer_killed_mid_write_leaves_no_half_bundle(tmp_path, delay):
    """Stick pulled or laptop killed while a bundle is written: only a temporary name is left, which readers
    pass over; the next write of that bundle succeeds."""
    stick = tmp_path / "stick"
    (stick / "assessor-sync" / "devices").mkdir(parents=True)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(stick)], stdout=subprocess.PIPE, env=env)
    assert writer.stdout.readline().strip() == b"ready"
    time.sleep(delay)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    place = SyncFolder(stick)
    bundles = place.bundles("devK")
    key = crypto.FolderKey(bytes(32))
    for number, path in bundles.items():   # if the rename happened, the bundle is whole
        bundle.read_bundle(key, path.read_bytes(), path.name, "devK", number)
    leftovers = [p.name for p in (stick / "assessor-sync" / "devices" / "devK").iterdir()] if \
        (stick / "assessor-sync" / "devices" / "devK").exists() else []
    assert all(name.endswith(".partial") or name == "00000001.bundle" for name in leftovers)
    if not bundles:
        done = subprocess.run([sys.executable, "-c", WRITER, str(stick)], env=env, capture_output=True)
        assert done.returncode == 0
        assert place.bundles("devK")


def test_symlinks_are_never_followed(pair, tmp_path):
    """FAT32 and exFAT have none; on other disks a link could point anywhere, so it is passed over."""
    a, b, stick, world = pair
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    devices = stick / "assessor-sync" / "devices"
    shutil.copytree(devices / "devA", elsewhere / "devA")
    (devices / "devLinked").symlink_to(elsewhere / "devA")
    (devices / "devA" / "00000004.bundle").symlink_to(elsewhere / "devA" / "00000001.bundle")
    report = _sync(b, stick)
    assert report.set_aside == [] and report.received_bundles == 3
    assert "devLinked" not in b.db.execute("SELECT group_concat(device_id) FROM sync_vector").fetchone()[0]
