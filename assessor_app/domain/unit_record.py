"""Read model of one unit page of the Learner Assessment Record: what the screen and the PDF show."""

from __future__ import annotations

from dataclasses import dataclass

from assessor_app.domain.catalogue import Qualification, Unit, o_sorted
from assessor_app.domain.evidence import LinkFact
from assessor_app.domain.progress import coverage
from assessor_app.domain.records import CriterionTick, Learner
from assessor_app.domain.signoff import SignOff


@dataclass(frozen=True)
class CriterionRow:
    outcome_number: str
    outcome_text: str
    number: str
    text: str
    ref_no: str
    date: str

    @property
    def met(self) -> bool:
        return bool(self.date)


@dataclass(frozen=True)
class UnitRecord:
    """The unit page: header from the catalogue, one row per AC with the derived Ref No and Date
    (rule in domain/progress.py), and the footer's active sign-off, if any."""

    learner_name: str
    qualification_title: str
    qualification_number: str
    unit: Unit
    rows: tuple[CriterionRow, ...]
    signoff: SignOff | None = None

    @property
    def met_count(self) -> int:
        return sum(1 for r in self.rows if r.met)

    @property
    def signed(self) -> bool:
        return self.signoff is not None and self.signoff.active


def build_unit_record(learner: Learner, qualification: Qualification, unit: Unit,
                      ticks: list[CriterionTick], signoff: SignOff | None = None) -> UnitRecord:
    """One row per AC in printed order; Ref No and Date follow THE RULE of domain/progress.py."""
    facts = [LinkFact(t.id, t.evidence_id or t.evidence_ref, t.evidence_ref, t.registration_id, t.unit_urn, t.criterion_number,
                      t.met_on) for t in ticks if t.unit_urn == unit.urn]
    covered = coverage(facts)
    rows = []
    for outcome in o_sorted(unit.outcomes):
        for criterion in outcome.criteria:
            found = covered.get((unit.urn, criterion.number))
            rows.append(CriterionRow(
                outcome_number=outcome.number, outcome_text=outcome.text,
                number=criterion.number, text=criterion.text,
                ref_no=found.ref_no if found else "", date=found.date if found else "",
            ))
    active = signoff if signoff is not None and signoff.active else None
    return UnitRecord(learner.name, qualification.title, qualification.number, unit, tuple(rows), active)
