"""Unit sign-off and IV sampling: the records, the rules for signing, and the digest of the evidence signed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from assessor_app.domain.catalogue import Unit
from assessor_app.domain.evidence import EvidenceItem, EvidenceLink, ref_key, sign_off_gaps
from assessor_app.domain.progress import Coverage, unit_progress
from assessor_app.domain.records import uk_date

AGREED = "agreed"
REFERRED_BACK = "referred_back"
DECISIONS = {AGREED: "Agreed", REFERRED_BACK: "Referred back"}
# Version 2 adds the visit fields of migration 4 (activity, timed notes, topics, word count, status): the assessor
# signs them too. A version 1 digest is the bare hex of the first release; later ones carry "v<N>:" so a sign-off
# made before keeps verifying by the computation it was made with, and the stored text syncs like any other value.
DIGEST_VERSION = 2
_VISIT_FIELDS_FROM = 2


@dataclass(frozen=True)
class Reopening:
    """A sign-off voided so the unit can be changed again; the reason is kept for the IV and EQA."""

    id: str
    signoff_id: str
    reason: str
    reopened_on: str
    actor: str


@dataclass(frozen=True)
class SignOff:
    """ASSESSOR SIGNATURE / PIN NO / DATE of a unit page. Never edited: `reopening` voids it."""

    id: str
    registration_id: str
    unit_urn: str
    assessor_id: str
    assessor_name: str
    pin_no: str
    signed_on: str
    signature_sha256: str | None
    digest: str
    reopening: Reopening | None = None

    @property
    def active(self) -> bool:
        return self.reopening is None


@dataclass(frozen=True)
class IvSample:
    """An internal verifier's sampling of a unit: decision, feedback, actions if referred back, countersignature."""

    id: str
    registration_id: str
    unit_urn: str
    signoff_id: str | None
    iv_id: str
    iv_name: str
    sampled_on: str
    decision: str
    feedback: str = ""
    actions: str = ""
    countersigned_on: str | None = None
    countersignature_sha256: str | None = None

    @property
    def countersigned(self) -> bool:
        return self.countersigned_on is not None


def evidence_state(unit: Unit, links: Iterable[EvidenceLink], items: dict[str, EvidenceItem],
                   version: int = DIGEST_VERSION) -> dict:
    """Everything a unit's sign-off vouches for, in a canonical form: each live link (AC, evidence, date)
    and every field, person and attachment hash of each evidence item those links use (as `version` counts them)."""
    live = [lk for lk in links if lk.unit_urn == unit.urn and lk.evidence_id in items]
    used = sorted({lk.evidence_id for lk in live})
    return {
        "unit": unit.urn,
        "criteria": sorted(c.number for c in unit.criteria),
        "links": sorted([lk.criterion_number, lk.evidence_id, lk.met_on or ""] for lk in live),
        "evidence": [_item_state(items[i], version) for i in used],
    }


def _item_state(item: EvidenceItem, version: int) -> dict:
    state = {
        "id": item.id, "ref": item.ref, "kind": item.kind, "date": item.date, "title": item.title,
        "time": item.time, "duration_minutes": item.duration_minutes, "location": item.location,
        "narrative": item.narrative, "expert_witness": item.expert_witness,
        "document_location": item.document_location, "document_relevance": item.document_relevance,
        "questions": [[q.question, q.answer] for q in item.questions],
        "people": sorted(item.person_ids),
        "attachments": sorted([a.sha256, a.name] for a in item.attachments),
    }
    if version >= _VISIT_FIELDS_FROM:
        state.update(activity=item.activity, notes=[[n.time, n.text] for n in item.notes], topics=item.topics,
                     word_count=item.word_count, status=item.status)
    return state


def evidence_digest(state: dict, version: int = DIGEST_VERSION) -> str:
    """SHA-256 of the canonical JSON of an evidence state: equal states, equal digests, on any machine; marked
    with its version from version 2 on. Pass the same `version` the state was made with."""
    text = json.dumps(state, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    hexdigest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return hexdigest if version == 1 else f"v{version}:{hexdigest}"


def digest_version(digest: str) -> int:
    """Which computation made a stored digest: 1 for the bare hex of sign-offs made before versioning."""
    head, sep, _ = digest.partition(":")
    return int(head[1:]) if sep and head.startswith("v") and head[1:].isdigit() else 1


def sign_off_problems(unit: Unit, covered: dict[tuple[str, str], Coverage], items: Iterable[EvidenceItem],
                      signed_on: str) -> list[str]:
    """Why the unit cannot be signed now (empty when it can): every AC must be covered by live evidence,
    the evidence relied on must be complete, and the sign-off cannot predate the evidence it signs."""
    problems = []
    progress = unit_progress(unit, covered)
    if progress.missing:
        problems.append(f"{len(progress.missing)} of {progress.total} criteria of unit {unit.ref} have no "
                        f"evidence: {', '.join(progress.missing)}")
    used = list(items)
    for item in sorted(used, key=lambda i: ref_key(i.ref)):
        problems.extend(sign_off_gaps(item))
    dates = [c.date for (urn, _), c in covered.items() if urn == unit.urn] + [i.date for i in used]
    latest = max(dates, default="")
    if latest and signed_on < latest:
        problems.append(f"the sign-off date {uk_date(signed_on)} is before the evidence it signs "
                        f"(criteria met on {uk_date(latest)})")
    return problems
