"""Learner and registration use cases: contact-sheet details, and routes checked against the rules of combination."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from assessor_app.domain import rules
from assessor_app.domain.changes import Changes
from assessor_app.domain.ids import new_id
from assessor_app.domain.records import CONTACT_FIELDS, Learner, Registration
from assessor_app.services.context import Context, LockedError, ServiceError
from assessor_app.services.learner_import import ImportReport, LearnerImport
from assessor_app.store import records, signoffs

# A route may be stored short of credits while optional units are still being chosen; these never pass.
_ALWAYS_BLOCKING = {rules.NOT_IN_QUALIFICATION, rules.BARRED, rules.MANDATORY_MISSING}


def starting_units(qualification) -> list[str]:
    """A new registration's units when none are chosen yet: the mandatory ones of a qualification with rules of
    combination (the optional ones are chosen next), every unit of a unit bank."""
    if not qualification.groups:
        return [unit.urn for unit in qualification.units]
    return [urn for group in qualification.groups if group.mandatory for urn in group.units]


class LearnerService:
    def __init__(self, context: Context):
        self._context = context

    # -- learners -------------------------------------------------------------------------------------------
    def learners(self) -> list[Learner]:
        """Live learners by name."""
        return records.learners(self._context.db)

    def learner(self, learner_id: str) -> Learner:
        return self._context.learner(learner_id)

    def find(self, reference: str) -> Learner:
        """A learner by registration number, id, or exact name (case-insensitive, if only one has it)."""
        db = self._context.db
        found = records.learner_by_registration_no(db, reference) or records.learner(db, reference)
        if found is None:
            matches = [lr for lr in self.learners() if lr.name.casefold() == reference.casefold()]
            if len(matches) == 1:
                found = matches[0]
        if found is None:
            raise ServiceError(f"no learner with registration number, id or name {reference!r}")
        return found

    def add(self, name: str, registration_no: str, **contact: str) -> tuple[Learner, Changes]:
        """A new learner with the CONTACT SHEET fields (address, tel, email, employer_contact,
        employer_name_address, employer_tel). Inverse: delete."""
        learner = Learner(id=new_id(), name=name.strip(), registration_no=registration_no.strip(),
                          **self._contact(contact))
        self._check(learner)
        with self._context.write() as w:
            holder = records.learner_by_registration_no(w.db, learner.registration_no, include_deleted=True)
            if holder is not None:
                deleted = records.learner(w.db, holder.id) is None
                raise ServiceError(f"registration number {learner.registration_no} is already used by "
                                   f"{holder.name}" + (" (deleted; restore them instead)" if deleted else ""))
            records.insert_learner(w.db, learner, self._context.device_id)
            w.audit("create", "learner", learner.id, None, learner, learner_id=learner.id)
        return learner, w.changes

    def update(self, learner_id: str, **fields: str) -> tuple[Learner, Changes]:
        """Change contact-sheet fields (name and registration_no too). Inverse: update with the old values."""
        before = self._context.learner(learner_id)
        after = replace(before, **self._contact(fields, allow_identity=True))
        self._check(after)
        changed = {k: v for k, v in after.__dict__.items() if getattr(before, k) != v}
        if not changed:
            return before, Changes()
        with self._context.write() as w:
            other = records.learner_by_registration_no(w.db, after.registration_no, include_deleted=True)
            if other is not None and other.id != learner_id:
                raise ServiceError(f"registration number {after.registration_no} is already used")
            records.update_learner(w.db, learner_id, changed, self._context.device_id)
            w.audit("update", "learner", learner_id, {k: getattr(before, k) for k in changed}, changed,
                    learner_id=learner_id)
        return after, w.changes

    def delete(self, learner_id: str) -> Changes:
        """Soft delete (the learner and everything recorded stays in the file). Inverse: restore."""
        return self._set_deleted(learner_id, True)

    def restore(self, learner_id: str) -> Changes:
        return self._set_deleted(learner_id, False)

    def _set_deleted(self, learner_id: str, deleted: bool) -> Changes:
        if records.learner(self._context.db, learner_id, include_deleted=True) is None:
            raise ServiceError(f"no learner with id {learner_id}")
        with self._context.write() as w:
            records.set_learner_deleted(w.db, learner_id, deleted, self._context.device_id)
            w.audit("delete" if deleted else "restore", "learner", learner_id, {"deleted": not deleted},
                    {"deleted": deleted}, learner_id=learner_id)
        return w.changes

    @staticmethod
    def _contact(values: dict, allow_identity: bool = False) -> dict:
        allowed = set(CONTACT_FIELDS) if allow_identity else set(CONTACT_FIELDS) - {"name", "registration_no"}
        unknown = sorted(set(values) - allowed)
        if unknown:
            raise ServiceError(f"a learner has no field {', '.join(unknown)}")
        return {k: (v or "").strip() for k, v in values.items()}

    @staticmethod
    def _check(learner: Learner) -> None:
        if not learner.name or not learner.registration_no:
            raise ServiceError("a learner needs a name and a registration number")
        if learner.email and ("@" not in learner.email or " " in learner.email):
            raise ServiceError(f"{learner.email!r} is not an email address")

    # -- registrations --------------------------------------------------------------------------------------
    def registrations(self, learner_id: str) -> list[Registration]:
        return records.registrations(self._context.db, learner_id)

    def registration(self, registration_id: str) -> Registration:
        return self._context.registration(registration_id)

    def qualification_of(self, registration: Registration):
        """The version of the qualification this learner is registered on, which a newer file never changes."""
        return self._context.qualification(registration)

    def on_current_version(self, registration: Registration) -> bool:
        """False when a newer file of the learner's qualification is installed than the one registered on."""
        return self._context.catalogue.is_current(registration.qualification_number,
                                                  registration.qualification_fingerprint)

    def import_csv(self, path: Path, *, encoding: str = "utf-8", dry_run: bool = False) -> tuple[ImportReport, Changes]:
        """`learners import CSV`: (ImportReport, Changes); see services/learner_import.py."""
        return LearnerImport(self._context).run(path, encoding=encoding, dry_run=dry_run)

    def import_csv_on_own_connection(self, path: Path, *, encoding: str = "utf-8") -> tuple[ImportReport, Changes]:
        """import_csv() on a connection of its own, so a worker thread can run a long import (one transaction)
        while the window stays responsive; the window's connection sees the learners once it commits."""
        with self._context.own_connection(read_only=False) as writer:
            return LearnerImport(writer).run(path, encoding=encoding)

    def unit_urn(self, registration: Registration, reference: str) -> str:
        """A unit of the registration's qualification by URN ("A/506/2130", spaces ignored) or by the awarding
        body's ref ("CS 7", case and spaces ignored)."""
        try:
            return self._context.qualification(registration).unit_by_reference(reference).urn
        except KeyError as missing:
            raise ServiceError(missing.args[0]) from None

    def registration_with(self, learner_id: str, unit_reference: str) -> tuple[Registration, str]:
        """The learner's registration whose route holds the unit, and the unit's URN."""
        registrations = self.registrations(learner_id)
        if not registrations:
            raise ServiceError("the learner is not registered on a qualification")
        problem = None
        for registration in registrations:
            try:
                urn = self.unit_urn(registration, unit_reference)
            except ServiceError as missing:
                problem = problem or missing
                continue
            if urn in registration.chosen_units:
                return registration, urn
            problem = ServiceError(f"unit {unit_reference} is not on this learner's route")
        raise problem

    def route_check(self, qualification_number: str, units: list[str]) -> rules.RouteCheck | None:
        """The rules of combination's verdict on a route (None for a unit bank, which has no rules)."""
        qualification = self._qualification(qualification_number)
        return rules.check_route(qualification, units) if qualification.groups else None

    def register(self, learner_id: str, qualification_number: str, chosen_units: list[str] | None = None, *,
                 allow_incomplete: bool = False) -> tuple[Registration, Changes]:
        """Put a learner on the catalogue's current version of a qualification (its fingerprint is recorded).
        `chosen_units` defaults to every unit. The route must satisfy the rules of combination; with
        `allow_incomplete` it may still be short of credits, but never lack a mandatory unit, hold a unit
        from outside the qualification or combine barred units."""
        self._context.learner(learner_id)
        qualification = self._qualification(qualification_number)
        units = list(dict.fromkeys(chosen_units if chosen_units is not None else [u.urn for u in qualification.units]))
        self._check_route(qualification_number, units, allow_incomplete)
        registration = Registration(new_id(), learner_id, qualification_number,
                                    self._context.catalogue.fingerprints[qualification_number], tuple(units))
        with self._context.write() as w:
            records.insert_registration(w.db, registration, self._context.device_id)
            w.audit("create", "registration", registration.id, None, registration, learner_id=learner_id)
        return registration, w.changes

    def change_units(self, registration_id: str, chosen_units: list[str], *,
                     allow_incomplete: bool = False) -> tuple[Registration, Changes]:
        """Change the chosen units. Evidence and links are never deleted: a unit dropped and chosen again
        shows its evidence again. A signed-off unit cannot be dropped until it is reopened.
        Inverse: change_units with the old list."""
        before = self._context.registration(registration_id)
        units = list(dict.fromkeys(chosen_units))
        self._refuse_dropping_signed(self._context.db, registration_id, units)
        self._check_route(before.qualification_number, units, allow_incomplete)
        after = replace(before, chosen_units=tuple(units))
        with self._context.write() as w:
            self._refuse_dropping_signed(w.db, registration_id, units)
            records.set_chosen_units(w.db, registration_id, units, self._context.device_id)
            w.audit("update", "registration", registration_id, {"chosen_units": list(before.chosen_units)},
                    {"chosen_units": units}, learner_id=before.learner_id)
        return after, w.changes

    @staticmethod
    def _refuse_dropping_signed(db, registration_id: str, units: list[str]) -> None:
        dropped = sorted(signoffs.locked_units(db, registration_id) - set(units))
        if dropped:
            raise LockedError(f"unit {', '.join(dropped)} is signed off; reopen it before dropping it")

    def _qualification(self, number: str):
        try:
            return self._context.catalogue.get(number)
        except KeyError as missing:
            raise ServiceError(missing.args[0]) from None

    def _check_route(self, qualification_number: str, units: list[str], allow_incomplete: bool) -> None:
        qualification = self._qualification(qualification_number)
        unknown = [u for u in units if u not in {x.urn for x in qualification.units}]
        if unknown:
            raise ServiceError(f"{qualification_number} has no unit {', '.join(unknown)}")
        if not units:
            raise ServiceError("a registration needs at least one unit")
        check = self.route_check(qualification_number, units)
        if check is None:
            return
        refused = [p for p in check.problems if p.blocking and
                   (not allow_incomplete or p.kind in _ALWAYS_BLOCKING)]
        if refused:
            raise ServiceError("the chosen units do not form a valid route: " +
                               " ".join(p.message for p in refused))
