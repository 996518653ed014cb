"""An observation recorded live: started, ticked, noted and questioned as it happens, then finished or discarded.

The observation is an evidence item with status "open" from its first moment, and every tick, note and
question is its own committed transaction, so closing the lid or a crash loses nothing: `open_for` finds
it again. Its Evidence Ref No is given when it starts (the register's next E<n>) and never changes.

Ticks on an open observation count at once: the unit page shows their Ref No and Date while the assessor
watches (as ticking in the unit page always did). A unit cannot be signed off on an open observation
(domain/evidence.py sign_off_gaps): it must be finished first."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date as _date
from datetime import datetime

from assessor_app.domain.changes import Changes
from assessor_app.domain.evidence import (FINAL, OBSERVATION, OPEN, EvidenceItem, EvidenceLink, QuestionAnswer,
                                          TimedNote, check_date, ref_key)
from assessor_app.services.comments import draft_for_observation
from assessor_app.services.context import Context, ServiceError
from assessor_app.services.evidence import EvidenceService
from assessor_app.services.mapping import MappingService
from assessor_app.store import evidence as store
from assessor_app.store import records, signoffs


def now_hhmm() -> str:
    return datetime.now().strftime("%H:%M")


def minutes_between(start: str, end: str) -> int | None:
    """Whole minutes from `start` to `end` (HH:MM); past midnight counts on into the next day."""
    if not (start and end):
        return None
    to_minutes = [int(part[:2]) * 60 + int(part[3:]) for part in (start, end)]
    return (to_minutes[1] - to_minutes[0]) % (24 * 60)


@dataclass(frozen=True)
class FinishPreview:
    """What finishing will record, shown to the assessor before they confirm."""

    ref: str
    date: str
    time: str
    duration_minutes: int | None
    ticks: int
    notes: int
    questions: int


@dataclass(frozen=True)
class TickSheet:
    """What a tick list shows for a learner: the chosen units of each registration, which are signed off
    (locked), the refs of evidence already covering each AC, and the ACs the item being recorded covers."""

    registration_of: dict[str, str]               # unit URN -> registration id (a unit on two routes: the first)
    units: tuple                                  # domain.catalogue.Unit, in route order
    locked: frozenset[str]
    other_refs: dict[tuple[str, str], str]        # (URN, AC) -> "E2, E7"
    ticked: dict[tuple[str, str], str]            # (URN, AC) -> link id, for the item asked about


class ObservationService:
    def __init__(self, context: Context, evidence: EvidenceService, mapping: MappingService):
        self._context = context
        self._evidence = evidence
        self._mapping = mapping

    # -- reading ---------------------------------------------------------------------------------------------
    def open_for(self, learner_id: str) -> EvidenceItem | None:
        """The learner's observation still being recorded (to resume), or None."""
        found = [i for i in self._evidence.register(learner_id) if i.status == OPEN and i.kind == OBSERVATION]
        return found[-1] if found else None

    def open_learner_ids(self) -> list[str]:
        """Learners with an observation left open (after a crash or a closed lid), to offer resuming."""
        return [row[0] for row in self._context.db.execute(
            "SELECT DISTINCT learner_id FROM evidence_item WHERE status = ? AND kind = ? AND deleted = 0 "
            "ORDER BY learner_id", [OPEN, OBSERVATION]).fetchall()]

    def links(self, evidence_id: str) -> list[EvidenceLink]:
        return self._mapping.links(evidence_id=evidence_id)

    def preview_finish(self, evidence_id: str, end_time: str | None = None) -> FinishPreview:
        item = self._open(evidence_id)
        end_time = end_time or now_hhmm()
        return FinishPreview(item.ref, item.date, item.time, minutes_between(item.time, end_time),
                             len(self.links(evidence_id)), len(item.notes), len(item.questions))

    def tick_sheet(self, learner_id: str, evidence_id: str | None = None) -> TickSheet:
        registration_of, units, locked = {}, [], set()
        for registration in records.registrations(self._context.db, learner_id):
            qualification = self._context.qualification(registration)
            locked |= signoffs.locked_units(self._context.db, registration.id)
            for urn in registration.chosen_units:
                if urn not in registration_of:
                    registration_of[urn] = registration.id
                    units.append(qualification.unit(urn))
        other_refs: dict[tuple[str, str], list[str]] = {}
        ticked = {}
        refs = {item.id: item.ref for item in self._evidence.register(learner_id)}
        for link in self._mapping.links(learner_id=learner_id):
            key = (link.unit_urn, link.criterion_number)
            if link.evidence_id == evidence_id:
                ticked[key] = link.id
            elif link.evidence_id in refs:
                other_refs.setdefault(key, []).append(refs[link.evidence_id])
        return TickSheet(registration_of, tuple(units), frozenset(locked),
                         {key: ", ".join(sorted(set(found), key=ref_key)) for key, found in other_refs.items()}, ticked)

    # -- recording -------------------------------------------------------------------------------------------
    def start(self, learner_id: str, *, on: str | None = None, time: str | None = None, location: str = "",
              activity: str = "", person_ids: tuple[str, ...] = ()) -> tuple[EvidenceItem, Changes]:
        """Open an observation under the register's next Ref No. `on` defaults to today and may not be in the
        future; `time` defaults to now. Refused while the learner has one open already (resume that one)."""
        on = on or _date.today().isoformat()
        problem = check_date(on, "observation date")
        if problem:
            raise ServiceError(problem)
        if on > _date.today().isoformat():
            raise ServiceError(f"the observation date {on} is in the future")
        already = self.open_for(learner_id)
        if already is not None:
            raise ServiceError(f"observation {already.ref} of this learner is still open: resume or discard it first")
        return self._evidence.add(learner_id, OBSERVATION, on, draft_comment=False, status=OPEN,
                                  time=time if time is not None else now_hhmm(), location=location,
                                  activity=activity, person_ids=list(person_ids))

    def update(self, evidence_id: str, **fields) -> tuple[EvidenceItem, Changes]:
        """Change the open observation's details (date, time, location, activity, title, narrative...)."""
        self._open(evidence_id)
        if "date" in fields and fields["date"] > _date.today().isoformat():
            raise ServiceError(f"the observation date {fields['date']} is in the future")
        return self._evidence.update(evidence_id, **fields)

    def add_note(self, evidence_id: str, text: str, at: str | None = None) -> tuple[TimedNote, Changes]:
        """A line of notes, stamped with the time it was typed (now, unless `at` says otherwise)."""
        item = self._open(evidence_id)
        if not text.strip():
            raise ServiceError("a note needs some text")
        note = TimedNote(at or now_hhmm(), text.strip())
        _, changes = self._evidence.update(evidence_id, notes=list(item.notes) + [note])
        return note, changes

    def set_notes(self, evidence_id: str, notes) -> Changes:
        """All the notes at once (editing or removing a line; undo of add_note)."""
        self._open(evidence_id)
        return self._evidence.update(evidence_id, notes=notes)[1]

    def ask(self, evidence_id: str, question: str, answer: str = "") -> tuple[int, Changes]:
        """A question put to the learner (and their answer, now or later): returns its position."""
        item = self._open(evidence_id)
        if not question.strip():
            raise ServiceError("a question needs its text")
        questions = list(item.questions) + [QuestionAnswer(question.strip(), answer.strip())]
        return len(questions) - 1, self._evidence.update(evidence_id, questions=questions)[1]

    def set_questions(self, evidence_id: str, questions) -> Changes:
        self._open(evidence_id)
        return self._evidence.update(evidence_id, questions=questions)[1]

    def tick(self, evidence_id: str, registration_id: str, unit_urn: str,
             criterion_number: str) -> tuple[EvidenceLink, Changes]:
        """The AC seen met in this observation (refused on a signed-off unit). Inverse: untick(link id)."""
        self._open(evidence_id)
        made, changes = self._mapping.link(evidence_id, registration_id, unit_urn, [criterion_number])
        if not made:
            raise ServiceError(f"{criterion_number} is already ticked in this observation")
        return made[0], changes

    def untick(self, link_id: str) -> Changes:
        return self._mapping.unlink(link_id)

    def retick(self, link_id: str) -> Changes:
        return self._mapping.restore_link(link_id)

    # -- ending ----------------------------------------------------------------------------------------------
    def finish(self, evidence_id: str, end_time: str | None = None) -> tuple[EvidenceItem, Changes]:
        """One finished evidence item: its duration from the start time to `end_time` (now), and the draft
        feedback row on the comments log, in one transaction; its title is the activity unless one was given. Signatures are added after (evidence.sign)."""
        item = self._open(evidence_id)
        duration = minutes_between(item.time, end_time or now_hhmm())
        finished = replace(item, status=FINAL, title=item.title or item.activity,
                           duration_minutes=item.duration_minutes if duration is None else duration)
        with self._context.write() as w:
            current = store.item(w.db, evidence_id)
            if current.status != OPEN:
                raise ServiceError(f"observation {item.ref} is already finished")
            self._evidence.update_in(w, current, replace(finished, attachments=current.attachments))
            draft_for_observation(w, finished)
        return self._evidence.item(evidence_id), w.changes

    def discard(self, evidence_id: str) -> Changes:
        """Throw the open observation away (a soft delete, with its ticks). Inverse: restore."""
        self._open(evidence_id)
        return self._evidence.delete(evidence_id)

    def restore(self, evidence_id: str) -> Changes:
        return self._evidence.restore(evidence_id)

    def _open(self, evidence_id: str) -> EvidenceItem:
        item = self._evidence.item(evidence_id)
        if item.kind != OBSERVATION or item.status != OPEN:
            raise ServiceError(f"evidence {item.ref} is not an observation being recorded")
        if item.deleted:
            raise ServiceError(f"observation {item.ref} was discarded")
        return item
