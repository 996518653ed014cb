"""One-file backups: the database and every stored file it names, verified on restore, refused when incomplete."""

import sqlite3
import zipfile

import pytest

from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services import maintenance
from assessor_app.services.backup import MANIFEST
from assessor_app.store.database import StoreError
from tests.services.conftest import CS7, cover_unit


@pytest.fixture
def folder(data_dir):
    return DataFolder(data_dir)


def _with_attachment(world, tmp_path, content=b"%PDF-1.4 a product of the learner\n" * 100):
    s = world.session
    item, _ = s.evidence.add(world.learner.id, "product", "2026-03-01", title="log")
    doc = tmp_path / "log.pdf"
    doc.write_bytes(content)
    attachment, _ = s.attachments.attach(item.id, doc)
    return attachment


def _stored(folder):
    return {p.name: p.read_bytes() for p in folder.attachments.rglob("*") if p.is_file() and len(p.name) == 64}


def test_restore_into_an_empty_folder_gives_records_that_pass_check(world, folder, tmp_path):
    attachment = _with_attachment(world, tmp_path)
    cover_unit(world)
    world.session.signoffs.sign(world.registration.id, CS7, world.assessor.id, "2026-03-10")
    report = maintenance.backup(folder.database, tmp_path / "friday.zip", folder.attachments)
    assert report.files == 2 and report.missing == []  # the attachment and the specimen signature
    with zipfile.ZipFile(report.path) as archive:
        names = archive.namelist()
        assert all(i.compress_type == zipfile.ZIP_STORED for i in archive.infolist())
    assert MANIFEST in names and f"attachments/{attachment.sha256[:2]}/{attachment.sha256}" in names

    fresh = DataFolder(tmp_path / "new-laptop").ensure()
    restored = maintenance.restore(fresh.database, report.path, attachments=fresh.attachments)
    assert restored.kept is None and restored.files == 2 and not restored.database_only and restored.absent == []
    assert _stored(fresh) == _stored(folder)
    check = maintenance.check(fresh.database, fresh.attachments, world.session.catalogue)
    assert check.ok and check.files_checked == 2 and check.signoffs_checked == 1, check.problems


@pytest.mark.parametrize("damage", ["cut short", "member damaged", "manifest removed", "member removed"])
def test_an_incomplete_or_damaged_backup_is_refused_and_nothing_changes(world, folder, tmp_path, damage):
    attachment = _with_attachment(world, tmp_path)
    path = maintenance.backup(folder.database, tmp_path / "b.zip", folder.attachments).path
    world.session.store.close()
    whole = path.read_bytes()
    member = f"attachments/{attachment.sha256[:2]}/{attachment.sha256}"
    if damage == "cut short":
        path.write_bytes(whole[: len(whole) * 2 // 3])
    elif damage == "member damaged":
        at = whole.index(b"a product of the learner")
        path.write_bytes(whole[:at] + b"A" + whole[at + 1:])
    else:
        with zipfile.ZipFile(path) as old, zipfile.ZipFile(tmp_path / "c.zip", "w") as new:
            for info in old.infolist():
                if info.filename != (MANIFEST if damage == "manifest removed" else member):
                    new.writestr(info, old.read(info))
        path = tmp_path / "c.zip"
    before = folder.database.read_bytes()
    expected = {"cut short": "incomplete backup", "member damaged": "is damaged",
                "manifest removed": "has no manifest", "member removed": "is incomplete"}[damage]
    with pytest.raises(StoreError, match=f"will not restore from .*{expected}"):
        maintenance.restore(folder.database, path)
    assert folder.database.read_bytes() == before and not list(folder.root.glob("*before-restore*"))


def test_an_old_database_only_backup_still_restores_and_says_what_it_lacks(world, folder, tmp_path):
    _with_attachment(world, tmp_path)
    old = tmp_path / "old-style.sqlite3"
    with sqlite3.connect(folder.database) as live, sqlite3.connect(old) as copy:
        live.backup(copy)
    fresh = DataFolder(tmp_path / "elsewhere").ensure()
    report = maintenance.restore(fresh.database, old, attachments=fresh.attachments)
    assert report.database_only and report.files == 0
    assert len(report.absent) == 2 and any(p.startswith("log.pdf (evidence E1)") for p in report.absent)


def test_a_file_missing_at_backup_is_named_then_and_on_restore(world, folder, tmp_path):
    attachment = _with_attachment(world, tmp_path)
    world.session.blobs.path_of(attachment.sha256).unlink()
    report = maintenance.backup(folder.database, tmp_path / "b.zip", folder.attachments)
    assert report.files == 1 and len(report.missing) == 1 and "log.pdf (evidence E1)" in report.missing[0]
    fresh = DataFolder(tmp_path / "elsewhere").ensure()
    restored = maintenance.restore(fresh.database, report.path, attachments=fresh.attachments)
    assert restored.missing_at_backup == report.missing and len(restored.absent) == 1


def test_backup_refuses_a_folder_or_a_missing_folder(world, folder, tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        maintenance.backup(folder.database, tmp_path, folder.attachments)
    with pytest.raises(StoreError, match="does not exist"):
        maintenance.backup(folder.database, tmp_path / "no" / "b.zip", folder.attachments)
    assert shipped_dir("qualifications").is_dir()
