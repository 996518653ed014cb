"""Rules of combination on hand-worked synthetic qualifications and on the shipped qualification files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessor_app.domain.catalogue import Group, Qualification, Unit, qualification_from_dict
from assessor_app.domain.rules import (
    BARRED,
    BELOW_MIN,
    LEVEL_SHORT,
    MANDATORY_MISSING,
    NOT_IN_QUALIFICATION,
    OVER_MAX,
    TOTAL_SHORT,
    check_route,
    glh_range,
    route_hours,
    tally_achieved,
)

QUALIFICATIONS = Path(__file__).resolve().parents[2] / "qualifications"


def build(groups, *, credits, level_rule=None, barred=(), extra_units=()) -> Qualification:
    """groups: (name, mandatory, min, max, [(urn, credit, level, glh), ...]) in listing order."""
    units, group_objs = [], []
    for name, mandatory, low, high, rows in groups:
        group_objs.append(Group(name, f"Group {name}", mandatory, low, high, tuple(r[0] for r in rows)))
        units.extend(rows)
    units.extend(extra_units)
    rules = {"min_credits": credits, "min_credits_at_or_above_level": level_rule, "barred": [list(b) for b in barred]}
    return Qualification(
        kind="qualification",
        number="600/0000/0",
        title="Synthetic Diploma",
        awarding_body="Test",
        level=2,
        credits=credits,
        groups=tuple(group_objs),
        units=tuple(Unit(urn, f"U{i}", f"Unit {urn}", lvl, cr, glh, ()) for i, (urn, cr, lvl, glh) in enumerate(units)),
        source={},
        rules=rules,
    )


# Group A: mandatory exactly 5; Group B: at least 4; Group C: at most 3. Total 12.
A1, A2 = "A/000/0001", "A/000/0002"
B1, B2, B3 = "B/000/0001", "B/000/0002", "B/000/0003"
C1, C2, C3 = "C/000/0001", "C/000/0002", "C/000/0003"
SMALL_GROUPS = [
    ("A", True, 5, 5, [(A1, 3, 2, 20), (A2, 2, 2, 10)]),
    ("B", False, 4, None, [(B1, 2, 2, 12), (B2, 3, 1, 15), (B3, 4, 2, 30)]),
    ("C", False, None, 3, [(C1, 2, 2, 8), (C2, 2, 2, 9), (C3, 3, 3, 40)]),
]


@pytest.fixture
def small() -> Qualification:
    return build(SMALL_GROUPS, credits=12)


def kinds(problems) -> list[tuple[str, str | None]]:
    return [(p.kind, p.group) for p in problems]


def test_exact_route_is_valid(small):
    check = check_route(small, [A1, A2, B3, C3])
    assert check.valid and check.problems == ()
    assert check.tally.achieved and check.tally.counted_credits == 12
    assert check.sentences == ("The chosen units form a valid route.",)


def test_missing_mandatory_unit_is_named_with_its_credits(small):
    check = check_route(small, [A1, B1, B2, B3, C3])
    assert not check.valid
    assert kinds(check.problems) == [(MANDATORY_MISSING, "A")]
    problem = check.problems[0]
    assert problem.units == (A2,) and problem.credits_short == 2
    assert "not chosen" in problem.message and A2 in problem.message


def test_group_minimum_and_total_shortfalls(small):
    check = check_route(small, [A1, A2, B1, C3])
    assert not check.valid
    assert kinds(check.problems) == [(BELOW_MIN, "B"), (TOTAL_SHORT, None)]
    assert [p.credits_short for p in check.problems] == [2, 2]
    assert check.tally.group("B").credits_short == 2
    assert check.sentences[0] == "The chosen units do not form a valid route."
    assert "Group B: 2 more credits needed (at least 4 must count; 2 do)." in check.sentences


def test_credits_above_a_group_maximum_do_not_count(small):
    check = check_route(small, [A1, A2, B1, B2, C1, C2, C3])
    group_c = check.tally.group("C")
    # Best whole-unit subset of C within 3 credits is C3 alone.
    assert group_c.counted_units == (C3,) and group_c.uncounted_units == (C1, C2)
    assert group_c.credits == 7 and group_c.counted_credits == 3 and group_c.credits_over == 4
    over = [p for p in check.problems if p.kind == OVER_MAX]
    assert len(over) == 1 and over[0].credits_over == 4 and not over[0].blocking
    # 5 + 5 + 3 = 13 counted: still valid, the extra units are a warning only.
    assert check.valid and check.tally.counted_credits == 13


def test_over_maximum_can_leave_the_total_short(small):
    check = check_route(small, [A1, A2, B3, C1, C2])
    assert check.tally.group("C").counted_units == (C1,)
    assert kinds(check.problems) == [(OVER_MAX, "C"), (TOTAL_SHORT, None)]
    assert check.problems[1].credits_short == 1 and not check.valid


def test_level_rule_counts_only_units_at_or_above_the_level():
    q = build(SMALL_GROUPS, credits=12, level_rule={"level": 2, "credits": 12})
    check = check_route(q, [A1, A2, B2, B1, C3])  # B2 is Level 1
    assert check.tally.counted_credits == 13 and check.tally.level_credits == 10
    assert kinds(check.problems) == [(LEVEL_SHORT, None)]
    assert check.problems[0].credits_short == 2
    assert check_route(q, [A1, A2, B3, C3]).valid


def test_tally_prefers_an_achieving_subset_over_more_credits():
    # C may hold 4 credits: C1+C2 would count 4, but only C3 (3 credits) meets the Level 3 rule.
    groups = SMALL_GROUPS[:2] + [("C", False, None, 4, SMALL_GROUPS[2][4])]
    q = build(groups, credits=11, level_rule={"level": 3, "credits": 3})
    tally = tally_achieved(q, [A1, A2, B3, C1, C2, C3])
    assert tally.achieved and tally.group("C").counted_units == (C3,) and tally.counted_credits == 12
    without_c3 = tally_achieved(q, [A1, A2, B3, C1, C2])
    assert not without_c3.achieved and without_c3.group("C").counted_units == (C1, C2)
    assert kinds(without_c3.problems) == [(LEVEL_SHORT, None)]


def test_barred_units_make_a_route_invalid_and_only_one_counts():
    q = build(SMALL_GROUPS, credits=12, barred=[(B1, B3)])
    check = check_route(q, [A1, A2, B1, B3, C3])
    assert not check.valid
    assert kinds(check.problems) == [(BARRED, None)] and check.problems[0].units == (B1, B3)
    tally = tally_achieved(q, [A1, A2, B1, B3, C3])
    # Only one of B1/B3 may count: B3 gives more credits and still meets every rule.
    assert tally.achieved and tally.group("B").counted_units == (B3,) and tally.uncounted_units == (B1,)
    assert [p.kind for p in tally.problems] == [BARRED] and not tally.problems[0].blocking
    assert check_route(q, [A1, A2, B3, C3]).valid


def test_barred_list_of_three_allows_one():
    q = build(SMALL_GROUPS, credits=9, barred=[(B1, B2, B3)])
    tally = tally_achieved(q, [A1, A2, B1, B2, B3])
    assert tally.group("B").counted_units == (B3,) and tally.achieved


def test_units_outside_the_groups_are_reported():
    extra = ("Z/000/0001", 3, 2, 10)
    q = build(SMALL_GROUPS, credits=12, extra_units=[extra])
    check = check_route(q, [A1, A2, B3, C3, "Z/000/0001", "Y/999/9999"])
    assert not check.valid
    assert [(p.kind, p.units) for p in check.problems] == [
        (NOT_IN_QUALIFICATION, ("Y/999/9999",)),
        (NOT_IN_QUALIFICATION, ("Z/000/0001",)),
    ]
    assert check.tally.counted_credits == 12 and check.tally.unknown_units == ("Y/999/9999", "Z/000/0001")


def test_tally_reports_what_is_still_missing(small):
    tally = tally_achieved(small, [A1, B1])
    assert not tally.achieved
    assert tally.counted_units == (A1, B1) and tally.counted_credits == 5
    a, b, c = tally.groups
    assert a.mandatory_missing == (A2,) and a.credits_short == 2
    assert b.credits_short == 2 and c.credits_short == 0
    assert tally.credits_short == 7
    assert kinds(tally.problems) == [(MANDATORY_MISSING, "A"), (BELOW_MIN, "B"), (TOTAL_SHORT, None)]
    assert "not achieved" in tally.problems[0].message
    assert tally.sentences[0] == "5 of the 12 credits required count."


def test_mandatory_group_without_minimum_requires_all_its_units():
    groups = [("A", True, None, None, [(A1, 3, 2, 20), (A2, 2, 2, 10)])] + SMALL_GROUPS[1:]
    q = build(groups, credits=9)
    assert not check_route(q, [A1, B3]).valid
    check = check_route(q, [A1, A2, B3])
    assert check.valid and check.tally.group("A").min_credits == 5


def test_nothing_achieved_is_not_achieved(small):
    tally = tally_achieved(small, [])
    assert not tally.achieved and tally.counted_units == () and tally.credits_short == 12


def test_route_hours_sums_glh_and_tqt(small):
    hours = route_hours(small, [A1, A2, B3, C3])
    assert (hours.credits, hours.glh, hours.tqt, hours.units_without_glh) == (12, 100, 120, ())


def test_route_hours_with_unknown_glh_and_printed_tqt():
    q = build([("A", True, 5, 5, [(A1, 3, 2, None), (A2, 2, 2, 10)])], credits=5)
    hours = route_hours(q, [A1, A2])
    assert hours.glh is None and hours.units_without_glh == (A1,) and hours.tqt == 50
    unit = q.unit(A2)
    unit.extra["tqt"] = 33
    assert route_hours(q, [A2]).tqt == 33
    with pytest.raises(KeyError):
        route_hours(q, ["Y/999/9999"])


def test_glh_range_hand_worked(small):
    # Exactly 12 credits: A (5, 30 GLH) + B >= 4 + C <= 3, total 7 from B and C.
    # Cheapest: B1+B3 (6, 42) is 8 > 7; B3 + C3 is 70; B1 + B2 + C1 = 7 credits, 35 GLH.
    # Dearest: B3 + C3 = 70.
    span = glh_range(small)
    assert (span.credits, span.min_glh, span.max_glh) == (12, 65, 100)
    assert span.cheapest == (A1, A2, B1, B2, C1) and span.dearest == (A1, A2, B3, C3)
    for route, glh in ((span.cheapest, 65), (span.dearest, 100)):
        assert check_route(small, route).valid and route_hours(small, route).glh == glh


def test_glh_range_uses_the_next_total_when_the_minimum_cannot_be_hit_exactly():
    q = build([("A", False, None, None, [(A1, 2, 2, 10), (A2, 4, 2, 15)])], credits=5)
    span = glh_range(q)
    assert (span.credits, span.min_glh, span.max_glh) == (6, 25, 25)


def test_glh_range_is_none_without_glh_or_without_any_route():
    assert glh_range(build([("A", True, 5, 5, [(A1, 3, 2, None), (A2, 2, 2, 10)])], credits=5)) is None
    assert glh_range(build([("A", True, 5, 5, [(A1, 3, 2, 1), (A2, 2, 2, 10)])], credits=9)) is None


# ---- the shipped qualification files -------------------------------------------------------------


def load(name: str) -> Qualification:
    path = QUALIFICATIONS / name
    if not path.exists():
        pytest.skip(f"{path} has not been generated (run python -m tools.qualgen)")
    return qualification_from_dict(json.loads(path.read_text(encoding="utf-8")))
