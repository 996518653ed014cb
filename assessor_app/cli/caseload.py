"""`learners add / register / show`, `signoff REF UNIT` and `iv sample REF UNIT`: the caseload from the command line."""

from __future__ import annotations

from datetime import date

from assessor_app.cli.common import UserError, data_folder, emit, reading_session, writing_session
from assessor_app.domain.people import ASSESSOR, IV
from assessor_app.domain.records import CONTACT_SHEET_FIELDS
from assessor_app.domain.signoff import DECISIONS
from assessor_app.services.learners import starting_units

CONTACT_OPTIONS = [name for name, _ in CONTACT_SHEET_FIELDS if name not in ("name", "registration_no")]


def add_learner_commands(learners) -> None:
    add = learners.add_parser("add", help="add a learner with their CONTACT SHEET details")
    add.add_argument("name")
    add.add_argument("registration_no", metavar="REGISTRATION_NO")
    for name in CONTACT_OPTIONS:
        add.add_argument(f"--{name.replace('_', '-')}", dest=name, default="")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=run_add)
    register = learners.add_parser("register", help="register a learner on a qualification")
    register.add_argument("ref", metavar="REF", help="registration number, id or exact name")
    register.add_argument("--qualification", required=True, metavar="NUMBER")
    register.add_argument("--units", metavar="URN,...", help="the route's units (URNs or refs); default: the "
                          "mandatory units, the optional ones to be chosen later")
    register.add_argument("--json", action="store_true")
    register.set_defaults(handler=run_register)
    show = learners.add_parser("show", help="a learner's progress, rules verdict, what is missing, sign-off and IV")
    show.add_argument("ref", metavar="REF")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)


def register(commands) -> None:
    signoff = commands.add_parser("signoff", help="sign a unit off (refused while anything is missing)")
    signoff.add_argument("ref", metavar="REF", help="the learner's registration number, id or exact name")
    signoff.add_argument("unit", metavar="UNIT", help="the unit's URN or ref")
    signoff.add_argument("--assessor", required=True, metavar="NAME")
    signoff.add_argument("--pin", required=True, metavar="PIN")
    signoff.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="default today")
    signoff.add_argument("--json", action="store_true")
    signoff.set_defaults(handler=run_signoff)
    iv = commands.add_parser("iv", help="internal verification").add_subparsers(dest="action", metavar="ACTION",
                                                                              required=True)
    sample = iv.add_parser("sample", help="record an IV's sampling decision on a signed-off unit")
    sample.add_argument("ref", metavar="REF")
    sample.add_argument("unit", metavar="UNIT")
    sample.add_argument("--decision", required=True, choices=sorted(DECISIONS))
    sample.add_argument("--feedback", default="")
    sample.add_argument("--actions", default="", help="what the assessor must do (needed when referred back)")
    sample.add_argument("--iv", metavar="NAME", help="the IV (default: the only IV recorded)")
    sample.add_argument("--date", default=None, metavar="YYYY-MM-DD")
    sample.add_argument("--json", action="store_true")
    sample.set_defaults(handler=run_iv_sample)


def run_add(args) -> None:
    contact = {name: getattr(args, name) for name in CONTACT_OPTIONS}
    with writing_session(data_folder(args)) as session:
        learner, _ = session.roster.add(args.name, args.registration_no, **contact)
    emit({"id": learner.id, "name": learner.name, "registration_no": learner.registration_no}, args.json,
         f"Added {learner.name} ({learner.registration_no}).")


def run_register(args) -> None:
    with writing_session(data_folder(args)) as session:
        learner = session.roster.find(args.ref)
        qualification = session.catalogue.get(args.qualification)
        if args.units:
            units = [qualification.unit_by_reference(text).urn for text in args.units.split(",") if text.strip()]
        else:
            units = starting_units(qualification)
        registration, _ = session.roster.register(learner.id, qualification.number, units,
                                                  allow_incomplete=not args.units)
        check = session.roster.route_check(qualification.number, list(registration.chosen_units))
    verdict = list(check.sentences) if check else []
    emit({"registration_id": registration.id, "qualification": qualification.number,
          "units": list(registration.chosen_units), "route": verdict}, args.json,
         f"Registered {learner.name} on {qualification.number} with {len(registration.chosen_units)} units. "
         + " ".join(verdict))


def overview_data(overview) -> dict:
    return {"learner": {"id": overview.learner.id, "name": overview.learner.name,
                        "registration_no": overview.learner.registration_no},
            "registrations": [{
                "qualification": r.qualification_number, "title": r.qualification_title,
                "credits_achieved": r.credits_achieved, "credits_required": r.credits_required,
                "route_problems": list(r.route_problems), "still_needed": list(r.sentences),
                "groups": [{"name": g.name, "min_credits": g.min_credits, "max_credits": g.max_credits,
                            "credits_chosen": g.chosen_credits, "credits_achieved": g.achieved_credits,
                            "credits_short": g.credits_short} for g in r.groups],
                "units": [{"urn": u.urn, "ref": u.ref, "title": u.title, "group": u.group, "credit": u.credit,
                           "criteria_met": u.covered, "criteria": u.total, "missing": list(u.missing),
                           "signed_on": u.signed_on or None, "iv_decision": u.iv_decision or None,
                           "state": u.state} for u in r.units]} for r in overview.registrations]}


def overview_text(overview) -> str:
    lines = [f"{overview.learner.name} ({overview.learner.registration_no})"]
    if not overview.registrations:
        lines.append("  not registered on a qualification")
    for r in overview.registrations:
        required = f" of {r.credits_required}" if r.credits_required else ""
        lines.append(f"  {r.qualification_number} {r.qualification_title}: {r.credits_achieved}{required} "
                     "credits achieved")
        lines += [f"    route: {p}" for p in r.route_problems]
        for g in r.groups:
            short = f", {g.credits_short} short" if g.credits_short else ""
            lines.append(f"    group {g.name}: {g.chosen_credits} credits chosen, {g.achieved_credits} achieved{short}")
        for u in r.units:
            missing = f" missing {', '.join(u.missing)}" if u.missing else ""
            lines.append(f"    {u.ref:<10} {u.covered:>3}/{u.total:<3} {u.state}{missing}")
        lines += [f"    {s}" for s in r.sentences]
    return "\n".join(lines)


def run_show(args) -> None:
    with reading_session(data_folder(args)) as session:
        overview = session.caseload.overview(session.roster.find(args.ref).id)
        emit(overview_data(overview), args.json, overview_text(overview))


def _person(session, role: str, name: str | None, **fields):
    """The person of `role` by exact name (case-insensitive), added when there is none of that name."""
    people = session.people.people(role)
    if name is None:
        if len(people) == 1:
            return people[0]
        raise UserError(f"{'no IV is' if not people else 'more than one IV is'} recorded: name the IV with --iv")
    found = [p for p in people if p.name.casefold() == name.strip().casefold()]
    if len(found) > 1:
        raise UserError(f"more than one {role} is called {name}")
    return found[0] if found else session.people.add(role, name, **fields)[0]


def run_signoff(args) -> None:
    with writing_session(data_folder(args)) as session:
        learner = session.roster.find(args.ref)
        registration, urn = session.roster.registration_with(learner.id, args.unit)
        assessor = _person(session, ASSESSOR, args.assessor, pin_no=args.pin)
        if assessor.pin_no and assessor.pin_no != args.pin.strip():
            raise UserError(f"that is not {assessor.name}'s PIN No")
        signoff, _ = session.signoffs.sign(registration.id, urn, assessor.id, args.date or date.today().isoformat(),
                                           args.pin)
    emit({"signoff_id": signoff.id, "unit": urn, "assessor": signoff.assessor_name, "pin_no": signoff.pin_no,
          "signed_on": signoff.signed_on, "digest": signoff.digest}, args.json,
         f"Signed off {urn} for {learner.name}: {signoff.assessor_name}, PIN No {signoff.pin_no}, "
         f"{signoff.signed_on}.")


def run_iv_sample(args) -> None:
    with writing_session(data_folder(args)) as session:
        learner = session.roster.find(args.ref)
        registration, urn = session.roster.registration_with(learner.id, args.unit)
        iv = _person(session, IV, args.iv)
        sample, _ = session.signoffs.sample(registration.id, urn, iv.id, args.date or date.today().isoformat(),
                                            args.decision, args.feedback, args.actions)
    emit({"sample_id": sample.id, "unit": urn, "iv": sample.iv_name, "decision": sample.decision,
          "sampled_on": sample.sampled_on, "feedback": sample.feedback, "actions": sample.actions}, args.json,
         f"IV sample of {urn} for {learner.name}: {DECISIONS[sample.decision]} by {sample.iv_name}.")
