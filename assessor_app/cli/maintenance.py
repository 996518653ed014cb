"""`assessor-app check`, `backup FILE`, `restore FILE` and `reset-passcode`."""

from __future__ import annotations

from pathlib import Path

from assessor_app.cli.common import UserError, catalogue_of, data_folder, emit, say, writing_session
from assessor_app.paths import DataFolderLock, FolderLocked, describe_holder
from assessor_app.services import maintenance


def register(commands) -> None:
    check = commands.add_parser("check", help="verify the database and every attachment's hash")
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=run_check)
    backup = commands.add_parser("backup", help="write a consistent copy of the records to FILE (safe while the "
                                 "app is running)")
    backup.add_argument("file", metavar="FILE")
    backup.set_defaults(handler=run_backup)
    restore = commands.add_parser("restore", help="replace the records with the backup FILE (the app must be "
                                  "closed; the replaced records are kept beside them)")
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(handler=run_restore)
    reset = commands.add_parser("reset-passcode", help="clear a forgotten window passcode (the app must be closed; "
                                "the reset is in the audit trail)")
    reset.set_defaults(handler=run_reset_passcode)


def run_check(args) -> None:
    folder = data_folder(args)
    if not folder.database.exists():
        raise UserError(f"no records in {folder.root} yet, so there is nothing to check")
    report = maintenance.check(folder.database, folder.attachments, catalogue_of(folder))
    data = {"database": str(report.database), "ok": report.ok, "problems": report.problems, "notes": report.notes,
            "files_checked": report.files_checked, "signoffs_checked": report.signoffs_checked,
            "audit_heads": report.audit_heads}
    lines = [f"{'OK' if report.ok else 'PROBLEMS FOUND'}: {report.database}",
             f"  database: integrity and foreign keys {'sound' if not _db_fault(report) else 'FAULTY'}",
             f"  {report.files_checked} stored file(s) checked against their SHA-256",
             f"  {report.signoffs_checked} sign-off(s) checked against their evidence digest",
             f"  audit trail: {len(report.audit_heads)} device chain(s) checked, append-only triggers checked"]
    lines += [f"  problem: {p}" for p in report.problems] + [f"  note: {n}" for n in report.notes]
    emit(data, args.json, "\n".join(lines))
    if not report.ok:
        raise UserError(f"check found {len(report.problems)} problem(s) in {folder.root}")


def _db_fault(report) -> bool:
    return any(str(report.database) in p for p in report.problems)


def run_backup(args) -> None:
    folder = data_folder(args)
    if not folder.database.exists():
        raise UserError(f"no records in {folder.root} yet, so there is nothing to back up")
    report = maintenance.backup(folder.database, Path(args.file).expanduser(), folder.attachments)
    say(f"Backed up {folder.database} and {report.files} stored file(s) ({_size(report.bytes)}) to {report.path}.")
    for problem in report.missing:
        say(f"  not in the backup (missing or damaged here; run 'assessor-app check'): {problem}", error=True)


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count} bytes"


def run_restore(args) -> None:
    folder = data_folder(args)
    source = Path(args.file).expanduser()
    folder.ensure()
    try:
        with DataFolderLock(folder):
            # A new device id even if the backup is refused: a fresh id is always sound for sync, a reused one is not.
            report = maintenance.restore(folder.database, source, folder.renew_device_id(),
                                         attachments=folder.attachments)
    except FolderLocked as held:
        raise UserError(f"cannot restore while {folder.root} is in use by {describe_holder(held.holder)}; "
                        "close assessor-app there first") from None
    if report.database_only:
        say(f"Restored {folder.database} from {source}. That backup holds the database only: attachments and "
              f"signature images were not in it.")
    else:
        say(f"Restored {folder.database} and {report.files} stored file(s) from {source}, every SHA-256 verified.")
    if report.kept is not None:
        say(f"The records it replaced are kept in {report.kept}.")
    for problem in report.missing_at_backup:
        say(f"  already missing when the backup was made: {problem}")
    if report.absent:
        say(f"  {len(report.absent)} file(s) the records name are not in {folder.attachments}; copy them back "
              f"from the old data folder, or 'assessor-app check' will list them:")
        say("\n".join(f"    {problem}" for problem in report.absent[:10]))


def run_reset_passcode(args) -> None:
    folder = data_folder(args)
    if not folder.database.exists():
        raise UserError(f"no records in {folder.root} yet, so there is no passcode to reset")
    try:
        with writing_session(folder) as session:
            session.passcode.reset()
    except FolderLocked as held:
        raise UserError(f"cannot reset the passcode while {folder.root} is in use by "
                        f"{describe_holder(held.holder)}; close assessor-app there first") from None
    say(f"The window passcode of {folder.root} is cleared: the app opens without one. Set a new one with "
        "Edit > Set passcode.")
