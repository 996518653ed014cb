"""Evidence items: their kinds, kind-specific fields and checks, links to criteria, and Evidence Ref Nos."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as _date

OBSERVATION = "observation"
WITNESS_TESTIMONY = "witness_testimony"
PROFESSIONAL_DISCUSSION = "professional_discussion"
QUESTIONING = "questioning"
PRODUCT = "product"
REFLECTIVE_ACCOUNT = "reflective_account"
REPORT = "report"
WORKPLACE_DOCUMENT = "workplace_document"
RPL = "rpl"
OTHER = "other"


@dataclass(frozen=True)
class KindSpec:
    """How one kind of evidence is recorded. `timed`: time and duration apply. `oral`: the assessor's
    account (narrative or questions and answers) is the evidence, so it must be written before the
    unit is signed (Pearson: observation records "with sufficient detail to show why...")."""

    kind: str
    label: str
    timed: bool
    oral: bool


KINDS: dict[str, KindSpec] = {spec.kind: spec for spec in (
    KindSpec(OBSERVATION, "Observation", timed=True, oral=True),
    KindSpec(WITNESS_TESTIMONY, "Witness testimony", timed=False, oral=True),
    KindSpec(PROFESSIONAL_DISCUSSION, "Professional discussion", timed=True, oral=True),
    KindSpec(QUESTIONING, "Questioning record", timed=True, oral=True),
    KindSpec(PRODUCT, "Product", timed=False, oral=False),
    KindSpec(REFLECTIVE_ACCOUNT, "Reflective account", timed=False, oral=False),
    KindSpec(REPORT, "Report / assignment", timed=False, oral=False),
    KindSpec(WORKPLACE_DOCUMENT, "Workplace document held on site", timed=False, oral=False),
    KindSpec(RPL, "Recognition of prior learning", timed=False, oral=False),
    KindSpec(OTHER, "Other", timed=False, oral=False),
)}

REF_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,19}$")
_TIME_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_AUTO_REF = re.compile(r"^E(\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class QuestionAnswer:
    question: str
    answer: str = ""


@dataclass(frozen=True)
class TimedNote:
    """One line of an assessor's notes, stamped with the time it was typed (HH:MM)."""

    time: str
    text: str


OPEN = "open"      # an observation still being recorded: stored as it goes, finished later
FINAL = "final"    # a finished item of the register
STATUSES = (OPEN, FINAL)


@dataclass(frozen=True)
class Attachment:
    """A file attached to an evidence item; its bytes live once in the data folder under `sha256`."""

    id: str
    evidence_id: str
    sha256: str
    name: str
    media_type: str
    size: int


@dataclass(frozen=True)
class EvidenceItem:
    """One entry of the learner's evidence register, known on paper by its Evidence Ref No (`ref`)."""

    id: str
    learner_id: str
    ref: str
    kind: str
    date: str
    title: str = ""
    time: str = ""
    duration_minutes: int | None = None
    location: str = ""
    narrative: str = ""
    expert_witness: bool = False
    document_location: str = ""
    document_relevance: str = ""
    questions: tuple[QuestionAnswer, ...] = ()
    person_ids: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    deleted: bool = False
    activity: str = ""
    notes: tuple[TimedNote, ...] = ()
    topics: str = ""
    word_count: int | None = None
    status: str = FINAL

    @property
    def label(self) -> str:
        return KINDS[self.kind].label if self.kind in KINDS else self.kind


LEARNER = "learner"  # the signer of a form who is not a person record: the learner the evidence belongs to


@dataclass(frozen=True)
class EvidenceSignature:
    """A signature on an evidence item's form: in what role, by whom (`person_id` None for the learner), on what
    date, and the stored image (by SHA-256, like specimen signatures). Never changed once made."""

    id: str
    evidence_id: str
    role: str  # the person's role when they signed ("assessor", "witness", "iv"), or LEARNER
    person_id: str | None
    name: str
    signed_on: str
    signature_sha256: str


# Fields a caller may set on an evidence item (everything but identity, owner and derived parts).
EDITABLE_FIELDS = ("kind", "date", "title", "time", "duration_minutes", "location", "narrative", "expert_witness",
                   "document_location", "document_relevance", "questions", "person_ids", "activity", "notes",
                   "topics", "word_count", "status")


@dataclass(frozen=True)
class EvidenceLink:
    """Evidence item -> assessment criterion. `met_on` is None when the AC was met on the evidence's date."""

    id: str
    evidence_id: str
    registration_id: str
    unit_urn: str
    criterion_number: str
    met_on: str | None = None


@dataclass(frozen=True)
class LinkFact:
    """A live link joined with its evidence item: what the derived Ref No and Date are computed from."""

    link_id: str
    evidence_id: str
    evidence_ref: str
    registration_id: str
    unit_urn: str
    criterion_number: str
    date: str  # the link's own date if it has one, else the evidence item's date


def ref_key(ref: str) -> tuple:
    """Natural order of refs: E2 before E10; refs of other shapes after, alphabetically."""
    match = _AUTO_REF.match(ref)
    return (0, int(match.group(1)), "") if match else (1, 0, ref.casefold())


def next_ref(existing: Iterable[str]) -> str:
    """The next automatic ref, E<n+1>, above every E<n> ever used (deleted items keep theirs, so none is reused)."""
    numbers = [int(m.group(1)) for ref in existing if (m := _AUTO_REF.match(ref))]
    return f"E{max(numbers, default=0) + 1}"


def check_ref(ref: str) -> str | None:
    """Why `ref` cannot be an Evidence Ref No, or None. Commas are refused: the printed Ref No joins refs with them."""
    if not ref:
        return "an Evidence Ref No cannot be empty"
    if not REF_PATTERN.match(ref):
        return (f"Evidence Ref No {ref!r} must be 1-20 letters, digits, spaces or . / _ - "
                "and start with a letter or digit")
    return None


def check_date(value: str, what: str = "date") -> str | None:
    try:
        _date.fromisoformat(value)
    except (TypeError, ValueError):
        return f"{what} {value!r} is not a date like 2026-03-31"
    if len(value) != 10:
        return f"{what} {value!r} is not a date like 2026-03-31"
    return None


def item_problems(item: EvidenceItem, roles: dict[str, str]) -> list[str]:
    """Why `item` cannot be stored as it is (empty when it can). `roles` maps each of its person ids to a role."""
    problems = []
    spec = KINDS.get(item.kind)
    if spec is None:
        return [f"unknown kind of evidence {item.kind!r} (known: {', '.join(KINDS)})"]
    for problem in (check_ref(item.ref), check_date(item.date, "evidence date")):
        if problem:
            problems.append(problem)
    if item.time and not _TIME_PATTERN.match(item.time):
        problems.append(f"time {item.time!r} is not a time like 09:30")
    if item.duration_minutes is not None and (not isinstance(item.duration_minutes, int)
                                              or item.duration_minutes < 0):
        problems.append(f"duration {item.duration_minutes!r} must be a whole number of minutes, 0 or more")
    if (item.time or item.duration_minutes) and not spec.timed:
        problems.append(f"a {spec.label.lower()} has no time or duration")
    if item.expert_witness and item.kind != WITNESS_TESTIMONY:
        problems.append("only a witness testimony can be an expert witness testimony")
    missing_people = [p for p in item.person_ids if p not in roles]
    if missing_people:
        problems.append(f"no person with id {', '.join(missing_people)}")
    if item.kind == WITNESS_TESTIMONY and not any(roles.get(p) == "witness" for p in item.person_ids):
        problems.append("a witness testimony needs its witness (a person with the witness role)")
    if item.kind == WORKPLACE_DOCUMENT:
        if not item.document_location.strip():
            problems.append("a workplace document held on site needs where it can be found")
        if not item.document_relevance.strip():
            problems.append("a workplace document held on site needs its relevance to the criteria")
    if item.kind == QUESTIONING and not any(q.question.strip() for q in item.questions):
        problems.append("a questioning record needs at least one question")
    if any(not q.question.strip() for q in item.questions):
        problems.append("every question needs its text")
    if item.activity and not spec.timed:
        problems.append(f"a {spec.label.lower()} has no activity observed")
    if any(not _TIME_PATTERN.match(note.time) for note in item.notes):
        problems.append("every note needs the time it was made, like 09:30")
    if item.word_count is not None and (not isinstance(item.word_count, int) or item.word_count < 0):
        problems.append(f"word count {item.word_count!r} must be a whole number, 0 or more")
    if item.status not in STATUSES:
        problems.append(f"unknown status {item.status!r} (known: {', '.join(STATUSES)})")
    if item.status == OPEN and item.kind != OBSERVATION:
        problems.append("only an observation can be left open while it is recorded")
    return problems


def sign_off_gaps(item: EvidenceItem) -> list[str]:
    """What `item` lacks before a unit relying on it may be signed off (records made live may be completed later)."""
    spec = KINDS[item.kind]
    gaps = []
    if item.status == OPEN:
        # Ticks made live count on the unit page at once, but a unit is signed on finished records only.
        gaps.append(f"{item.ref} ({spec.label.lower()}) is still being recorded: finish it first")
    answered = any(q.answer.strip() for q in item.questions)
    if spec.oral and not item.narrative.strip() and not answered:
        gaps.append(f"{item.ref} ({spec.label.lower()}) has no narrative or answered questions")
    if item.kind == QUESTIONING and any(not q.answer.strip() for q in item.questions):
        gaps.append(f"{item.ref} (questioning record) has unanswered questions")
    if item.kind in (PRODUCT, REFLECTIVE_ACCOUNT, REPORT) and not item.attachments and not item.narrative.strip():
        gaps.append(f"{item.ref} ({spec.label.lower()}) has neither an attachment nor a narrative")
    return gaps


def questions_from(raw: Iterable) -> tuple[QuestionAnswer, ...]:
    """Questions from QuestionAnswer objects, (question, answer) pairs or {"question", "answer"} dicts."""
    result = []
    for entry in raw or ():
        if isinstance(entry, QuestionAnswer):
            result.append(entry)
        elif isinstance(entry, dict):
            result.append(QuestionAnswer(str(entry.get("question", "")), str(entry.get("answer", ""))))
        else:
            question, *rest = entry
            result.append(QuestionAnswer(str(question), str(rest[0]) if rest else ""))
    return tuple(result)


def notes_from(raw: Iterable) -> tuple[TimedNote, ...]:
    """Notes from TimedNote objects, (time, text) pairs or {"time", "text"} dicts."""
    result = []
    for entry in raw or ():
        if isinstance(entry, TimedNote):
            result.append(entry)
        elif isinstance(entry, dict):
            result.append(TimedNote(str(entry.get("time", "")), str(entry.get("text", ""))))
        else:
            time, text = entry
            result.append(TimedNote(str(time), str(text)))
    return tuple(result)


def sorted_items(items: Iterable[EvidenceItem]) -> list[EvidenceItem]:
    return sorted(items, key=lambda i: ref_key(i.ref))


@dataclass(frozen=True)
class Comment:
    """A row of ASSESSOR COMMENTS AND FEEDBACK: Date | Evidence Ref. No. | Assessor Comments."""

    id: str
    learner_id: str
    date: str
    text: str
    evidence_ids: tuple[str, ...] = ()
    evidence_refs: tuple[str, ...] = field(default=(), compare=False)
    draft: bool = False


def draft_observation_comment(item: EvidenceItem) -> str:
    """The draft comment logged with an observation, for the assessor to complete (000:1630: one row per
    observation, with its date and evidence number)."""
    when = ", ".join(part for part in (item.time, f"{item.duration_minutes} min" if item.duration_minutes else "",
                                       item.location) if part)
    head = f"Observation {item.ref}" + (f" ({when})" if when else "") + (f": {item.title}." if item.title else ".")
    body = item.narrative.strip()
    return f"{head} {body}".strip() + "\nFeedback to the learner: "
