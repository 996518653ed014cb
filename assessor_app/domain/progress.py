"""Derived per-AC Ref No and Date, and progress (what is covered, what is missing) per LO, unit and qualification.

THE RULE (printed "Ref No" and "Date" columns of a unit page):
- Only live links count: neither the link nor its evidence item is deleted.
- Ref No: the Evidence Ref No of every evidence item linked to the AC, each once, ordered by the date it met
  the AC, then in natural ref order (E2 before E10), joined with ", " (e.g. "E3, E7").
- Date: the date the AC was FIRST met, i.e. the earliest of those dates. A link's date is its own met-on
  date when it has one (a tick made on another day), else the evidence item's date. Later evidence adds
  refs but never moves the date, so a signed page never changes because more evidence arrives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assessor_app.domain.catalogue import Qualification, Unit, number_key, o_sorted
from assessor_app.domain.evidence import LinkFact, ref_key
from assessor_app.domain.rules import tally_achieved


@dataclass(frozen=True)
class Coverage:
    """What the links say about one AC."""

    unit_urn: str
    criterion_number: str
    refs: tuple[str, ...]
    date: str
    evidence_ids: tuple[str, ...]

    @property
    def ref_no(self) -> str:
        return ", ".join(self.refs)


def coverage(links: Iterable[LinkFact]) -> dict[tuple[str, str], Coverage]:
    """Coverage per (unit URN, AC number) under THE RULE in this module's docstring."""
    grouped: dict[tuple[str, str], list[LinkFact]] = {}
    for link in links:
        grouped.setdefault((link.unit_urn, link.criterion_number), []).append(link)
    result = {}
    for key, facts in grouped.items():
        facts.sort(key=lambda f: (f.date, ref_key(f.evidence_ref)))
        refs = tuple(dict.fromkeys(f.evidence_ref for f in facts if f.evidence_ref))
        ids = tuple(dict.fromkeys(f.evidence_id for f in facts))
        result[key] = Coverage(key[0], key[1], refs, facts[0].date, ids)
    return result


@dataclass(frozen=True)
class OutcomeProgress:
    number: str
    text: str
    covered: int
    total: int
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return self.covered == self.total


@dataclass(frozen=True)
class UnitProgress:
    """A unit's ACs covered by evidence, the ones still missing by LO, and whether it is signed off.
    A unit is achieved only when every AC is covered and the assessor has signed it (R16)."""

    urn: str
    ref: str
    title: str
    credit: int | None
    covered: int
    total: int
    outcomes: tuple[OutcomeProgress, ...]
    signed: bool = False

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(n for o in self.outcomes for n in o.missing)

    @property
    def all_covered(self) -> bool:
        return self.covered == self.total

    @property
    def achieved(self) -> bool:
        return self.signed and self.all_covered


def unit_progress(unit: Unit, covered: dict[tuple[str, str], Coverage], signed: bool = False) -> UnitProgress:
    outcomes = []
    for outcome in o_sorted(unit.outcomes):
        numbers = [c.number for c in sorted(outcome.criteria, key=lambda c: number_key(c.number))]
        missing = tuple(n for n in numbers if (unit.urn, n) not in covered)
        outcomes.append(OutcomeProgress(outcome.number, outcome.text, len(numbers) - len(missing),
                                        len(numbers), missing))
    return UnitProgress(unit.urn, unit.ref, unit.title, unit.credit, sum(o.covered for o in outcomes),
                        sum(o.total for o in outcomes), tuple(outcomes), signed)


@dataclass(frozen=True)
class QualificationProgress:
    """Progress on a registration's route: per unit, in totals, and (from signed units) against the
    rules of combination; `sentences` says in words what is still needed."""

    number: str
    title: str
    units: tuple[UnitProgress, ...]
    achieved_units: tuple[str, ...]
    achieved: bool
    sentences: tuple[str, ...]

    @property
    def covered(self) -> int:
        return sum(u.covered for u in self.units)

    @property
    def total(self) -> int:
        return sum(u.total for u in self.units)

    @property
    def missing_units(self) -> tuple[str, ...]:
        return tuple(u.urn for u in self.units if not u.achieved)


def qualification_progress(q: Qualification, chosen: Iterable[str], covered: dict[tuple[str, str], Coverage],
                           signed: set[str]) -> QualificationProgress:
    units = tuple(unit_progress(q.unit(urn), covered, urn in signed) for urn in chosen)
    achieved_units = tuple(u.urn for u in units if u.achieved)
    if q.groups:
        tally = tally_achieved(q, achieved_units)
        achieved, sentences = tally.achieved, tally.sentences
    else:
        achieved = bool(units) and len(achieved_units) == len(units)
        sentences = (f"{len(achieved_units)} of {len(units)} units achieved.",)
    return QualificationProgress(q.number, q.title, units, achieved_units, achieved, sentences)
