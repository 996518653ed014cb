"""`assessor-app qualifications list|show|validate|import`."""

from __future__ import annotations

from pathlib import Path

from assessor_app.cli.common import UserError, catalogue_of, data_folder, emit, say
from assessor_app.domain.catalogue import CatalogueError, canonical
from assessor_app.services.catalogue import import_qualification_file, read_qualification_file


def register(commands) -> None:
    quals = commands.add_parser("qualifications", help="the qualifications this app knows").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    q_list = quals.add_parser("list", help="list qualifications and unit banks")
    q_list.add_argument("--json", action="store_true")
    q_show = quals.add_parser("show", help="one qualification in canonical form")
    q_show.add_argument("number")
    q_show.add_argument("--json", action="store_true")
    for parser in (q_list, q_show):
        parser.set_defaults(handler=run)
    q_validate = quals.add_parser("validate", help="check a qualification file; print what is wrong")
    q_validate.add_argument("file", type=Path)
    q_validate.set_defaults(handler=run_validate)
    q_import = quals.add_parser("import", help="add a centre's own qualification file to the data folder")
    q_import.add_argument("file", type=Path)
    q_import.set_defaults(handler=run_import)


def _summary(qualification) -> str:
    criteria = sum(len(u.criteria) for u in qualification.units)
    return (f"{qualification.number} {qualification.title}: {len(qualification.units)} units, "
            f"{criteria} assessment criteria, {len(qualification.groups)} groups")


def run_validate(args) -> None:
    try:
        qualification, _ = read_qualification_file(args.file)
    except CatalogueError as error:
        raise UserError(f"{args.file}: invalid at {error}") from None
    except ValueError as error:
        raise UserError(f"{args.file}: {error}") from None
    say(f"valid: {_summary(qualification)}")


def run_import(args) -> None:
    folder = data_folder(args).ensure()
    try:
        qualification, target = import_qualification_file(args.file, folder.qualifications, catalogue_of(folder))
    except CatalogueError as error:
        raise UserError(f"{args.file}: invalid at {error}; nothing was imported") from None
    except ValueError as error:
        message = str(error)
        raise UserError(message if message.startswith(str(args.file)) else f"{args.file}: {message}; "
                        "nothing was imported") from None
    say(f"imported: {_summary(qualification)} -> {target}")


def run(args) -> None:
    catalogue = catalogue_of(data_folder(args))
    for problem in catalogue.problems:
        say(f"warning: {problem}", error=True)
    if args.action == "list":
        items = [{"number": q.number, "kind": q.kind, "title": q.title, "awarding_body": q.awarding_body,
                  "level": q.level, "credits": q.credits, "units": len(q.units)} for q in catalogue.listing()]
        text = "\n".join(f"{i['number']:<16} {i['kind']:<13} {i['title']} ({i['awarding_body']}, "
                         f"{i['units']} units)" for i in items) or "No qualifications loaded."
        emit(items, args.json, text)
    elif args.action == "show":
        qualification = catalogue.get(args.number)
        text = "\n".join([f"{qualification.number}  {qualification.title}"] +
                         [f"  {u.ref:<10} {u.urn}  {u.title} (level {u.level}, {u.credit} credits, "
                          f"{len(u.criteria)} ACs)" for u in qualification.units])
        emit(canonical(qualification), args.json, text)
