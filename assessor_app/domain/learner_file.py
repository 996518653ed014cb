"""Read model of everything about one learner: contact sheet, evidence register, progress, sign-offs, comments."""

from __future__ import annotations

from dataclasses import dataclass

from assessor_app.domain.evidence import Comment, EvidenceItem, EvidenceLink
from assessor_app.domain.people import Person
from assessor_app.domain.progress import Coverage, QualificationProgress
from assessor_app.domain.records import Learner, Registration
from assessor_app.domain.signoff import IvSample, SignOff


@dataclass(frozen=True)
class RegistrationFile:
    """One registration with its route's progress, per-AC coverage, active sign-offs by URN and IV samples."""

    registration: Registration
    progress: QualificationProgress
    coverage: dict[tuple[str, str], Coverage]
    signoffs: dict[str, SignOff]
    iv_samples: tuple[IvSample, ...]


@dataclass(frozen=True)
class LearnerFile:
    learner: Learner
    contacts: tuple[Person, ...]
    registrations: tuple[RegistrationFile, ...]
    evidence: tuple[EvidenceItem, ...]
    links: tuple[EvidenceLink, ...]
    comments: tuple[Comment, ...]

    def contacts_in_role(self, role: str) -> tuple[Person, ...]:
        return tuple(p for p in self.contacts if p.role == role)

    def links_of(self, evidence_id: str) -> tuple[EvidenceLink, ...]:
        return tuple(lk for lk in self.links if lk.evidence_id == evidence_id)
