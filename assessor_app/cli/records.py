"""`assessor-app demo` and `assessor-app learners list`."""

from __future__ import annotations

from assessor_app.cli.common import data_folder, emit, reading_session, writing_session


def register(commands) -> None:
    commands.add_parser("demo", help="fill the data folder with demo learners and evidence").set_defaults(
        handler=run_demo)
    learners = commands.add_parser("learners", help="learners in the data folder").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    l_list = learners.add_parser("list", help="list learners")
    l_list.add_argument("--json", action="store_true")
    l_list.set_defaults(handler=run_learners_list)


def run_demo(args) -> None:
    from assessor_app.services.demo import populate

    folder = data_folder(args)
    with writing_session(folder) as session:
        populate(session)
        count = len(session.learners())
    print(f"Demo data ready in {folder.root}: {count} learners.")


def run_learners_list(args) -> None:
    with reading_session(data_folder(args)) as session:
        items = [{"id": lr.id, "name": lr.name, "registration_no": lr.registration_no,
                  "employer": lr.employer_name_address} for lr in session.learners()]
        text = "\n".join(f"{i['registration_no']:<16} {i['name']}" for i in items) or "No learners."
        emit(items, args.json, text)
