"""Read model of a whole Learner Assessment Record: everything the PDF prints, frozen, with its fingerprint."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from assessor_app.domain.catalogue import Qualification, Unit
from assessor_app.domain.evidence import OBSERVATION, PROFESSIONAL_DISCUSSION, QUESTIONING, WITNESS_TESTIMONY
from assessor_app.domain.people import ASSESSOR, IV, WITNESS  # noqa: F401 - re-exported: the roles of Person.role
from assessor_app.domain.records import ContactDetails
from assessor_app.domain.unit_record import CriterionRow

# The evidence kinds that are printed after the record as a signed form of their own.
FORM_KINDS = (OBSERVATION, WITNESS_TESTIMONY, PROFESSIONAL_DISCUSSION, QUESTIONING)


# The learner's CONTACT SHEET fields: the same class the records use, without the record's id.
LearnerContact = ContactDetails


@dataclass(frozen=True)
class Person:
    """Someone on the contact sheet: a witness, an assessor or an internal verifier, with a specimen signature."""

    name: str
    role: str  # WITNESS, ASSESSOR or IV
    job_title: str = ""
    signature_png: bytes | None = None


@dataclass(frozen=True)
class SignOff:
    assessor_name: str
    pin: str
    date: str  # ISO date
    signature_png: bytes | None = None


@dataclass(frozen=True)
class IvSample:
    iv_name: str
    date: str
    decision: str  # as printed, e.g. "Agreed", "Referred back"
    feedback: str = ""
    actions: str = ""
    signature_png: bytes | None = None


@dataclass(frozen=True)
class UnitEntry:
    """One chosen unit: its catalogue text, one row per AC with Ref No and Date, and its sign-off."""

    unit: Unit
    rows: tuple[CriterionRow, ...]
    signoff: SignOff | None = None
    iv_sample: IvSample | None = None


@dataclass(frozen=True)
class Comment:
    """A row of the comments sheet; a `draft` (logged with an observation, not yet finished) prints marked so."""

    date: str
    evidence_refs: tuple[str, ...]
    text: str
    author: str = ""
    draft: bool = False


@dataclass(frozen=True)
class Attachment:
    name: str
    size: int
    sha256: str
    media_type: str = ""


@dataclass(frozen=True)
class EvidencePerson:
    name: str
    role: str  # free text: "witness", "assessor", "learner", "line manager", ...
    job_title: str = ""
    relationship: str = ""  # a witness's relationship to the learner


@dataclass(frozen=True)
class AcRef:
    """One AC an evidence item covers, named as the printed record names it: unit ref and AC number."""

    unit_ref: str
    number: str
    text: str = ""  # the AC's wording, printed on the evidence forms


@dataclass(frozen=True)
class QuestionAnswer:
    question: str
    answer: str


@dataclass(frozen=True)
class FormSignature:
    """A signature on an evidence form: who, in what capacity, when, and the drawn image if there is one."""

    role: str
    name: str
    date: str
    signature_png: bytes | None = None
    signed: bool = True  # False: a row left for someone who has not signed yet


@dataclass(frozen=True)
class TimedNote:
    time: str
    text: str


@dataclass(frozen=True)
class EvidenceItem:
    """One evidence item as printed: `kind` is the domain's key (domain/evidence.py), `kind_label` its wording."""

    ref: str
    date: str
    kind: str
    title: str
    narrative: str = ""
    kind_label: str = ""
    time: str = ""
    duration_minutes: int | None = None
    location: str = ""
    expert_witness: bool = False
    document_location: str = ""
    document_relevance: str = ""
    people: tuple[EvidencePerson, ...] = ()
    criteria: tuple[AcRef, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    questions: tuple[QuestionAnswer, ...] = ()
    signatures: tuple[FormSignature, ...] = ()
    activity: str = ""
    notes: tuple[TimedNote, ...] = ()
    topics: str = ""
    word_count: int | None = None
    status: str = "final"  # "open": an observation still being recorded

    @property
    def is_form(self) -> bool:
        return self.kind in FORM_KINDS

    @property
    def label(self) -> str:
        return self.kind_label or self.kind.replace("_", " ").capitalize()


@dataclass(frozen=True)
class GroupCredits:
    group_name: str
    caption: str
    chosen_credits: int
    achieved_credits: int


@dataclass(frozen=True)
class LarRecord:
    """One learner's record on one registration, as printed; `fingerprint` is set by `sealed`."""

    qualification: Qualification
    document_title: str
    document_version: str
    centre_name: str
    learner: LearnerContact
    people: tuple[Person, ...]
    units: tuple[UnitEntry, ...]
    comments: tuple[Comment, ...] = ()
    evidence: tuple[EvidenceItem, ...] = ()
    group_credits: tuple[GroupCredits, ...] = ()
    fingerprint: str = ""
    cover_note: str = ""  # the source document's own note on its cover, where it prints one
    # (device id, last audit event hash) of every device's audit chain: the fingerprint then pins the exact
    # audit trail the record was printed from (store/audit_chain.py).
    audit_heads: tuple[tuple[str, str], ...] = ()

    @property
    def chosen_urns(self) -> frozenset[str]:
        return frozenset(entry.unit.urn for entry in self.units)

    def people_in_role(self, role: str) -> tuple[Person, ...]:
        return tuple(p for p in self.people if p.role == role)


# A signature image whose stored file is missing or damaged stands in the read model as these bytes and its hash,
# so the PDF can print "signature image missing: <hash>" in its place and the fingerprint tells it apart.
MISSING_IMAGE = b"assessor-app:missing-image:"


def missing_image(sha256: str) -> bytes:
    return MISSING_IMAGE + sha256.encode("ascii")


def missing_image_sha256(png: bytes | None) -> str | None:
    """The hash of the image a stand-in from missing_image() replaces; None for a real image or none."""
    return png[len(MISSING_IMAGE):].decode("ascii") if png and png.startswith(MISSING_IMAGE) else None


def missing_images(value: Any) -> list[str]:
    """The hashes of every missing image anywhere in the read model, in the order they are printed."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [h for f in dataclasses.fields(value) for h in missing_images(getattr(value, f.name))]
    if isinstance(value, (list, tuple)):
        return [h for v in value for h in missing_images(v)]
    found = missing_image_sha256(value) if isinstance(value, bytes) else None
    return [found] if found else []


def structure_order(qualification: Qualification, urns) -> list[Unit]:
    """The chosen units in the order the structure page lists them (group by group), then any ungrouped."""
    wanted = set(urns)
    order = [urn for g in qualification.groups for urn in g.units] + [u.urn for u in qualification.units]
    return [qualification.unit(urn) for urn in dict.fromkeys(order) if urn in wanted]


def group_credits(qualification: Qualification, units: tuple[UnitEntry, ...]) -> tuple[GroupCredits, ...]:
    """Credits of the chosen units per group, and of those signed off (a unit is achieved when signed off)."""
    chosen = {entry.unit.urn: entry for entry in units}
    result = []
    for group in qualification.groups:
        entries = [chosen[urn] for urn in group.units if urn in chosen]
        result.append(GroupCredits(
            group.name, group.caption,
            sum(e.unit.credit or 0 for e in entries),
            sum(e.unit.credit or 0 for e in entries if e.signoff is not None),
        ))
    return tuple(result)


# A correction of this kind replaces a garbled AC text with a likely wording: printed marked, with this footnote.
INFERRED_KIND = "wording-inferred"
INFERRED_MARK = "†"
INFERRED_FOOTNOTE = "wording inferred, check against the awarding body's specification"

# The signatures each form's kind expects before the record is complete.
EXPECTED_SIGNERS = {OBSERVATION: ("assessor", "learner"), WITNESS_TESTIMONY: ("witness",),
                    PROFESSIONAL_DISCUSSION: ("assessor", "learner"), QUESTIONING: ("assessor", "learner")}

DRAFT_COMMENT, NO_NARRATIVE, UNSIGNED, DATED_EARLY, OPEN_OBSERVATION = (
    "draft comment", "no narrative", "unsigned", "dated before its evidence", "open observation")


@dataclass(frozen=True)
class Gap:
    """Something the exported record shows as incomplete, and where to go to finish it."""

    kind: str
    message: str
    evidence_ref: str = ""
    unit_urn: str = ""
    criterion: str = ""


def inferred_criteria(qualification: Qualification, urn: str) -> frozenset[str]:
    """Numbers of the unit's ACs whose text the qualification file gives as an inferred wording."""
    prefix = f"units[{urn}]."
    return frozenset(str(c.get("where", "")).rsplit("criteria[", 1)[-1].rstrip("]")
                     for c in qualification.corrections
                     if c.get("kind") == INFERRED_KIND and c.get("field") == "text"
                     and str(c.get("where", "")).startswith(prefix) and "criteria[" in str(c.get("where", "")))


def review_notes(qualification: Qualification, urn: str) -> dict[str, str]:
    """The file's review notes by AC number (Qualification.review_notes); an AC with an inferred wording has its
    note begin with INFERRED_FOOTNOTE, which the window shows with INFERRED_MARK as the PDF does."""
    notes = qualification.review_notes(urn)
    for number in inferred_criteria(qualification, urn):
        notes[number] = f"{INFERRED_FOOTNOTE[0].upper()}{INFERRED_FOOTNOTE[1:]}. {notes.get(number, '')}".strip()
    return notes


def _signature_gaps(item: EvidenceItem) -> list[Gap]:
    signed = {s.role for s in item.signatures if s.signed}
    missing = [role for role in EXPECTED_SIGNERS.get(item.kind, ()) if role not in signed]
    if not missing:
        return []
    return [Gap(UNSIGNED, f"{item.ref} ({item.label.lower()}) is not signed by the {' or the '.join(missing)}",
                evidence_ref=item.ref)]


def incomplete(record: LarRecord) -> tuple[Gap, ...]:
    """What the record prints as unfinished: draft comments, evidence without a narrative, forms without the
    signatures their kind expects, observations still open, ACs dated before the evidence they cite."""
    gaps = [Gap(DRAFT_COMMENT, f"draft comment of {c.date} ({', '.join(c.evidence_refs) or 'no evidence'}) "
                               "is printed marked as a draft", evidence_ref=(c.evidence_refs or ("",))[0])
            for c in record.comments if c.draft]
    dates = {item.ref: item.date for item in record.evidence}
    for item in record.evidence:
        if item.status == "open":
            gaps.append(Gap(OPEN_OBSERVATION, f"{item.ref} (observation) is still open", evidence_ref=item.ref))
        answered = any(qa.answer.strip() for qa in item.questions)
        if not item.narrative.strip() and not (item.kind == QUESTIONING and answered):
            gaps.append(Gap(NO_NARRATIVE, f"{item.ref} ({item.label.lower()}) has no narrative",
                            evidence_ref=item.ref))
        if item.is_form:
            gaps += _signature_gaps(item)
    for entry in record.units:
        for row in entry.rows:
            cited = [dates[ref] for ref in row.ref_no.split(", ") if ref in dates]
            if row.date and cited and row.date < min(cited):
                gaps.append(Gap(DATED_EARLY, f"{entry.unit.name} AC {row.number} is dated {row.date}, before its "
                                             f"evidence {row.ref_no} ({min(cited)})",
                                unit_urn=entry.unit.urn, criterion=row.number, evidence_ref=row.ref_no.split(", ")[0]))
    return tuple(gaps)


def _plain(value: Any) -> Any:
    """JSON-ready form of the read model; images count by their hash so the JSON stays small."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name != "fingerprint" and not (f.name == "audit_heads" and not value.audit_heads)}
    if isinstance(value, bytes):
        return {"sha256": hashlib.sha256(value).hexdigest()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def canonical_json(record: LarRecord) -> str:
    return json.dumps(_plain(record), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def fingerprint_of(record: LarRecord) -> str:
    """First 12 hex digits of SHA-256 over the canonical JSON: short enough to read aloud, long enough to differ."""
    return hashlib.sha256(canonical_json(record).encode("utf-8")).hexdigest()[:12]


def sealed(record: LarRecord) -> LarRecord:
    return dataclasses.replace(record, fingerprint=fingerprint_of(record))
