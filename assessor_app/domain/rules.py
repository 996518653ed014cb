"""Rules of combination: whether a chosen route is valid, which achieved units count, and route hours."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assessor_app.domain.catalogue import Qualification
from assessor_app.domain.rules_search import Slot, Structure, best_counting, extreme_route, structure_of

# Problem kinds. Only OVER_MAX is never blocking: credits above a group maximum simply do not count.
NOT_IN_QUALIFICATION = "not_in_qualification"
BARRED = "barred"
MANDATORY_MISSING = "mandatory_missing"
BELOW_MIN = "below_min"
OVER_MAX = "over_max"
TOTAL_SHORT = "total_short"
LEVEL_SHORT = "level_short"

# QCF/RQF define one credit as ten hours of total qualification time; every printed TQT in the
# seeds is ten times the credits (Pearson 70 for 7 and 150 for 15, ProQual 550 for 55).
HOURS_PER_CREDIT = 10


@dataclass(frozen=True)
class Problem:
    """One thing wrong or missing; `group` is None for qualification-level problems."""

    kind: str
    group: str | None
    message: str
    credits_short: int = 0
    credits_over: int = 0
    units: tuple[str, ...] = ()
    blocking: bool = True


@dataclass(frozen=True)
class GroupTally:
    name: str
    min_credits: int
    max_credits: int | None
    credits: int
    counted_credits: int
    credits_short: int
    credits_over: int
    counted_units: tuple[str, ...]
    uncounted_units: tuple[str, ...]
    mandatory_missing: tuple[str, ...]


@dataclass(frozen=True)
class Tally:
    """Which of a set of units count towards the qualification and what is still missing."""

    achieved: bool
    counted_units: tuple[str, ...]
    uncounted_units: tuple[str, ...]
    unknown_units: tuple[str, ...]
    groups: tuple[GroupTally, ...]
    counted_credits: int
    required_credits: int
    credits_short: int
    level: int | None
    level_credits: int
    required_level_credits: int
    level_credits_short: int
    problems: tuple[Problem, ...]

    def group(self, name: str) -> GroupTally:
        for g in self.groups:
            if g.name == name:
                return g
        raise KeyError(f"no group {name}")

    @property
    def sentences(self) -> tuple[str, ...]:
        head = f"{self.counted_credits} of the {self.required_credits} credits required count"
        head += "; the qualification is achieved." if self.achieved else "."
        return (head, *(p.message for p in self.problems))


@dataclass(frozen=True)
class RouteCheck:
    """Whether chosen units form a valid route; `tally` says how they would count."""

    valid: bool
    problems: tuple[Problem, ...]
    tally: Tally

    @property
    def sentences(self) -> tuple[str, ...]:
        head = "The chosen units form a valid route." if self.valid else "The chosen units do not form a valid route."
        return (head, *(p.message for p in self.problems))


@dataclass(frozen=True)
class RouteHours:
    credits: int
    glh: int | None
    tqt: int | None
    units_without_glh: tuple[str, ...]


@dataclass(frozen=True)
class GlhRange:
    """The GLH of the cheapest and dearest valid routes of `credits` credits (see glh_range)."""

    credits: int
    min_glh: int
    max_glh: int
    cheapest: tuple[str, ...]
    dearest: tuple[str, ...]


def tally_achieved(q: Qualification, achieved: Iterable[str]) -> Tally:
    """Which achieved units count: the best subset that keeps within every group maximum and takes
    at most one unit of each barred list, preferring (in order) a subset that achieves the
    qualification, more counted credits, more credits towards the level rule, earlier-listed units."""
    return _tally(q, structure_of(q), set(achieved), "achieved")


def check_route(q: Qualification, chosen: Iterable[str]) -> RouteCheck:
    """A route is valid when every unit belongs to a group, no barred units are combined, and the
    units that count include every mandatory unit and meet every group minimum, the total and the
    level rule. Units beyond a group maximum are allowed but reported, since they do not count."""
    chosen = set(chosen)
    structure = structure_of(q)
    tally = _tally(q, structure, chosen, "chosen")
    problems = [
        Problem(NOT_IN_QUALIFICATION, None, f"{_describe(q, urn)} is not in any group of {q.title}.", units=(urn,))
        for urn in tally.unknown_units
    ]
    for barred in structure.barred:
        together = tuple(u for u in barred if u in chosen)
        if len(together) >= 2:
            names = ", ".join(_describe(q, u) for u in together)
            problems.append(Problem(BARRED, None, f"These units may not be combined: {names}.", units=together))
    problems.extend(p for p in tally.problems if p.kind != BARRED)
    return RouteCheck(not any(p.blocking for p in problems), tuple(problems), tally)


def route_hours(q: Qualification, units: Iterable[str]) -> RouteHours:
    """GLH and TQT of every unit in the route (all are studied, whether or not they count). A unit's
    TQT is extra["tqt"] where printed, else credit x 10; a total is None when any part is unknown."""
    chosen = [q.unit(urn) for urn in dict.fromkeys(units)]
    missing = tuple(u.urn for u in chosen if u.glh is None)
    tqts = [u.extra.get("tqt") if isinstance(u.extra.get("tqt"), int) else _notional_tqt(u.credit) for u in chosen]
    return RouteHours(
        credits=sum(u.credit or 0 for u in chosen),
        glh=None if missing else sum(u.glh for u in chosen),
        tqt=None if None in tqts else sum(tqts),
        units_without_glh=missing,
    )


def glh_range(q: Qualification) -> GlhRange | None:
    """Minimum and maximum GLH over every valid route (as check_route judges it) whose credits total
    exactly the qualification's minimum; if no route totals exactly that, over the routes of the
    smallest achievable total above it. Such routes are what a printed "Minimum GLH"/"Maximum GLH"
    describe: for the IMI Level 2 Diploma the cheapest and dearest 45-credit routes give the printed
    245 and 305. None when some unit in a group has no GLH or no valid route exists."""
    structure = structure_of(q)
    if any(q.unit(urn).glh is None for urn in structure.order):
        return None
    cheapest = extreme_route(structure, -1)
    dearest = extreme_route(structure, +1)
    if cheapest is None or dearest is None:
        return None
    return GlhRange(cheapest[0], cheapest[1], dearest[1], cheapest[2], dearest[2])


def _notional_tqt(credit: int | None) -> int | None:
    return None if credit is None else credit * HOURS_PER_CREDIT


def _describe(q: Qualification, urn: str) -> str:
    try:
        unit = q.unit(urn)
    except KeyError:
        return urn
    return f"{unit.title} ({urn})" if unit.ref == urn else f"{unit.ref} {unit.title} ({urn})"


def _label(slot: Slot) -> str:
    name = slot.group.name
    return name if name.lower().startswith("group") else f"Group {name}"


def _more(n: int) -> str:
    return "1 more credit" if n == 1 else f"{n} more credits"


def _mandatory(units: list[str]) -> str:
    return "mandatory unit" if len(units) == 1 else "mandatory units"


def _tally(q: Qualification, structure: Structure, units: set[str], verb: str) -> Tally:
    known = frozenset(u for u in units if u in structure.order)
    achieved, counted = best_counting(structure, known)
    counted_set = set(counted)
    credit = {i.urn: i.credit for s in structure.slots for i in s.items}
    groups, problems = [], []
    for slot in structure.slots:
        tally, slot_problems = _group_tally(q, slot, known, counted_set, credit, verb)
        groups.append(tally)
        problems.extend(slot_problems)
    for barred in structure.barred:
        together = tuple(u for u in barred if u in known)
        if len(together) >= 2:
            names = ", ".join(_describe(q, u) for u in together)
            message = f"These units may not be combined, so at most one of them counts: {names}."
            problems.append(Problem(BARRED, None, message, units=together, blocking=False))
    total = sum(credit[u] for u in counted)
    short = max(0, structure.required_credits - total)
    if short:
        message = f"{_more(short)} needed in total (at least {structure.required_credits} must count; {total} do)."
        problems.append(Problem(TOTAL_SHORT, None, message, credits_short=short))
    at_level = sum(i.credit for s in structure.slots for i in s.items if i.urn in counted_set and i.at_level)
    level_short = max(0, structure.level_credits - at_level)
    if level_short:
        message = (
            f"{_more(level_short)} needed at Level {structure.level} or above "
            f"(at least {structure.level_credits} must count; {at_level} do)."
        )
        problems.append(Problem(LEVEL_SHORT, None, message, credits_short=level_short))
    return Tally(
        achieved=achieved,
        counted_units=counted,
        uncounted_units=tuple(u for u in structure.order if u in known and u not in counted_set),
        unknown_units=tuple(sorted(units - known)),
        groups=tuple(groups),
        counted_credits=total,
        required_credits=structure.required_credits,
        credits_short=short,
        level=structure.level,
        level_credits=at_level,
        required_level_credits=structure.level_credits,
        level_credits_short=level_short,
        problems=tuple(problems),
    )


def _group_tally(
    q: Qualification, slot: Slot, known: frozenset[str], counted: set[str], credit: dict[str, int], verb: str
) -> tuple[GroupTally, list[Problem]]:
    urns = [i.urn for i in slot.items]
    taken = sum(credit[u] for u in urns if u in known)
    counts = sum(credit[u] for u in urns if u in counted)
    short = max(0, slot.min_credits - counts)
    over = max(0, taken - slot.max_credits) if slot.max_credits is not None else 0
    uncounted = tuple(u for u in urns if u in known and u not in counted)
    missing = tuple(u for u in urns if u not in counted) if slot.mandatory else ()
    label, problems = _label(slot), []
    if missing:
        absent = [_describe(q, u) for u in missing if u not in known]
        blocked = [_describe(q, u) for u in missing if u in known]
        parts = []
        if absent:
            parts.append(f"{_mandatory(absent)} not {verb}: {', '.join(absent)}")
        if blocked:
            parts.append(f"{_mandatory(blocked)} {verb} but unable to count: {', '.join(blocked)}")
        message = f"{label}: {'; '.join(parts)}."
        problems.append(Problem(MANDATORY_MISSING, slot.group.name, message, credits_short=short, units=missing))
    elif short:
        message = f"{label}: {_more(short)} needed (at least {slot.min_credits} must count; {counts} do)."
        problems.append(Problem(BELOW_MIN, slot.group.name, message, credits_short=short))
    if over:
        names = ", ".join(_describe(q, u) for u in uncounted)
        message = (
            f"{label}: {taken} credits {verb} but at most {slot.max_credits} may count; "
            f"{counts} count" + (f", and these do not: {names}." if names else ".")
        )
        problems.append(
            Problem(OVER_MAX, slot.group.name, message, credits_over=over, units=uncounted, blocking=False)
        )
    tally = GroupTally(
        name=slot.group.name,
        min_credits=slot.min_credits,
        max_credits=slot.max_credits,
        credits=taken,
        counted_credits=counts,
        credits_short=short,
        credits_over=over,
        counted_units=tuple(u for u in urns if u in counted),
        uncounted_units=uncounted,
        mandatory_missing=missing,
    )
    return tally, problems
