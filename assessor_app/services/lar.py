"""The Learner Assessment Record of one learner's registration: its read model built from the records, and the PDF."""

from __future__ import annotations

from pathlib import Path

from assessor_app.domain import lar_model as lar
from assessor_app.domain import people as roles
from assessor_app.domain.catalogue import Qualification, number_key, o_sorted
from assessor_app.domain.evidence import LEARNER, EvidenceItem, EvidenceSignature
from assessor_app.domain.learner_file import LearnerFile, RegistrationFile
from assessor_app.domain.people import Person
from assessor_app.domain.signoff import DECISIONS, IvSample, SignOff
from assessor_app.domain.unit_record import CriterionRow
from assessor_app.export.lar import write_lar
from assessor_app.services.context import ServiceError
from assessor_app.services.session import Session
from assessor_app.store import records as store_records

CENTRE_NAME_SETTING = "centre_name"
CONTACT_ROLES = (roles.WITNESS, roles.ASSESSOR, roles.IV)


def choose_registration(file: LearnerFile, qualification_number: str | None) -> RegistrationFile:
    """The registration to print: the one on `qualification_number`, or the learner's only one."""
    found = [r for r in file.registrations
             if qualification_number is None or r.registration.qualification_number == qualification_number]
    numbers = ", ".join(r.registration.qualification_number for r in file.registrations) or "none"
    if not found:
        wanted = f"on qualification {qualification_number} " if qualification_number else ""
        raise ServiceError(f"{file.learner.name} has no registration {wanted}(registrations: {numbers})")
    if len(found) > 1:
        raise ServiceError(f"{file.learner.name} is registered on {numbers}: say which qualification to print")
    return found[0]


class _Reader:
    """Lookups while one record is built: signature images and people, each read once."""

    def __init__(self, session: Session):
        self.session = session
        self._images: dict[str, bytes | None] = {}
        self._people: dict[str, Person | None] = {}

    def image(self, sha256: str | None) -> bytes | None:
        if not sha256:
            return None
        if sha256 not in self._images:
            try:
                self._images[sha256] = self.session.attachments.read_signature(sha256)
            except OSError:  # missing or damaged file: print the record with an empty signature box
                self._images[sha256] = None
        return self._images[sha256]

    def person(self, person_id: str) -> Person | None:
        if person_id not in self._people:
            try:
                self._people[person_id] = self.session.people.person(person_id)
            except ServiceError:
                self._people[person_id] = None
        return self._people[person_id]


def _rows(unit, coverage) -> tuple[CriterionRow, ...]:
    rows = []
    for outcome in o_sorted(unit.outcomes):
        for criterion in outcome.criteria:
            found = coverage.get((unit.urn, criterion.number))
            rows.append(CriterionRow(outcome.number, outcome.text, criterion.number, criterion.text,
                                     found.ref_no if found else "", found.date if found else ""))
    return tuple(rows)


def _signoff(signoff: SignOff | None, reader: _Reader) -> lar.SignOff | None:
    if signoff is None or not signoff.active:
        return None
    return lar.SignOff(signoff.assessor_name, signoff.pin_no, signoff.signed_on, reader.image(signoff.signature_sha256))


def _iv_sample(samples: list[IvSample], reader: _Reader) -> lar.IvSample | None:
    """The latest sample of the unit; its countersignature image once countersigned."""
    if not samples:
        return None
    s = max(samples, key=lambda x: (x.sampled_on, x.id))
    image = reader.image(s.countersignature_sha256) if s.countersigned else None
    return lar.IvSample(s.iv_name, s.countersigned_on or s.sampled_on, DECISIONS.get(s.decision, s.decision),
                        s.feedback, s.actions, image)


def _role_label(role: str) -> str:
    return roles.ROLES.get(role, role).lower()


def _form_signatures(item: EvidenceItem, people: list[Person], learner_name: str, signed: list[EvidenceSignature],
                     reader: _Reader) -> list[lar.FormSignature]:
    """One row per person on the item, then anyone else who signed (an assessor need not be named on it), then
    the learner. A signer's row shows their signature; who has not signed keeps an empty row to sign on paper."""
    by_signer = {s.person_id: s for s in reversed(signed)}  # the first signature of each signer counts

    def row(s: EvidenceSignature) -> lar.FormSignature:
        return lar.FormSignature(_role_label(s.role), s.name, s.signed_on, reader.image(s.signature_sha256))

    rows = [row(by_signer[p.id]) if p.id in by_signer else lar.FormSignature(_role_label(p.role), p.name, item.date)
            for p in people]
    named = {p.id for p in people} | {None}
    rows += [row(s) for s in signed if s.person_id not in named and by_signer[s.person_id] is s]
    rows.append(row(by_signer[None]) if None in by_signer else lar.FormSignature(LEARNER, learner_name, item.date))
    return rows


def _evidence(item: EvidenceItem, links, q: Qualification, unit_position: dict[str, int], learner_name: str,
              signed: list[EvidenceSignature], reader: _Reader) -> lar.EvidenceItem:
    people = [p for p in (reader.person(pid) for pid in item.person_ids) if p is not None]
    covered = sorted({(lk.unit_urn, lk.criterion_number) for lk in links},
                     key=lambda k: (unit_position.get(k[0], len(unit_position)), number_key(k[1])))
    refs = {u.urn: u.ref for u in q.units}
    signatures = _form_signatures(item, people, learner_name, signed, reader)
    return lar.EvidenceItem(
        ref=item.ref, date=item.date, kind=item.kind, title=item.title, narrative=item.narrative,
        kind_label=item.label, time=item.time, duration_minutes=item.duration_minutes, location=item.location,
        expert_witness=item.expert_witness, document_location=item.document_location,
        document_relevance=item.document_relevance,
        people=tuple(lar.EvidencePerson(p.name, _role_label(p.role), p.job_title)
                     for p in people),
        criteria=tuple(lar.AcRef(refs.get(urn, urn), number) for urn, number in covered),
        attachments=tuple(lar.Attachment(a.name, a.size, a.sha256, a.media_type) for a in item.attachments),
        questions=tuple(lar.QuestionAnswer(x.question, x.answer) for x in item.questions),
        signatures=tuple(signatures))


def _people(file: LearnerFile, reg: RegistrationFile, items: list[EvidenceItem], reader: _Reader) -> list[Person]:
    """The contact sheet's people in the order added, then anyone else the record names: assessors who signed,
    IVs who sampled, people on the evidence (each once)."""
    ids = [p.id for p in file.contacts]
    ids += [s.assessor_id for _, s in sorted(reg.signoffs.items())]
    ids += [s.iv_id for s in sorted(reg.iv_samples, key=lambda s: (s.sampled_on, s.id))]
    ids += [pid for item in items for pid in item.person_ids]
    known = {p.id: p for p in file.contacts}
    found = [known.get(pid) or reader.person(pid) for pid in dict.fromkeys(ids)]
    return [p for p in found if p is not None and p.role in CONTACT_ROLES]


def build_lar_record(session: Session, learner_id: str, qualification_number: str | None = None) -> lar.LarRecord:
    """Everything the printed record shows for the learner's registration, read from the records once."""
    file = session.progress.learner_file(learner_id)
    reg = choose_registration(file, qualification_number)
    q = session.context.qualification(reg.registration)
    reader = _Reader(session)
    units = lar.structure_order(q, reg.registration.chosen_units)
    position = {u.urn: i for i, u in enumerate(units)}
    entries = tuple(lar.UnitEntry(
        unit, _rows(unit, reg.coverage), _signoff(reg.signoffs.get(unit.urn), reader),
        _iv_sample([s for s in reg.iv_samples if s.unit_urn == unit.urn], reader)) for unit in units)
    links_by_item: dict[str, list] = {}
    linked_anywhere: set[str] = set()
    for link in file.links:
        linked_anywhere.add(link.evidence_id)
        if link.registration_id == reg.registration.id:
            links_by_item.setdefault(link.evidence_id, []).append(link)
    # This registration's evidence, and evidence not yet mapped to anything; not another registration's.
    items = [i for i in file.evidence if not i.deleted and (i.id in links_by_item or i.id not in linked_anywhere)]
    learner = file.learner
    contact = learner.contact()
    people = tuple(lar.Person(p.name, p.role, p.job_title, reader.image(p.signature_sha256))
                   for p in _people(file, reg, items, reader))
    comments = tuple(lar.Comment(c.date, tuple(c.evidence_refs), c.text)
                     for c in file.comments if not c.draft)  # a draft is not yet the assessor's comment
    signed = session.evidence.signatures_of_learner(learner_id)
    evidence = tuple(_evidence(i, links_by_item.get(i.id, []), q, position, learner.name, signed.get(i.id, []), reader)
                     for i in items)
    source = q.source or {}
    return lar.sealed(lar.LarRecord(
        qualification=q, document_title=source.get("title", ""), document_version=source.get("version", ""),
        cover_note=source.get("cover_note", ""),
        centre_name=store_records.setting(session.store.db, CENTRE_NAME_SETTING) or "", learner=contact,
        people=people, units=entries, comments=comments, evidence=evidence,
        group_credits=lar.group_credits(q, entries)))


def export_lar(session: Session, learner_reference: str, out: Path, font_dir: Path,
               qualification_number: str | None = None) -> tuple[Path, lar.LarRecord]:
    """`assessor-app export lar`: the learner by registration number, id or exact name, written to `out`."""
    learner = session.roster.find(learner_reference)
    record = build_lar_record(session, learner.id, qualification_number)
    return write_lar(record, Path(out), font_dir), record
