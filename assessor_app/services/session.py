"""The services of one open data folder, wired together: the single object the GUI and CLI talk to.

Each family of use cases is its own service object, reached as an attribute:
  session.roster       learners and registrations (services/learners.py)
  session.people       assessors, witnesses, IVs, contact sheets (services/people.py)
  session.evidence     the evidence register (services/evidence.py)
  session.mapping      evidence -> AC links, and ticks (services/mapping.py)
  session.observations an observation recorded live: start, tick, notes, finish (services/observation.py)
  session.comments     ASSESSOR COMMENTS AND FEEDBACK (services/comments.py)
  session.signoffs     unit sign-off, reopening, IV sampling (services/signoff.py)
  session.attachments  files attached to evidence (services/attachments.py)
  session.progress     Ref No / Date, progress, unit pages, the learner's file (services/progress.py)
  session.passcode     the optional local passcode (services/passcode.py)
Every write runs in one transaction, appends audit events and returns (result, Changes) or Changes.
The methods below are the skeleton's API, kept with the same signatures and meaning for the GUI.
"""

from __future__ import annotations

from pathlib import Path

from assessor_app.domain.catalogue import Qualification
from assessor_app.domain.changes import Changes
from assessor_app.domain.learner_file import LearnerFile
from assessor_app.domain.records import AuditEvent, CriterionTick, Learner, Registration
from assessor_app.domain.unit_record import UnitRecord
from assessor_app.services.attachments import AttachmentService
from assessor_app.services.blobs import BlobStore
from assessor_app.services.catalogue import Catalogue
from assessor_app.services.comments import CommentService
from assessor_app.services.context import Context, LockedError, ServiceError
from assessor_app.services.evidence import EvidenceService
from assessor_app.services.learner_import import ImportReport, LearnerImport
from assessor_app.services.learners import LearnerService
from assessor_app.services.mapping import MappingService
from assessor_app.services.observation import ObservationService
from assessor_app.services.passcode import PasscodeService
from assessor_app.services.people import PeopleService
from assessor_app.services.progress import ProgressService
from assessor_app.services.signoff import SignOffService
from assessor_app.store import records
from assessor_app.store.database import Store

__all__ = ["LockedError", "ServiceError", "Session"]


class Session:
    def __init__(self, store: Store, catalogue: Catalogue, device_id: str, actor: str = "assessor",
                 attachments_dir: Path | None = None):
        self.context = Context(store, catalogue, device_id, actor, attachments_dir)
        self.blobs = BlobStore(self.context.attachments_dir)
        self.roster = LearnerService(self.context)
        self.people = PeopleService(self.context, self.blobs)
        self.evidence = EvidenceService(self.context, self.blobs)
        self.mapping = MappingService(self.context, self.evidence)
        self.observations = ObservationService(self.context, self.evidence, self.mapping)
        self.comments = CommentService(self.context)
        self.signoffs = SignOffService(self.context)
        self.attachments = AttachmentService(self.context, self.blobs)
        self.progress = ProgressService(self.context)
        self.passcode = PasscodeService(self.context)

    @property
    def store(self) -> Store:
        return self.context.store

    @property
    def catalogue(self) -> Catalogue:
        return self.context.catalogue

    @property
    def device_id(self) -> str:
        return self.context.device_id

    @property
    def actor(self) -> str:
        """Who is writing, as the audit trail names them."""
        return self.context.actor

    @actor.setter
    def actor(self, value: str) -> None:
        self.context.actor = value

    # -- learners and registrations (see session.roster for the rest) --------------------------------------
    def learners(self) -> list[Learner]:
        return self.roster.learners()

    def learner(self, learner_id: str) -> Learner:
        return self.roster.learner(learner_id)

    def find_learner(self, reference: str) -> Learner:
        """A learner by registration number, id, or exact name."""
        return self.roster.find(reference)

    def add_learner(self, name: str, registration_no: str, **contact: str) -> tuple[Learner, Changes]:
        return self.roster.add(name, registration_no, **contact)

    def register(self, learner_id: str, qualification_number: str, chosen_units: list[str] | None = None, *,
                 allow_incomplete: bool = False) -> tuple[Registration, Changes]:
        return self.roster.register(learner_id, qualification_number, chosen_units,
                                    allow_incomplete=allow_incomplete)

    def registrations(self, learner_id: str) -> list[Registration]:
        return self.roster.registrations(learner_id)

    def registration(self, registration_id: str) -> Registration:
        return self.roster.registration(registration_id)

    def qualification_of(self, registration: Registration) -> Qualification:
        """The version of the qualification this learner is registered on, which a newer file never changes."""
        return self.context.qualification(registration)

    def on_current_version(self, registration: Registration) -> bool:
        """False when a newer file of the learner's qualification is installed than the one registered on."""
        return self.catalogue.is_current(registration.qualification_number, registration.qualification_fingerprint)

    def import_learners(self, path: Path, *, encoding: str = "utf-8",
                        dry_run: bool = False) -> tuple[ImportReport, Changes]:
        """`learners import CSV`; see services/learner_import.py."""
        return LearnerImport(self.context).run(path, encoding=encoding, dry_run=dry_run)

    # -- ticks: evidence links seen from the unit page (see session.mapping) ------------------------------
    def tick(self, registration_id: str, unit_urn: str, criterion_number: str, met_on: str,
             evidence_ref: str = "") -> tuple[CriterionTick, Changes]:
        """The AC met on `met_on` under `evidence_ref`: links the learner's item with that ref, logging an
        observation under it first if there is none (a new E<n> if the ref is empty)."""
        return self.mapping.tick(registration_id, unit_urn, criterion_number, met_on, evidence_ref)

    def untick(self, tick_id: str) -> Changes:
        """Soft delete of the tick's link: kept in the file, marked deleted, restorable."""
        return self.mapping.unlink(tick_id)

    def restore_tick(self, tick_id: str) -> Changes:
        return self.mapping.restore_link(tick_id)

    def ticks(self, registration_id: str, unit_urn: str | None = None) -> list[CriterionTick]:
        return self.mapping.ticks(registration_id, unit_urn)

    # -- read models ----------------------------------------------------------------------------------------
    def unit_record(self, registration_id: str, unit_urn: str) -> UnitRecord:
        """One unit page: rows with Ref No and Date (rule in domain/progress.py), and its active sign-off."""
        return self.progress.unit_record(registration_id, unit_urn)

    def learner_file(self, learner_id: str) -> LearnerFile:
        """Everything about one learner: contact sheet, register, progress, sign-offs, IV samples, comments."""
        return self.progress.learner_file(learner_id)

    def audit_events(self, record_id: str | None = None, limit: int | None = None) -> list[AuditEvent]:
        """The audit trail, newest first; of one record when `record_id` is given."""
        return records.audit_events(self.store.db, record_id, limit)
