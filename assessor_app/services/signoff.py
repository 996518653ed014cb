"""Unit sign-off (which locks the unit), reopening with a reason, and IV sampling with countersignature."""

from __future__ import annotations

from datetime import date as _date

from assessor_app.domain.changes import Changes
from assessor_app.domain.evidence import check_date
from assessor_app.domain.ids import new_id
from assessor_app.domain.people import ASSESSOR, IV
from assessor_app.domain.progress import coverage
from assessor_app.domain.signoff import DECISIONS, DIGEST_VERSION, REFERRED_BACK, IvSample, Reopening, SignOff, \
    digest_version, evidence_digest, evidence_state, sign_off_problems
from assessor_app.services.context import Context, ServiceError
from assessor_app.services.people import add_contact_in
from assessor_app.store import evidence, people, signoffs


class SignOffService:
    def __init__(self, context: Context):
        self._context = context

    # -- reading --------------------------------------------------------------------------------------------
    def signoffs(self, registration_id: str, unit_urn: str | None = None) -> list[SignOff]:
        """Every sign-off, voided ones included (each voided one carries its Reopening), oldest first."""
        return signoffs.signoffs(self._context.db, registration_id, unit_urn)

    def active(self, registration_id: str, unit_urn: str) -> SignOff | None:
        """The sign-off in force (ASSESSOR SIGNATURE / PIN NO / DATE of the unit page), if any."""
        return signoffs.active_signoff(self._context.db, registration_id, unit_urn)

    def problems(self, registration_id: str, unit_urn: str, signed_on: str | None = None) -> list[str]:
        """Why the unit cannot be signed on `signed_on` (default today); empty when it can."""
        registration = self._context.registration(registration_id)
        unit = self._context.unit_of(registration, unit_urn)
        return self._problems(self._context.db, registration, unit, signed_on or _date.today().isoformat())

    def current_digest(self, registration_id: str, unit_urn: str, version: int = DIGEST_VERSION) -> str:
        """The digest of the unit's evidence state now, by the computation `version` (default the current one)."""
        registration = self._context.registration(registration_id)
        unit = self._context.unit_of(registration, unit_urn)
        return evidence_digest(self._state(self._context.db, registration_id, unit, version), version)

    def verifies(self, signoff: SignOff) -> bool:
        """Whether the unit's evidence now is what the sign-off signed, by the digest version it was made with."""
        version = digest_version(signoff.digest)
        return self.current_digest(signoff.registration_id, signoff.unit_urn, version) == signoff.digest

    # -- signing and reopening ------------------------------------------------------------------------------
    def sign(self, registration_id: str, unit_urn: str, assessor_id: str, signed_on: str,
             pin_no: str | None = None) -> tuple[SignOff, Changes]:
        """The assessor signs the unit off: name, PIN NO (the person's unless given), date, signature image,
        and the digest of the unit's evidence state. Refused when an AC has no evidence, evidence relied on
        is incomplete, the date precedes the evidence, or the unit is signed already. Afterwards the unit's
        links, dates and evidence are read-only. Not undoable: reopen() with a reason instead."""
        registration = self._context.registration(registration_id)
        unit = self._context.unit_of(registration, unit_urn)
        if unit_urn not in registration.chosen_units:
            raise ServiceError(f"unit {unit.ref} is not on this learner's route")
        assessor = self._person(assessor_id, ASSESSOR)
        pin = (pin_no if pin_no is not None else assessor.pin_no).strip()
        if not pin:
            raise ServiceError(f"{assessor.name} has no PIN number; one is printed with every sign-off")
        self._date(signed_on, "sign-off date")
        with self._context.write() as w:
            if signoffs.is_locked(w.db, registration_id, unit_urn):
                raise ServiceError(f"unit {unit.ref} is signed off already")
            problems = self._problems(w.db, registration, unit, signed_on)
            if problems:
                raise ServiceError(f"unit {unit.ref} cannot be signed off: " + "; ".join(problems))
            signoff = SignOff(new_id(), registration_id, unit_urn, assessor.id, assessor.name, pin, signed_on,
                              assessor.signature_sha256,
                              evidence_digest(self._state(w.db, registration_id, unit, DIGEST_VERSION), DIGEST_VERSION))
            signoffs.insert_signoff(w.db, signoff, w.device_id)
            w.audit("sign", "unit_signoff", signoff.id, None, signoff, learner_id=registration.learner_id)
            add_contact_in(w, registration.learner_id, assessor.id)
        return signoff, w.changes

    def reopen(self, registration_id: str, unit_urn: str, reason: str,
               reopened_on: str | None = None) -> tuple[Reopening, Changes]:
        """Void the unit's sign-off so it can be changed, giving the reason (kept with the sign-off and in
        the audit trail). The unit must then be signed again."""
        registration = self._context.registration(registration_id)
        reopened_on = reopened_on or _date.today().isoformat()
        self._date(reopened_on, "reopening date")
        if not reason or not reason.strip():
            raise ServiceError("reopening a signed-off unit needs a reason")
        with self._context.write() as w:
            active = signoffs.active_signoff(w.db, registration_id, unit_urn)
            if active is None:
                raise ServiceError(f"unit {unit_urn} is not signed off, so there is nothing to reopen")
            reopening = Reopening(new_id(), active.id, reason.strip(), reopened_on, self._context.actor)
            signoffs.insert_reopening(w.db, reopening, w.device_id)
            w.audit("reopen", "unit_signoff", active.id, active, reopening, learner_id=registration.learner_id,
                    also=("unit_reopen",))
        return reopening, w.changes

    # -- IV sampling ----------------------------------------------------------------------------------------
    def iv_samples(self, registration_id: str, unit_urn: str | None = None) -> list[IvSample]:
        return signoffs.iv_samples(self._context.db, registration_id, unit_urn)

    def sample(self, registration_id: str, unit_urn: str, iv_id: str, sampled_on: str, decision: str,
               feedback: str = "", actions: str = "") -> tuple[IvSample, Changes]:
        """An IV's sampling decision on a signed-off unit: "agreed", or "referred_back" with the actions the
        assessor must take. The sample records which sign-off it judged. Countersign it with countersign()."""
        registration = self._context.registration(registration_id)
        unit = self._context.unit_of(registration, unit_urn)
        iv = self._person(iv_id, IV)
        self._date(sampled_on, "sampling date")
        if decision not in DECISIONS:
            raise ServiceError(f"unknown IV decision {decision!r} (known: {', '.join(DECISIONS)})")
        if decision == REFERRED_BACK and not actions.strip():
            raise ServiceError("a unit referred back needs the actions the assessor must take")
        with self._context.write() as w:
            active = signoffs.active_signoff(w.db, registration_id, unit_urn)
            if active is None:
                raise ServiceError(f"unit {unit.ref} is not signed off; an IV samples signed-off units")
            if sampled_on < active.signed_on:
                raise ServiceError("the sampling date is before the unit's sign-off")
            sample = IvSample(new_id(), registration_id, unit_urn, active.id, iv.id, iv.name, sampled_on, decision,
                              feedback.strip(), actions.strip())
            signoffs.insert_iv_sample(w.db, sample, w.device_id)
            w.audit("create", "iv_sample", sample.id, None, sample, learner_id=registration.learner_id)
            add_contact_in(w, registration.learner_id, iv.id)
        return sample, w.changes

    def countersign(self, sample_id: str, signed_on: str) -> tuple[IvSample, Changes]:
        """The IV countersigns a sample with their stored signature and the date; once only."""
        sample = signoffs.iv_sample(self._context.db, sample_id)
        if sample is None:
            raise ServiceError(f"no IV sample with id {sample_id}")
        self._date(signed_on, "countersignature date")
        if signed_on < sample.sampled_on:
            raise ServiceError("the countersignature date is before the sampling date")
        iv = self._person(sample.iv_id, IV)
        registration = self._context.registration(sample.registration_id)
        with self._context.write() as w:
            if signoffs.iv_sample(w.db, sample_id).countersigned:
                raise ServiceError("this IV sample is countersigned already")
            signoffs.countersign_iv_sample(w.db, sample_id, signed_on, iv.signature_sha256, w.device_id)
            w.audit("countersign", "iv_sample", sample_id, None,
                    {"countersigned_on": signed_on, "countersignature_sha256": iv.signature_sha256},
                    learner_id=registration.learner_id)
        return signoffs.iv_sample(self._context.db, sample_id), w.changes

    # -- helpers --------------------------------------------------------------------------------------------
    def _person(self, person_id: str, role: str):
        person = people.person(self._context.db, person_id)
        if person is None or person.deleted:
            raise ServiceError(f"no person with id {person_id}")
        if person.role != role:
            raise ServiceError(f"{person.name} is not recorded as {'an IV' if role == IV else 'an ' + role}")
        return person

    @staticmethod
    def _date(value: str, what: str) -> None:
        problem = check_date(value, what)
        if problem:
            raise ServiceError(problem)

    @staticmethod
    def _items(db, registration_id: str, unit_urn: str) -> tuple[list, dict]:
        links = evidence.links(db, registration_id=registration_id, unit_urn=unit_urn)
        items = {i: evidence.item(db, i) for i in dict.fromkeys(lk.evidence_id for lk in links)}
        return links, items

    def _state(self, db, registration_id: str, unit, version: int = DIGEST_VERSION) -> dict:
        links, items = self._items(db, registration_id, unit.urn)
        return evidence_state(unit, links, items, version)

    def _problems(self, db, registration, unit, signed_on: str) -> list[str]:
        _, items = self._items(db, registration.id, unit.urn)
        covered = coverage(evidence.link_facts(db, registration.id, unit.urn))
        return sign_off_problems(unit, covered, items.values(), signed_on)
