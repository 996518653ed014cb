"""Read models built from the links: per-AC Ref No and Date, progress per LO/unit/qualification, the learner's file."""

from __future__ import annotations

from assessor_app.domain.evidence import LinkFact, sorted_items
from assessor_app.domain.learner_file import LearnerFile, RegistrationFile
from assessor_app.domain.progress import Coverage, QualificationProgress, UnitProgress, coverage, \
    qualification_progress, unit_progress
from assessor_app.domain.unit_record import UnitRecord, build_unit_record
from assessor_app.services.context import Context
from assessor_app.store import comments, evidence, people, records, signoffs, sync_records


class ProgressService:
    def __init__(self, context: Context):
        self._context = context

    def coverage(self, registration_id: str, unit_urn: str | None = None) -> dict[tuple[str, str], Coverage]:
        """Per (unit URN, AC number) that has live evidence: its refs ("Ref No") and first-met date ("Date"),
        by the rule in domain/progress.py."""
        return coverage(evidence.link_facts(self._context.db, registration_id, unit_urn))

    def unit_progress(self, registration_id: str, unit_urn: str) -> UnitProgress:
        """ACs covered and missing (per LO) for one unit, and whether it is signed off."""
        registration = self._context.registration(registration_id)
        unit = self._context.unit_of(registration, unit_urn)
        signed = signoffs.is_locked(self._context.db, registration_id, unit_urn)
        return unit_progress(unit, self.coverage(registration_id, unit_urn), signed)

    def progress(self, registration_id: str) -> QualificationProgress:
        """Every chosen unit's progress, and the qualification's standing under its rules of combination
        (counting signed, fully covered units as achieved)."""
        registration = self._context.registration(registration_id)
        return qualification_progress(self._context.qualification(registration), registration.chosen_units,
                                      self.coverage(registration_id),
                                      signoffs.locked_units(self._context.db, registration_id))

    def unit_record(self, registration_id: str, unit_urn: str) -> UnitRecord:
        """The unit page: header, one row per AC with Ref No and Date, and the active sign-off (footer)."""
        registration = self._context.registration(registration_id)
        qualification = self._context.qualification(registration)
        unit = self._context.unit_of(registration, unit_urn)
        ticks = evidence.ticks(self._context.db, registration_id, unit_urn)
        active = signoffs.active_signoff(self._context.db, registration_id, unit_urn)
        return build_unit_record(self._context.learner(registration.learner_id), qualification, unit, ticks, active)

    def learner_file(self, learner_id: str) -> LearnerFile:
        """Everything the learner screen and the Learner Assessment Record need, read in a fixed, small
        number of queries whatever the size of the register: contact sheet, evidence register (ref order),
        live links, each registration's progress, coverage, active sign-offs and IV samples, comments."""
        db = self._context.db
        learner = self._context.learner(learner_id)
        items = sorted_items(evidence.items(db, learner_id))
        by_id = {i.id: i for i in items}
        links = evidence.links(db, learner_id=learner_id)
        shown = sync_records.display_refs(db, learner_id)  # E12 issued on two laptops: E12 and E12-b
        files = []
        for registration in records.registrations(db, learner_id):
            facts = [LinkFact(lk.id, lk.evidence_id, shown.get(lk.evidence_id, by_id[lk.evidence_id].ref),
                              lk.registration_id, lk.unit_urn,
                              lk.criterion_number, lk.met_on or by_id[lk.evidence_id].date)
                     for lk in links if lk.registration_id == registration.id]
            covered = coverage(facts)
            history = signoffs.signoffs(db, registration.id)
            active = {s.unit_urn: s for s in history if s.active}
            progress = qualification_progress(self._context.qualification(registration), registration.chosen_units,
                                              covered, set(active))
            files.append(RegistrationFile(registration, progress, covered, active,
                                          tuple(signoffs.iv_samples(db, registration.id))))
        return LearnerFile(learner, tuple(people.contact_sheet(db, learner_id)), tuple(files), tuple(items),
                           tuple(links), tuple(comments.comments(db, learner_id)))
