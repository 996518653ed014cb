"""`assessor-app sync FOLDER`: exchange records through a USB stick, a shared drive or a file-sync service folder."""

from __future__ import annotations

import sys
from pathlib import Path

from assessor_app.cli.common import UserError, data_folder, emit, writing_session
from assessor_app.services.sync import PLAIN_WARNING


def register(commands) -> None:
    sync = commands.add_parser("sync", help="import what other devices left in FOLDER and send this device's "
                               "changes there; prints what was sent, what arrived, what was set aside and what "
                               "needs you")
    sync.add_argument("folder", metavar="FOLDER")
    sync.add_argument("--passphrase-file", metavar="FILE", help="file holding the centre passphrase (its first "
                      "line); everything in the folder is encrypted under it")
    sync.add_argument("--plain", action="store_true", help="no passphrase: plain files, readable by anyone who "
                      "finds the stick")
    sync.add_argument("--new-passphrase-file", metavar="FILE", help="change the centre passphrase to this one "
                      "(rewraps the folder key; nothing else is rewritten)")
    sync.add_argument("--json", action="store_true")
    sync.set_defaults(handler=run_sync)


def read_passphrase(path: str | None) -> str | None:
    if path is None:
        return None
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot read the passphrase file {path} ({error.strerror})") from None
    passphrase = text.splitlines()[0] if text.splitlines() else ""
    if not passphrase:
        raise UserError(f"the passphrase file {path} is empty")
    return passphrase


def run_sync(args) -> None:
    passphrase = read_passphrase(args.passphrase_file)
    if passphrase is not None and args.plain:
        raise UserError("give either --passphrase-file or --plain, not both")
    if passphrase is None and not args.plain and not (Path(args.folder) / "assessor-sync" / "key.json").exists():
        raise UserError(f"{PLAIN_WARNING}; give --passphrase-file FILE, or --plain to accept that")
    folder = data_folder(args)
    with writing_session(folder) as session:
        if args.new_passphrase_file:
            if passphrase is None:
                raise UserError("changing the passphrase needs the current one too (--passphrase-file FILE)")
            session.sync.change_passphrase(Path(args.folder), passphrase, read_passphrase(args.new_passphrase_file))
            print(f"Passphrase of {args.folder} changed; the files there were not rewritten.")
            return
        report, _ = session.sync.sync(Path(args.folder), passphrase, plain=args.plain)
    if not report.encrypted:
        print(f"assessor-app: warning: {PLAIN_WARNING}", file=sys.stderr)
    emit(report.as_json(), args.json, "\n".join(report.lines()))
