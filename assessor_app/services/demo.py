"""Demo learners with registrations and ticked criteria, so a newcomer sees a working record straight away."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

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
    """Add the demo learners (skipping any already there) on the IMI diploma, each further on than the last:
    Amelia has an observation, a witness testimony, a professional discussion (their forms signed by the
    assessor or witness and by her), comments, a signed-off unit that the IV has sampled; Zoë has an observation
    and a questioning record; Tomasz has a few ticks."""
    today = today or date.today()
    changes = Changes()
    if not session.catalogue.qualifications:
        raise ValueError("no qualifications are loaded, so there is nothing to register demo learners on")
    number = DEMO_QUALIFICATION if DEMO_QUALIFICATION in session.catalogue.qualifications else \
        session.catalogue.listing()[0].number
    qualification = session.catalogue.get(number)
    existing = {lr.registration_no for lr in session.roster.learners()}
    missing = [(i, f) for i, f in enumerate(DEMO_LEARNERS) if f["registration_no"] not in existing]
    if not missing:
        return changes
    with tempfile.TemporaryDirectory() as folder:
        team = _demo_team(session, Path(folder))
    if session.profile.current() is None:  # the demo's laptop is Helen's: the window opens on her learners
        changes = changes | session.profile.adopt(team["assessor"].id)
    for index, fields in missing:
        learner, made = session.roster.add(**fields)
        registration, registered = session.roster.register(learner.id, number, _demo_route(qualification))
        changes = changes | made | registered
        story = (_amelia, _zoe, _tomasz)[index]
        changes = changes | story(session, qualification, learner, registration, team, today)
    return changes


def _day(today: date, days_ago: int) -> str:
    return (today - timedelta(days=days_ago)).isoformat()


def _demo_team(session: Session, folder: Path) -> dict:
    """The centre's assessor and IV and the employers' witnesses, each with a specimen signature."""
    from assessor_app.services.lar_sample import tiny_png  # a drawn line, made without an imaging library

    people = {}
    for seed, (key, role, name, fields) in enumerate((
            ("assessor", "assessor", "Helen Barker", {"pin_no": "40213"}),
            ("iv", "iv", "Marcus Reid", {}),
            ("dev", "witness", "Dev Patel", {"job_title": "Store Manager", "relationship": "Line manager"}),
            ("grace", "witness", "Grace Mensah", {"job_title": "Team Leader", "relationship": "Supervisor"}))):
        image = folder / f"signature-{key}.png"
        image.write_bytes(tiny_png(seed))
        people[key], _ = session.people.add(role, name, signature=image, **fields)
    return people


def _covered(qualification, urn: str, numbers: str) -> list[str]:
    """ACs of a unit by outcome prefix ("1." takes 1.1, 1.2 ...) or exact number, in printed order."""
    wanted = numbers.split()
    return [c.number for c in qualification.unit(urn).criteria
            if any(c.number == w or (w.endswith(".") and c.number.startswith(w)) for w in wanted)]


def _sign_forms(session: Session, forms) -> Changes:
    """Each (evidence item, signers) form signed on its evidence date, in the order given: people with their
    specimen signature, "learner" with a drawn one."""
    from assessor_app.services.lar_sample import tiny_png  # a drawn line, made without an imaging library

    changes = Changes()
    with tempfile.TemporaryDirectory() as folder:
        drawn = Path(folder) / "signature-learner.png"
        drawn.write_bytes(tiny_png(5))  # seeds 0-3 are the team's specimens
        for item, signers in forms:
            for signer in signers:
                _, signed = session.evidence.sign(item.id, signer, item.date, drawn if signer == "learner" else None)
                changes = changes | signed
    return changes


def _amelia(session, qualification, learner, registration, team, today) -> Changes:
    cs7, cs8 = registration.chosen_units[0], registration.chosen_units[1]
    observed, c1 = session.evidence.add(
        learner.id, "observation", _day(today, 30), title="Serving customers at the plant counter", time="10:15",
        duration_minutes=75, location="Brickendon Garden Centre", person_ids=(team["assessor"].id,),
        narrative="Amelia greeted each customer within a minute, checked stock on the till system for a customer "
                  "asking about patio roses, and explained the 30-day plant guarantee clearly. When a customer "
                  "was unhappy with a delivery date she apologised, checked the schedule and offered an earlier "
                  "slot, then confirmed the customer was satisfied before closing the sale.")
    _, c2 = session.mapping.link(observed.id, registration.id, cs7, _covered(qualification, cs7, "3. 4."))
    witness, c3 = session.evidence.add(
        learner.id, "witness_testimony", _day(today, 24), title="Witness testimony: improving the returns desk",
        person_ids=(team["dev"].id,), location="Brickendon Garden Centre",
        narrative="Amelia suggested moving returns to a separate desk at weekends after noticing queues. She shared "
                  "the idea at our team meeting with figures from the till reports, and it is now how we work.")
    _, c4 = session.mapping.link(witness.id, registration.id, cs7, _covered(qualification, cs7, "5."))
    talk, c5 = session.evidence.add(
        learner.id, "professional_discussion", _day(today, 20), title="Professional discussion: customers and brand",
        duration_minutes=40, location="Staff room", person_ids=(team["assessor"].id,),
        narrative="We discussed customer types, expectations and how the garden centre's brand shapes service.",
        questions=[("How do internal and external customers differ?",
                    "External customers buy from us; internal ones are colleagues who rely on my work, like the "
                    "delivery team needing correct addresses."),
                   ("Why does the brand matter at the counter?",
                    "People come to us for expert advice; if I guess, the brand promise of knowledgeable staff "
                    "is broken.")])
    _, c6 = session.mapping.link(talk.id, registration.id, cs7, _covered(qualification, cs7, "1. 2."))
    _, c7 = session.mapping.link(talk.id, registration.id, cs8, _covered(qualification, cs8, "1. 2. 3."))
    signed = _sign_forms(session, ((observed, (team["assessor"].id, "learner")),
                                   (witness, (team["dev"].id, "learner")),
                                   (talk, (team["assessor"].id, "learner"))))
    _, c8 = session.comments.add(learner.id, _day(today, 20), "Professional discussion confirmed Amelia's "
                                 "knowledge of customer types and of the brand. CS 8 now fully evidenced.",
                                 (talk.id,))
    _, c9 = session.signoffs.sign(registration.id, cs8, team["assessor"].id, _day(today, 19))
    sample, c10 = session.signoffs.sample(registration.id, cs8, team["iv"].id, _day(today, 10), "agreed",
                                          feedback="Clear, sufficient evidence; questions well recorded.")
    _, c11 = session.signoffs.countersign(sample.id, _day(today, 10))
    return c1 | c2 | c3 | c4 | c5 | c6 | c7 | signed | c8 | c9 | c10 | c11


def _zoe(session, qualification, learner, registration, team, today) -> Changes:
    cs7 = registration.chosen_units[0]
    observed, c1 = session.evidence.add(
        learner.id, "observation", _day(today, 14), title="Reception desk at opening time", time="07:00",
        duration_minutes=60, location="Ware Leisure Centre", person_ids=(team["assessor"].id,),
        narrative="Zoë checked members in, explained the new class booking app to an older member step by step, "
                  "and passed a complaint about lockers to the duty manager as the centre's procedure requires.")
    _, c2 = session.mapping.link(observed.id, registration.id, cs7, _covered(qualification, cs7, "4.1 4.2 4.3 1.5"))
    asked, c3 = session.evidence.add(
        learner.id, "questioning", _day(today, 14), title="Questions after the observation",
        person_ids=(team["assessor"].id,),
        questions=[("When would you escalate a complaint?",
                    "When it needs a refund above my limit or the member asks for a manager."),
                   ("How do you know you gave good service?",
                    "Members' comment cards, and whether they come back to the same class.")])
    _, c4 = session.mapping.link(asked.id, registration.id, cs7, _covered(qualification, cs7, "1.6"))
    return c1 | c2 | c3 | c4


def _tomasz(session, qualification, learner, registration, team, today) -> Changes:
    first_unit = qualification.unit(registration.chosen_units[0])
    changes = Changes()
    for n, criterion in enumerate(first_unit.criteria[:3]):
        _, ticked = session.mapping.tick(registration.id, first_unit.urn, criterion.number, _day(today, 6 - n), "E1")
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
