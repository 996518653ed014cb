"""`assessor-app qualifications list|show|validate|import`."""

from __future__ import annotations

import sys

from assessor_app.cli.common import catalogue_of, data_folder, emit
from assessor_app.domain.catalogue import canonical


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


def run(args) -> None:
    catalogue = catalogue_of(data_folder(args))
    for problem in catalogue.problems:
        print(f"warning: {problem}", file=sys.stderr)
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
