"""Checking, backing up and restoring a data folder's records: `assessor-app check`, `backup FILE`, `restore FILE`."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from assessor_app.services import backup as backups
from assessor_app.services.blobs import BlobStore
from assessor_app.services.catalogue import Catalogue
from assessor_app.services.context import Context
from assessor_app.services.signoff import SignOffService
from assessor_app.store import audit_chain, evidence, maintenance, records
from assessor_app.store.database import StoreError, open_store


@dataclass
class CheckReport:
    """What `check` found. `problems` are real faults; `notes` are harmless (unused files, leftovers)."""

    database: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files_checked: int = 0
    signoffs_checked: int = 0
    audit_heads: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(database: Path, attachments: Path, catalogue: Catalogue | None = None) -> CheckReport:
    """Verify the database (PRAGMA integrity_check, foreign keys, schema) and every stored file the records
    name (present, right size, right SHA-256), the append-only triggers, every device's audit hash chain,
    and that each sign-off and IV sample still says what its audited creation recorded; with a catalogue, also
    that each active sign-off's digest still matches its unit's evidence. Read-only throughout: safe while the app is running."""
    report = CheckReport(Path(database))
    report.problems.extend(maintenance.database_problems(database))
    if report.problems:
        return report
    blobs = BlobStore(attachments)
    try:
        store = open_store(database, read_only=True)
    except StoreError as error:  # e.g. an older schema, upgraded when next opened for writing
        report.notes.append(f"attachments and sign-offs not checked: {error}")
        return report
    try:
        named = evidence.referenced_files(store.db)
        sizes = dict(store.db.execute("SELECT sha256, size FROM attachment").fetchall())
        for sha256, description in sorted(named.items()):
            problem = blobs.problem(sha256, sizes.get(sha256))
            if problem:
                report.problems.append(f"{description}: {problem}")
        report.files_checked = len(named)
        unused = [h for h in blobs.stored() if h not in named]
        if unused:
            report.notes.append(f"{len(unused)} stored file(s) no record names (harmless; kept for undo and sync)")
        report.problems.extend(audit_chain.missing_triggers(store.db))
        report.problems.extend(audit_chain.chain_breaks(store.db))
        report.problems.extend(audit_chain.audited_decision_changes(store.db))
        report.audit_heads = audit_chain.heads(store.db)
        if catalogue is not None:
            _check_signoffs(Context(store, catalogue, "check", "check", attachments), report)
    finally:
        store.close()
    leftovers = blobs.leftovers()
    if leftovers:
        report.notes.append(f"{len(leftovers)} unfinished copy(ies) from an interrupted attach in {blobs.incoming}")
    return report


def _check_signoffs(context: Context, report: CheckReport) -> None:
    service = SignOffService(context)
    rows = context.db.execute(
        "SELECT DISTINCT s.registration_id, s.unit_urn FROM unit_signoff s JOIN registration r "
        "ON r.id = s.registration_id WHERE s.deleted = 0 AND r.deleted = 0").fetchall()
    for registration_id, unit_urn in rows:
        active = service.active(registration_id, unit_urn)
        if active is None:
            continue
        try:
            verified = service.verifies(active)
        except ValueError as error:  # qualification no longer loaded, and the like
            report.notes.append(f"sign-off of unit {unit_urn} not verified: {error}")
            continue
        report.signoffs_checked += 1
        if not verified:
            report.problems.append(f"unit {unit_urn} (registration {registration_id}) changed after it was signed "
                                   f"off on {active.signed_on}: its evidence no longer matches the signed digest")


def backup(database: Path, target: Path, attachments: Path | None = None) -> backups.BackupReport:
    """One file `target` holding a consistent copy of the database and every stored file it names (see
    services/backup.py); works while the app writes. `attachments` defaults to the folder beside the database."""
    attachments = Path(attachments) if attachments else Path(database).parent / "attachments"
    return backups.write_backup(database, attachments, Path(target))


def restore(database: Path, source: Path, device_id: str = "restore", actor: str = "restore",
            attachments: Path | None = None) -> backups.RestoreReport:
    """Replace the database with the backup `source` once every hash in it checks out, and put back the stored
    files it holds; the database replaced is kept beside it (report.kept). A database-only backup (an older
    backup, or a copy of the SQLite file) restores too, with report.database_only set. The restored records are
    brought up to the current schema and their audit trail records the restore. The caller must hold the data
    folder's lock."""
    database, source = Path(database), Path(source)
    attachments = Path(attachments) if attachments else database.parent / "attachments"
    if source.is_dir():
        raise StoreError(f"{source} is a folder; give the backup file itself")
    if not source.is_file():
        raise StoreError(f"{source} does not exist; check the backup's name and folder")
    if backups.is_zip_backup(source):
        staged = database.with_name(f".{database.name}.restore-staging")
        try:
            report = backups.unpack_backup(source, attachments, staged)
            report.kept = maintenance.restore_database(database, staged)
        finally:
            staged.unlink(missing_ok=True)
    else:
        report = backups.RestoreReport(maintenance.restore_database(database, source), database_only=True)
    with contextlib.closing(open_store(database)) as store:
        with store.transaction() as db:
            records.append_audit(db, device_id=device_id, actor=actor, action="restore", table="database",
                                 record_id=database.name,
                                 before={"kept_as": str(report.kept) if report.kept else None},
                                 after={"restored_from": str(source)})
        blobs = BlobStore(attachments)
        for sha256, description in sorted(evidence.referenced_files(store.db).items()):
            problem = blobs.problem(sha256)
            if problem:
                report.absent.append(f"{description}: {problem}")
    return report
