"""A learner's full record made through the services: every unit chosen, evidence of every kind, sign-offs, IV."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from assessor_app.domain.catalogue import o_sorted
from assessor_app.services.lar_sample import tiny_png

START = date(2026, 2, 2)
WITNESSES = (("Grace Mensah", "Team Leader"), ("Dev Patel", "Store Manager"), ("Siobhán Ní Bhriain", "Supervisor"),
             ("Øystein Ærøe", "Duty Manager"), ("Marta Żółkiewska", "Customer Service Lead"))
LEARNER = dict(name="Zoë Ó'Brien-Łukasiewicz", registration_no="LAR-2026-0002", address="3 Fore Street, Ware SG12 9EH",
               tel="01920 460302", email="zoe.obrien@example.org", employer_contact="Grace Mensah (Team Leader)",
               employer_name_address="Ware Leisure Centre, Park Road, Ware SG12 0AX", employer_tel="01920 460400")


def _day(n: int) -> str:
    return (START + timedelta(days=n)).isoformat()


def _png(folder: Path, seed: int) -> Path:
    path = folder / f"signature-{seed}.png"
    path.write_bytes(tiny_png(seed))
    return path


def populate_full_record(session, number: str, folder: Path, *, learner: dict = LEARNER, people: dict | None = None):
    """Returns (learner, registration, people by name). Two units in three are signed off; the first is IV-sampled
    and countersigned; a photo is attached to the first observations; one comment per unit is finished."""
    folder.mkdir(parents=True, exist_ok=True)
    q = session.catalogue.get(number)
    if people is None:
        people = {}
        assessor, _ = session.people.add("assessor", "Priya Raman", pin_no="PIN-4821", signature=_png(folder, 10))
        people[assessor.name] = assessor
        iv, _ = session.people.add("iv", "Helen Okafor", signature=_png(folder, 20))
        people[iv.name] = iv
        for i, (name, title) in enumerate(WITNESSES):
            witness, _ = session.people.add("witness", name, job_title=title, signature=_png(folder, i))
            people[name] = witness
    assessor, iv = people["Priya Raman"], people["Helen Okafor"]
    witnesses = [people[name] for name, _ in WITNESSES]
    made, _ = session.roster.add(**learner)
    registration, _ = session.roster.register(made.id, number, [u.urn for u in q.units], allow_incomplete=True)
    photo = folder / "till-receipt.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg, but bytes to hash " * 40)
    day = 0
    for n, unit in enumerate(q.units):
        numbers = [c.number for o in o_sorted(unit.outcomes) for c in o.criteria]
        half = max(1, len(numbers) // 2)
        observed, _ = session.evidence.add(
            made.id, "observation", _day(day), title=f"Observed at work: {unit.title}", time="10:30",
            duration_minutes=45, location="Ware Leisure Centre reception",
            narrative=f"{learner['name']} dealt with customers at the reception desk; unit {unit.ref}.",
            person_ids=[assessor.id], draft_comment=n < 3)
        session.mapping.link(observed.id, registration.id, unit.urn, numbers[:half])
        if n < 3:
            session.attachments.attach(observed.id, photo, name=f"photo-{unit.ref.replace(' ', '')}.jpg")
        witness = witnesses[n % len(witnesses)]
        testimony, _ = session.evidence.add(
            made.id, "witness_testimony", _day(day + 1), title=f"Testimony: {unit.title}",
            narrative=f"I confirm that {learner['name']} consistently meets these criteria in their daily work.",
            person_ids=[witness.id])
        if numbers[half:]:
            session.mapping.link(testimony.id, registration.id, unit.urn, numbers[half:])
        if n % 7 == 0:
            discussion, _ = session.evidence.add(
                made.id, "professional_discussion", _day(day + 1), title=f"Discussion: {unit.title}",
                narrative="We discussed how the learner handles difficult situations.", duration_minutes=30,
                questions=[("How do you keep a customer informed?", "I call them back before the promised time."),
                           ("When would you escalate a problem?", "When it is outside my authority.")],
                person_ids=[assessor.id])
            session.mapping.link(discussion.id, registration.id, unit.urn, numbers[:1])
        session.comments.add(made.id, _day(day + 1), f"{unit.ref}: observed and testimony read; "
                             f"the learner met every criterion. Feedback: keep using open questions.",
                             (observed.id, testimony.id))
        if n % 3 != 2:
            session.signoffs.sign(registration.id, unit.urn, assessor.id, _day(day + 2))
            if n == 0:
                sample, _ = session.signoffs.sample(registration.id, unit.urn, iv.id, _day(day + 3), "agreed",
                                                    "Valid, authentic and sufficient.")
                session.signoffs.countersign(sample.id, _day(day + 3))
        day += 2
    return made, session.roster.registration(registration.id), people
