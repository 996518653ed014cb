"""check, backup and restore: damaged databases and attachments are named, backups are whole, restore keeps a copy."""

import sqlite3

import pytest

from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services import maintenance
from assessor_app.services import signoff as signoff_service
from assessor_app.services.opening import open_session
from assessor_app.store.database import StoreError
from tests.services.conftest import CS7, cover_unit


@pytest.fixture
def folder(data_dir):
    return DataFolder(data_dir)


def test_check_passes_on_sound_records(world, folder):
    world.session.mapping.tick(world.registration.id, CS7, "1.1", "2026-03-02", "E1")
    report = maintenance.check(folder.database, folder.attachments, world.session.catalogue)
    assert report.ok, report.problems
    assert report.files_checked == 1  # the specimen signature, shared by assessor and IV


def test_check_names_a_missing_or_damaged_attachment(world, folder, tmp_path):
    s = world.session
    item, _ = s.evidence.add(world.learner.id, "product", "2026-03-01")
    doc = tmp_path / "log.txt"
    doc.write_text("feedback log")
    attachment, _ = s.attachments.attach(item.id, doc)
    s.blobs.path_of(attachment.sha256).write_text("feedback lag")
    report = maintenance.check(folder.database, folder.attachments)
    assert not report.ok and report.problems == [f"log.txt (evidence E1): file {attachment.sha256[:12]}... is "
                                                 "damaged (its content no longer matches its SHA-256)"]
    s.blobs.path_of(attachment.sha256).unlink()
    assert "is missing" in maintenance.check(folder.database, folder.attachments).problems[0]


def test_check_sees_a_signed_unit_changed_behind_the_lock(world, folder):
    s, reg = world.session, world.registration.id
    item = cover_unit(world)
    s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-10")
    assert maintenance.check(folder.database, folder.attachments, s.catalogue).signoffs_checked == 1
    s.store.db.execute("UPDATE evidence_item SET narrative = 'edited by hand' WHERE id = ?", [item.id])
    report = maintenance.check(folder.database, folder.attachments, s.catalogue)
    assert any("changed after it was signed off" in p for p in report.problems)


def test_a_signoff_made_before_digest_versioning_still_verifies(world, folder, monkeypatch):
    s, reg = world.session, world.registration.id
    cover_unit(world)
    monkeypatch.setattr(signoff_service, "DIGEST_VERSION", 1)  # signed by the release before the visit fields
    old = s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-10")[0]
    monkeypatch.undo()
    assert len(old.digest) == 64 and s.signoffs.verifies(old)
    report = maintenance.check(folder.database, folder.attachments, s.catalogue)
    assert report.ok and report.signoffs_checked == 1, report.problems


def test_check_sees_a_visit_field_edited_behind_a_signed_unit(world, folder):
    s, reg = world.session, world.registration.id
    item = cover_unit(world)
    signed = s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-10")[0]
    assert signed.digest.startswith("v2:") and s.signoffs.verifies(signed)
    s.store.db.execute("UPDATE evidence_item SET activity = 'edited by hand' WHERE id = ?", [item.id])
    assert not s.signoffs.verifies(signed)
    report = maintenance.check(folder.database, folder.attachments, s.catalogue)
    assert any("changed after it was signed off" in p for p in report.problems)


@pytest.mark.parametrize("damage", ["truncated", "not sqlite"])
def test_check_names_a_damaged_database_file(tmp_path, damage):
    path = tmp_path / "assessor.sqlite3"
    session = open_session(path, [shipped_dir("qualifications")], "dev")
    for n in range(200):
        session.roster.add(f"Learner {n}", f"R{n}", address="x" * 300)
    session.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    session.store.close()
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2] if damage == "truncated" else b"Name,Reg\n" * 500)
    report = maintenance.check(path, tmp_path / "attachments")
    assert not report.ok and ("truncated" in report.problems[0] or "not an SQLite" in report.problems[0])
    with pytest.raises(StoreError):
        maintenance.backup(path, tmp_path / "copy.sqlite3")


def test_backup_while_writing_then_restore_keeps_the_replaced_records(world, folder, tmp_path):
    s = world.session  # still open and writing: the app is running
    s.mapping.tick(world.registration.id, CS7, "1.1", "2026-03-02", "E1")
    (tmp_path / "backups").mkdir()
    copy = maintenance.backup(folder.database, tmp_path / "backups" / "monday.zip").path
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == ["monday.zip"]
    s.mapping.tick(world.registration.id, CS7, "1.2", "2026-03-03", "E1")  # after the backup
    s.store.close()

    kept = maintenance.restore(folder.database, copy).kept
    assert kept is not None and kept.exists()
    restored = open_session(folder.database, [shipped_dir("qualifications")], "dev")
    assert [t.criterion_number for t in restored.mapping.ticks(world.registration.id)] == ["1.1"]
    event = restored.audit_trail.events(limit=1)[0]
    assert event.action == "restore" and event.after == {"restored_from": str(copy)}
    restored.store.close()
    before = open_session(kept, [shipped_dir("qualifications")], "dev")
    assert [t.criterion_number for t in before.mapping.ticks(world.registration.id)] == ["1.1", "1.2"]
    before.store.close()


def test_restore_refuses_a_bad_backup_and_changes_nothing(world, folder, tmp_path):
    world.session.store.close()
    original = folder.database.read_bytes()
    not_db = tmp_path / "holiday.jpg"
    not_db.write_bytes(b"\xff\xd8" * 5000)
    with pytest.raises(StoreError, match="will not restore from .*holiday.jpg.*not an SQLite database"):
        maintenance.restore(folder.database, not_db)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not an assessor-app one"):
        maintenance.restore(folder.database, other)
    with pytest.raises(StoreError, match="does not exist"):
        maintenance.restore(folder.database, tmp_path / "gone.sqlite3")
    assert folder.database.read_bytes() == original
    assert list(folder.root.glob("*before-restore*")) == []


def test_restore_replaces_a_damaged_database(world, folder, tmp_path):
    copy = maintenance.backup(folder.database, tmp_path / "good.zip").path
    world.session.store.close()
    folder.database.write_bytes(b"garbage" * 1000)
    kept = maintenance.restore(folder.database, copy).kept
    assert kept.read_bytes() == b"garbage" * 1000
    assert maintenance.check(folder.database, folder.attachments).ok


def test_check_reports_a_file_awaiting_upgrade_without_failing(tmp_path):
    from tests.store.test_migrations import make_schema_1

    path = tmp_path / "assessor.sqlite3"
    make_schema_1(path)
    report = maintenance.check(path, tmp_path / "attachments")
    assert report.ok and "needs upgrading" in report.notes[0]


# -- tamper evidence: each change made behind the app's back is found, and the first break is named -----------
def _signed_world(world):
    s, reg = world.session, world.registration.id
    item = cover_unit(world)
    signoff, _ = s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-10")
    s.store.close()
    return item, signoff


def _tamper(folder, *statements):
    with sqlite3.connect(folder.database, isolation_level=None) as conn:
        for sql, params in statements:
            conn.execute(sql, params)


def _problems(world, folder):
    return maintenance.check(folder.database, folder.attachments, world.session.catalogue).problems


def test_check_is_clean_before_tampering(world, folder):
    _signed_world(world)
    report = maintenance.check(folder.database, folder.attachments, world.session.catalogue)
    assert report.ok, report.problems
    assert report.signoffs_checked == 1 and len(report.audit_heads) == 1


def test_check_names_a_dropped_trigger(world, folder):
    _signed_world(world)
    _tamper(folder, ("DROP TRIGGER unit_signoff_no_update", []))
    assert _problems(world, folder) == ["the append-only trigger unit_signoff_no_update on unit_signoff is missing: "
                                        "its rows can be changed or removed unseen"]


def test_check_names_a_mute_row_left_to_disarm_the_no_delete_triggers(world, folder):
    """Only a merge, inside its own transaction, lets a sign-off row go; a mute row left behind is tampering."""
    _, signoff = _signed_world(world)
    _tamper(folder, ("INSERT INTO sync_mute VALUES ('merge')", []),
            ("DELETE FROM unit_signoff WHERE id = ?", [signoff.id]))
    problems = _problems(world, folder)
    assert "sync_mute holds a row outside a merge: sign-offs, reopenings and form signatures can be removed " \
           "unseen" in problems


def test_a_sign_off_cannot_be_removed_outside_a_merge(world, folder):
    _, signoff = _signed_world(world)
    with pytest.raises(sqlite3.IntegrityError, match="unit sign-offs are never removed"):
        _tamper(folder, ("DELETE FROM unit_signoff WHERE id = ?", [signoff.id]))


def test_check_names_the_edited_audit_event(world, folder):
    _signed_world(world)
    with sqlite3.connect(folder.database) as conn:
        event_id, at = conn.execute("SELECT id, at FROM audit_event WHERE action = 'sign'").fetchone()
    _tamper(folder, ("DROP TRIGGER audit_event_no_update", []),
            ("UPDATE audit_event SET actor = 'someone else' WHERE id = ?", [event_id]))
    problems = _problems(world, folder)
    assert problems[0].startswith("the append-only trigger audit_event_no_update")
    assert problems[1].endswith(f"is broken at audit event {event_id} (sign unit_signoff at {at}): "
                                "its content was changed after it was written")
    assert len(problems) == 2


def test_check_names_where_an_audit_event_was_deleted(world, folder):
    _signed_world(world)
    with sqlite3.connect(folder.database) as conn:
        events = conn.execute("SELECT id, action, table_name, at, seq FROM audit_event ORDER BY seq").fetchall()
    removed, following = events[3], events[4]
    _tamper(folder, ("DROP TRIGGER audit_event_no_delete", []),
            ("DELETE FROM audit_event WHERE id = ?", [removed[0]]))
    problems = _problems(world, folder)
    assert problems[1].endswith(f"is broken before audit event {following[0]} ({following[1]} {following[2]} at "
                                f"{following[3]}): event {removed[4]} of the chain was removed or replaced")


def test_check_finds_a_recomputed_and_rewritten_signoff_digest(world, folder):
    item, signoff = _signed_world(world)
    # Edit the signed evidence, then make the sign-off's digest agree with the edited evidence.
    _tamper(folder, ("UPDATE evidence_item SET narrative = 'rewritten afterwards' WHERE id = ?", [item.id]))
    reopened = open_session(folder.database, [shipped_dir("qualifications")], "dev", read_only=True)
    digest = reopened.signoffs.current_digest(world.registration.id, CS7)
    reopened.store.close()
    _tamper(folder, ("DROP TRIGGER unit_signoff_no_update", []),
            ("UPDATE unit_signoff SET digest = ? WHERE id = ?", [digest, signoff.id]),
            ("CREATE TRIGGER unit_signoff_no_update BEFORE UPDATE ON unit_signoff "
             "BEGIN SELECT RAISE(ABORT, 'no'); END", []))  # trigger put back: only the audit trail can tell
    assert _problems(world, folder) == [f"sign-off {signoff.id} (unit {CS7}) differs from what was recorded when "
                                        "it was made: digest changed"]


def test_check_finds_an_iv_decision_or_countersignature_edited_behind_the_app(world, folder):
    s, reg = world.session, world.registration.id
    cover_unit(world)
    s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-10")
    sample, _ = s.signoffs.sample(reg, CS7, world.iv.id, "2026-03-20", "referred_back", actions="Add a witness")
    s.signoffs.countersign(sample.id, "2026-03-21")
    s.store.close()
    assert _problems(world, folder) == []
    _tamper(folder, ("UPDATE iv_sample SET decision = 'agreed', countersigned_on = '2026-03-22' WHERE id = ?",
                     [sample.id]))
    assert _problems(world, folder) == [f"IV sample {sample.id} (unit {CS7}) differs from what was recorded when it "
                                        "was made: decision, countersigned_on changed"]
