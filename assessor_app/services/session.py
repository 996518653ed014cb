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
  session.audit_trail  the append-only audit trail (services/audit_trail.py)
  session.caseload     the learner list's rows and a learner's overview (services/caseload.py)
  session.profile      the assessor this installation signs for (services/profile.py)
  session.sync         sync through a folder, amendment requests, duplicate learners (services/sync.py)
Every write runs in one transaction, appends audit events and returns (result, Changes) or Changes. The GUI
and the CLI call these service objects directly: there is one way to do each thing.
"""

from __future__ import annotations

from pathlib import Path

from assessor_app.services.attachments import AttachmentService
from assessor_app.services.audit_trail import AuditTrailService
from assessor_app.services.blobs import BlobStore
from assessor_app.services.caseload import CaseloadService
from assessor_app.services.catalogue import Catalogue
from assessor_app.services.comments import CommentService
from assessor_app.services.context import Context, LockedError, ServiceError
from assessor_app.services.evidence import EvidenceService
from assessor_app.services.learners import LearnerService
from assessor_app.services.mapping import MappingService
from assessor_app.services.observation import ObservationService
from assessor_app.services.passcode import PasscodeService
from assessor_app.services.people import PeopleService
from assessor_app.services.profile import ProfileService
from assessor_app.services.progress import ProgressService
from assessor_app.services.signoff import SignOffService
from assessor_app.services.sync import SyncService
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
        self.audit_trail = AuditTrailService(self.context)
        self.caseload = CaseloadService(self.context)
        self.profile = ProfileService(self.context, self.people)
        self.sync = SyncService(self.context, self.blobs)
        signer = self.profile.current()
        if signer is not None and actor == "assessor":
            self.context.actor = signer.name

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
