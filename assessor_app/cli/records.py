"""`assessor-app demo`, `assessor-app learners list` and `assessor-app learners import CSV` (the rest of `learners`
is in cli/caseload.py)."""

from __future__ import annotations

from pathlib import Path

from assessor_app.cli.caseload import add_learner_commands
from assessor_app.cli.common import data_folder, emit, reading_session, writing_session


def register(commands) -> None:
    commands.add_parser("demo", help="fill the data folder with demo learners and evidence").set_defaults(
        handler=run_demo)
    learners = commands.add_parser("learners", help="learners in the data folder").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    l_list = learners.add_parser("list", help="list learners")
    l_list.add_argument("--json", action="store_true")
    l_list.set_defaults(handler=run_learners_list)
    l_import = learners.add_parser("import", help="load learners from a centre's CSV export (one per row; "
                                   "bad rows are refused with the reason)")
    l_import.add_argument("csv", metavar="CSV")
    l_import.add_argument("--encoding", default="utf-8", help="text encoding of the file (default utf-8; "
                          "Excel's plain 'CSV' on Windows is cp1252)")
    l_import.add_argument("--dry-run", action="store_true", help="report what would happen, store nothing")
    l_import.add_argument("--json", action="store_true")
    l_import.set_defaults(handler=run_learners_import)
    add_learner_commands(learners)


def run_demo(args) -> None:
    from assessor_app.services.demo import populate

    folder = data_folder(args)
    with writing_session(folder) as session:
        populate(session)
        count = len(session.roster.learners())
    print(f"Demo data ready in {folder.root}: {count} learners.")


def run_learners_list(args) -> None:
    with reading_session(data_folder(args)) as session:
        items = [{"id": lr.id, "name": lr.name, "registration_no": lr.registration_no,
                  "employer": lr.employer_name_address} for lr in session.roster.learners()]
        text = "\n".join(f"{i['registration_no']:<16} {i['name']}" for i in items) or "No learners."
        emit(items, args.json, text)


def run_learners_import(args) -> None:
    with writing_session(data_folder(args)) as session:
        report, _ = session.roster.import_csv(Path(args.csv).expanduser(), encoding=args.encoding,
                                            dry_run=args.dry_run)
    data = {"source": report.source, "dry_run": report.dry_run,
            "imported": [{"name": lr.name, "registration_no": lr.registration_no} for lr in report.imported],
            "refused": [{"row": r.line, "registration_no": r.registration_no, "reason": r.reason}
                        for r in report.refused],
            "notes": report.notes}
    lines = [report.summary() + f" from {report.source}."]
    lines += [f"  refused {r}" for r in report.refused] + [f"  note: {n}" for n in report.notes]
    emit(data, args.json, "\n".join(lines))
