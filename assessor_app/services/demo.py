"""Demo learners with registrations and ticked criteria, so a newcomer sees a working record straight away."""

from __future__ import annotations

from datetime import date, timedelta

from assessor_app.domain.changes import Changes
from assessor_app.domain.rules import check_route
from assessor_app.services.session import Session

DEMO_QUALIFICATION = "601/3456/2"

DEMO_LEARNERS = (
    dict(name="Amelia Hart", registration_no="IMI-2026-0001", address="14 Mill Lane, Hertford SG13 7AB",
         tel="01992 550101", email="amelia.hart@example.org", employer_contact="Dev Patel (Store Manager)",
         employer_name_address="Brickendon Garden Centre, Brickendon Lane, Hertford SG13 8NU",
         employer_tel="01992 550200"),
    dict(name="Zoë Ó'Brien-Łukasiewicz", registration_no="IMI-2026-0002", address="3 Fore Street, Ware SG12 9EH",
         tel="01920 460302", email="zoe.obrien@example.org", employer_contact="Grace Mensah (Team Leader)",
         employer_name_address="Ware Leisure Centre, Park Road, Ware SG12 0AX", employer_tel="01920 460400"),
    dict(name="Tomasz Wiśniewski", registration_no="IMI-2026-0003", address="22 Bengeo Street, Hertford SG14 3ET",
         tel="01992 550303", email="t.wisniewski@example.org", employer_contact="Sarah Collins (Branch Manager)",
         employer_name_address="Hertford Motors Ltd, Caxton Hill, Hertford SG13 7NE", employer_tel="01992 550500"),
)


def populate(session: Session, today: date | None = None) -> Changes:
    """Add the demo learners (skipping any already there) on the IMI diploma, with a few criteria already met."""
    today = today or date.today()
    changes = Changes()
    if not session.catalogue.qualifications:
        raise ValueError("no qualifications are loaded, so there is nothing to register demo learners on")
    number = DEMO_QUALIFICATION if DEMO_QUALIFICATION in session.catalogue.qualifications else \
        session.catalogue.listing()[0].number
    qualification = session.catalogue.get(number)
    existing = {lr.registration_no for lr in session.learners()}
    for index, fields in enumerate(DEMO_LEARNERS):
        if fields["registration_no"] in existing:
            continue
        learner, made = session.add_learner(**fields)
        registration, registered = session.register(learner.id, number, _demo_route(qualification))
        changes = changes | made | registered
        first_unit = qualification.unit(registration.chosen_units[0])
        # Each learner is a little further on, so the list shows different progress.
        for n, criterion in enumerate(first_unit.criteria[: 3 + 4 * index]):
            met_on = (today - timedelta(days=30 - 2 * n)).isoformat()
            _, ticked = session.tick(registration.id, first_unit.urn, criterion.number, met_on, f"E{1 + n // 3}")
            changes = changes | ticked
    return changes


def _demo_route(qualification) -> list[str]:
    """Mandatory units, then optional units in printed order up to each group's minimum, then more optional
    units until the rules of combination call the route valid (mandatory units stay first on the list)."""
    if not qualification.groups:
        return [u.urn for u in qualification.units]
    route: list[str] = []
    for group in qualification.groups:
        if group.mandatory:
            route += list(group.units)
            continue
        credits = 0
        for urn in group.units:
            if credits >= (group.min_credits or 0):
                break
            route.append(urn)
            credits += qualification.unit(urn).credit or 0
    spare = [urn for g in qualification.groups if not g.mandatory and g.max_credits is None for urn in g.units
             if urn not in route]
    while not check_route(qualification, route).valid and spare:
        route.append(spare.pop(0))
    return route
