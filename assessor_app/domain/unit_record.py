"""Read model of one unit page of the Learner Assessment Record: what the screen and the PDF show."""

from __future__ import annotations

from dataclasses import dataclass

from assessor_app.domain.catalogue import Qualification, Unit, o_sorted
from assessor_app.domain.records import CriterionTick, Learner


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
    learner_name: str
    qualification_title: str
    qualification_number: str
    unit: Unit
    rows: tuple[CriterionRow, ...]

    @property
    def met_count(self) -> int:
        return sum(1 for r in self.rows if r.met)


def build_unit_record(learner: Learner, qualification: Qualification, unit: Unit,
                      ticks: list[CriterionTick]) -> UnitRecord:
    """One row per AC in printed order; Ref No lists every evidence ref, Date is the earliest date the AC was met."""
    by_criterion: dict[str, list[CriterionTick]] = {}
    for tick in ticks:
        if tick.unit_urn == unit.urn:
            by_criterion.setdefault(tick.criterion_number, []).append(tick)
    rows = []
    for outcome in o_sorted(unit.outcomes):
        for criterion in outcome.criteria:
            met = sorted(by_criterion.get(criterion.number, []), key=lambda t: (t.met_on, t.evidence_ref))
            refs = list(dict.fromkeys(t.evidence_ref for t in met if t.evidence_ref))
            rows.append(CriterionRow(
                outcome_number=outcome.number, outcome_text=outcome.text,
                number=criterion.number, text=criterion.text,
                ref_no=", ".join(refs), date=met[0].met_on if met else "",
            ))
    return UnitRecord(learner.name, qualification.title, qualification.number, unit, tuple(rows))
