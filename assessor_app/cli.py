"""Command-line composition root: `assessor-app [--data-dir DIR] COMMAND`; no command opens the GUI."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator

from assessor_app import __version__
from assessor_app.domain.catalogue import CatalogueError, canonical
from assessor_app.paths import DataFolder, DataFolderLock, FolderLocked, resolve_data_dir, shipped_dir
from assessor_app.services.catalogue import load_catalogue
from assessor_app.services.opening import open_session
from assessor_app.services.session import ServiceError, Session
from assessor_app.store.database import StoreError


class UserError(Exception):
    """Reported as one line on stderr with exit status 1."""


USER_ERRORS = (UserError, ServiceError, StoreError, FolderLocked, CatalogueError, KeyError, ValueError, OSError)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assessor-app", description="Record and sign off vocational assessment "
                                     "evidence, offline. With no command, opens the window.")
    parser.add_argument("--version", action="version", version=f"assessor-app {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: $ASSESSOR_APP_HOME or the user "
                        "data folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("demo", help="fill the data folder with demo learners and evidence")

    quals = commands.add_parser("qualifications", help="the qualifications this app knows").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    q_list = quals.add_parser("list", help="list qualifications and unit banks")
    q_list.add_argument("--json", action="store_true")
    q_show = quals.add_parser("show", help="one qualification in canonical form")
    q_show.add_argument("number")
    q_show.add_argument("--json", action="store_true")

    learners = commands.add_parser("learners", help="learners in the data folder").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    l_list = learners.add_parser("list", help="list learners")
    l_list.add_argument("--json", action="store_true")
    return parser


def _folder(args) -> DataFolder:
    return DataFolder(resolve_data_dir(args.data_dir))


def _catalogue(folder: DataFolder):
    return load_catalogue(shipped_dir("qualifications"), folder.qualifications)


@contextlib.contextmanager
def _writing_session(folder: DataFolder) -> Iterator[Session]:
    folder.ensure()
    with DataFolderLock(folder):
        session = open_session(folder.database, [shipped_dir("qualifications"), folder.qualifications],
                               folder.device_id())
        try:
            yield session
        finally:
            session.store.close()


@contextlib.contextmanager
def _reading_session(folder: DataFolder) -> Iterator[Session]:
    if not folder.database.exists():
        raise UserError(f"no records in {folder.root} yet (run 'assessor-app --data-dir {folder.root} demo')")
    session = open_session(folder.database, [shipped_dir("qualifications"), folder.qualifications], "read-only",
                           read_only=True)
    try:
        yield session
    finally:
        session.store.close()


def _print(data, as_json: bool, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2) if as_json else text)


def cmd_demo(args) -> None:
    from assessor_app.services.demo import populate

    folder = _folder(args)
    with _writing_session(folder) as session:
        populate(session)
        count = len(session.learners())
    print(f"Demo data ready in {folder.root}: {count} learners.")


def cmd_qualifications(args) -> None:
    catalogue = _catalogue(_folder(args))
    for problem in catalogue.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if args.action == "list":
        items = [{"number": q.number, "kind": q.kind, "title": q.title, "awarding_body": q.awarding_body,
                  "level": q.level, "credits": q.credits, "units": len(q.units)} for q in catalogue.listing()]
        text = "\n".join(f"{i['number']:<16} {i['kind']:<13} {i['title']} ({i['awarding_body']}, "
                         f"{i['units']} units)" for i in items) or "No qualifications loaded."
        _print(items, args.json, text)
    elif args.action == "show":
        qualification = catalogue.get(args.number)
        data = canonical(qualification)
        text = "\n".join([f"{q.number}  {q.title}" for q in [qualification]] +
                         [f"  {u.ref:<10} {u.urn}  {u.title} (level {u.level}, {u.credit} credits, "
                          f"{len(u.criteria)} ACs)" for u in qualification.units])
        _print(data, args.json, text)


def cmd_learners(args) -> None:
    with _reading_session(_folder(args)) as session:
        learners = session.learners()
        items = [{"id": lr.id, "name": lr.name, "registration_no": lr.registration_no,
                  "employer": lr.employer_name_address} for lr in learners]
        text = "\n".join(f"{i['registration_no']:<16} {i['name']}" for i in items) or "No learners."
        _print(items, args.json, text)


COMMANDS = {"demo": cmd_demo, "qualifications": cmd_qualifications, "learners": cmd_learners}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    if args.command is None:
        from assessor_app.app import main as gui_main
        return gui_main(["--data-dir", args.data_dir] if args.data_dir else [])
    try:
        COMMANDS[args.command](args)
    except USER_ERRORS as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else str(error)
        print(f"assessor-app: {message}", file=sys.stderr)
        return 1
    except Exception as error:  # never a traceback for the user; say what failed
        print(f"assessor-app: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
