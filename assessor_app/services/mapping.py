"""Holistic mapping: linking evidence items to ACs across a registration's units, and the live ticks built on it."""

from __future__ import annotations

from collections.abc import Iterable

from assessor_app.domain.changes import Changes
from assessor_app.domain.evidence import OBSERVATION, EvidenceLink, check_date
from assessor_app.domain.ids import new_id
from assessor_app.domain.records import CriterionTick
from assessor_app.services.context import Context, ServiceError
from assessor_app.services.evidence import EvidenceService
from assessor_app.services.locks import refuse_if_unit_locked
from assessor_app.store import evidence as store



class MappingService:
    def __init__(self, context: Context, evidence: EvidenceService):
        self._context = context
        self._evidence = evidence

    def link(self, evidence_id: str, registration_id: str, unit_urn: str, criteria: Iterable[str] | str,
             met_on: str | None = None) -> tuple[list[EvidenceLink], Changes]:
        """Map one evidence item to ACs of a unit on the learner's route (call once per unit; an item may
        cover any number of ACs across units). ACs it already covers are skipped. `met_on` records a
        date other than the evidence's own. Refused for a signed-off unit. Inverse: unlink each link."""
        numbers = [criteria] if isinstance(criteria, str) else list(dict.fromkeys(criteria))
        item = self._evidence.item(evidence_id)
        registration = self._context.registration(registration_id)
        self._check(item, registration, unit_urn, numbers, met_on)
        made = []
        with self._context.write() as w:
            refuse_if_unit_locked(w.db, registration_id, unit_urn, f"map evidence {item.ref}")
            for number in numbers:
                if store.live_link_for(w.db, evidence_id, registration_id, unit_urn, number):
                    continue
                made.append(self._insert(w, item.learner_id, EvidenceLink(
                    new_id(), evidence_id, registration_id, unit_urn, number,
                    met_on if met_on and met_on != item.date else None)))
        return made, w.changes

    def unlink(self, link_id: str) -> Changes:
        """Soft delete of a link. Refused for a signed-off unit. Inverse: restore_link."""
        return self._set_deleted(link_id, True)

    def restore_link(self, link_id: str) -> Changes:
        return self._set_deleted(link_id, False)

    def links(self, *, registration_id: str | None = None, evidence_id: str | None = None,
              learner_id: str | None = None, unit_urn: str | None = None) -> list[EvidenceLink]:
        """Live links (neither link nor item deleted), filtered by any of the arguments."""
        return store.links(self._context.db, registration_id=registration_id, evidence_id=evidence_id,
                           learner_id=learner_id, unit_urn=unit_urn)

    # -- the skeleton's tick API, on links --------------------------------------------------------------------
    def tick(self, registration_id: str, unit_urn: str, criterion_number: str, met_on: str,
             evidence_ref: str = "") -> tuple[CriterionTick, Changes]:
        """Record an AC met on `met_on` under `evidence_ref`: the learner's item with that ref gains a link;
        if there is none, an observation dated `met_on` is logged under the ref (a new E<n> when the ref is
        empty), with its draft comment row, in the same transaction. Returns the link as a tick."""
        registration = self._context.registration(registration_id)
        self._context.unit_of(registration, unit_urn, criterion_number)
        problem = check_date(met_on, "date met")
        if problem:
            raise ServiceError(problem)
        if unit_urn not in registration.chosen_units:
            raise ServiceError(f"unit {unit_urn} is not on this learner's route")
        with self._context.write() as w:
            refuse_if_unit_locked(w.db, registration_id, unit_urn, f"tick {criterion_number}")
            evidence_id = store.item_id_by_ref(w.db, registration.learner_id, evidence_ref.strip()) \
                if evidence_ref.strip() else None
            if evidence_id is None:
                item = self._evidence.add_in(w, registration.learner_id, OBSERVATION, met_on, evidence_ref, {}, True)
            else:
                item = store.item(w.db, evidence_id)
                if item.deleted:
                    raise ServiceError(f"evidence {item.ref} is deleted; restore it or use another ref")
                if store.live_link_for(w.db, evidence_id, registration_id, unit_urn, criterion_number):
                    raise ServiceError(f"{criterion_number} is already covered by {item.ref}")
            link = self._insert(w, registration.learner_id, EvidenceLink(
                new_id(), item.id, registration_id, unit_urn, criterion_number,
                met_on if met_on != item.date else None))
        tick = CriterionTick(link.id, registration_id, unit_urn, criterion_number, met_on, item.ref, item.id)
        return tick, w.changes

    def ticks(self, registration_id: str, unit_urn: str | None = None) -> list[CriterionTick]:
        """Live links of a registration (or one unit) as ticks: id, unit_urn, criterion_number, met_on, evidence_ref."""
        return store.ticks(self._context.db, registration_id, unit_urn)

    # -- shared ----------------------------------------------------------------------------------------------
    def _insert(self, w, learner_id: str, link: EvidenceLink) -> EvidenceLink:
        store.insert_link(w.db, link, w.device_id)
        w.audit("create", "evidence_link", link.id, None, link, learner_id=learner_id)
        return link

    def _set_deleted(self, link_id: str, deleted: bool) -> Changes:
        found = store.link(self._context.db, link_id)
        if found is None:
            raise ServiceError(f"no evidence link (tick) with id {link_id}")
        link = found[0]
        registration = self._context.registration(link.registration_id)
        with self._context.write() as w:
            refuse_if_unit_locked(w.db, link.registration_id, link.unit_urn,
                                  f"{'untick' if deleted else 'restore'} {link.criterion_number}")
            store.set_link_deleted(w.db, link_id, deleted, w.device_id)
            w.audit("delete" if deleted else "restore", "evidence_link", link_id, {"deleted": not deleted},
                    {"deleted": deleted}, learner_id=registration.learner_id)
        return w.changes

    def _check(self, item, registration, unit_urn: str, numbers: list[str], met_on: str | None) -> None:
        if item.deleted:
            raise ServiceError(f"evidence {item.ref} is deleted; restore it first")
        if item.learner_id != registration.learner_id:
            raise ServiceError(f"evidence {item.ref} belongs to another learner")
        if unit_urn not in registration.chosen_units:
            raise ServiceError(f"unit {unit_urn} is not on this learner's route")
        if not numbers:
            raise ServiceError("name at least one assessment criterion to map")
        for number in numbers:
            self._context.unit_of(registration, unit_urn, number)
        if met_on is not None:
            problem = check_date(met_on, "date met")
            if problem:
                raise ServiceError(problem)
