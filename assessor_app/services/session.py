"""The services of one open data folder, wired together: the single object the GUI and CLI talk to."""

from __future__ import annotations

from dataclasses import dataclass

from assessor_app.domain.changes import Changes
from assessor_app.domain.ids import new_id
from assessor_app.domain.records import CriterionTick, Learner, Registration
from assessor_app.domain.unit_record import UnitRecord, build_unit_record
from assessor_app.services.catalogue import Catalogue
from assessor_app.store import records
from assessor_app.store.database import Store


class ServiceError(ValueError):
    """A request the records refuse; the message is for the user."""


@dataclass
class Session:
    store: Store
    catalogue: Catalogue
    device_id: str
    actor: str = "assessor"

    # -- learners -------------------------------------------------------------------------------------------
    def learners(self) -> list[Learner]:
        return records.learners(self.store.db)

    def learner(self, learner_id: str) -> Learner:
        found = records.learner(self.store.db, learner_id)
        if found is None:
            raise ServiceError(f"no learner with id {learner_id}")
        return found

    def find_learner(self, reference: str) -> Learner:
        """A learner by registration number, id, or exact name."""
        db = self.store.db
        found = records.learner_by_registration_no(db, reference) or records.learner(db, reference)
        if found is None:
            matches = [lr for lr in self.learners() if lr.name.casefold() == reference.casefold()]
            if len(matches) == 1:
                found = matches[0]
        if found is None:
            raise ServiceError(f"no learner with registration number, id or name {reference!r}")
        return found

    def add_learner(self, name: str, registration_no: str, **contact: str) -> tuple[Learner, Changes]:
        if not name.strip() or not registration_no.strip():
            raise ServiceError("a learner needs a name and a registration number")
        if records.learner_by_registration_no(self.store.db, registration_no):
            raise ServiceError(f"registration number {registration_no} is already used")
        learner = Learner(id=new_id(), name=name.strip(), registration_no=registration_no.strip(), **contact)
        with self.store.transaction() as db:
            records.insert_learner(db, learner, self.device_id)
            self._audit(db, "create", "learner", learner.id, None, learner.__dict__)
        return learner, Changes.of("learner", learner_id=learner.id)

    # -- registrations --------------------------------------------------------------------------------------
    def register(self, learner_id: str, qualification_number: str,
                 chosen_units: list[str] | None = None) -> tuple[Registration, Changes]:
        qualification = self.catalogue.get(qualification_number)
        known = {u.urn for u in qualification.units}
        units = list(chosen_units) if chosen_units is not None else [u.urn for u in qualification.units]
        unknown = [u for u in units if u not in known]
        if unknown:
            raise ServiceError(f"{qualification_number} has no unit {', '.join(unknown)}")
        registration = Registration(new_id(), learner_id, qualification_number,
                                    self.catalogue.fingerprints[qualification_number], tuple(units))
        with self.store.transaction() as db:
            records.insert_registration(db, registration, self.device_id)
            self._audit(db, "create", "registration", registration.id, None, registration.__dict__)
        return registration, Changes.of("registration", learner_id=learner_id)

    def registrations(self, learner_id: str) -> list[Registration]:
        return records.registrations(self.store.db, learner_id)

    def registration(self, registration_id: str) -> Registration:
        found = records.registration(self.store.db, registration_id)
        if found is None:
            raise ServiceError(f"no registration with id {registration_id}")
        return found

    # -- criterion ticks ------------------------------------------------------------------------------------
    def tick(self, registration_id: str, unit_urn: str, criterion_number: str, met_on: str,
             evidence_ref: str = "") -> tuple[CriterionTick, Changes]:
        registration = self.registration(registration_id)
        unit = self.catalogue.get(registration.qualification_number).unit(unit_urn)
        unit.criterion(criterion_number)  # refuses an AC the unit does not have
        tick = CriterionTick(new_id(), registration_id, unit_urn, criterion_number, met_on, evidence_ref)
        with self.store.transaction() as db:
            records.insert_tick(db, tick, self.device_id)
            self._audit(db, "create", "criterion_tick", tick.id, None, tick.__dict__)
        return tick, Changes.of("criterion_tick", learner_id=registration.learner_id)

    def untick(self, tick_id: str) -> Changes:
        """Soft delete: the tick stays in the file, marked deleted, and can be restored."""
        return self._set_tick_deleted(tick_id, True)

    def restore_tick(self, tick_id: str) -> Changes:
        return self._set_tick_deleted(tick_id, False)

    def _set_tick_deleted(self, tick_id: str, deleted: bool) -> Changes:
        row = self.store.db.execute("SELECT registration_id FROM criterion_tick WHERE id = ?", [tick_id]).fetchone()
        if row is None:
            raise ServiceError(f"no criterion tick with id {tick_id}")
        registration = self.registration(row[0])
        with self.store.transaction() as db:
            (records.soft_delete_tick if deleted else records.restore_tick)(db, tick_id)
            self._audit(db, "delete" if deleted else "restore", "criterion_tick", tick_id,
                        {"deleted": not deleted}, {"deleted": deleted})
        return Changes.of("criterion_tick", learner_id=registration.learner_id)

    def ticks(self, registration_id: str, unit_urn: str | None = None) -> list[CriterionTick]:
        return records.ticks(self.store.db, registration_id, unit_urn)

    # -- read models ----------------------------------------------------------------------------------------
    def unit_record(self, registration_id: str, unit_urn: str) -> UnitRecord:
        registration = self.registration(registration_id)
        qualification = self.catalogue.get(registration.qualification_number)
        return build_unit_record(self.learner(registration.learner_id), qualification,
                                 qualification.unit(unit_urn), self.ticks(registration_id, unit_urn))

    def _audit(self, db, action: str, table: str, record_id: str, before, after) -> None:
        records.append_audit(db, device_id=self.device_id, actor=self.actor, action=action, table=table,
                             record_id=record_id, before=before, after=after)
