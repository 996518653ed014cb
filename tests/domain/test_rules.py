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


def test_when_short_anyway_tally_prefers_credits_towards_the_level_rule():
    groups = [("C", False, None, 2, [(C1, 2, 1, 5), (C2, 2, 2, 5)])]
    tally = tally_achieved(build(groups, credits=10, level_rule={"level": 2, "credits": 4}), [C1, C2])
    assert tally.counted_units == (C2,) and tally.level_credits == 2 and tally.level_credits_short == 2


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


def test_a_unit_listed_by_two_groups_belongs_to_the_first():
    groups = SMALL_GROUPS[:2] + [("C", False, 3, None, [(B3, 4, 2, 30)])]
    q = build(groups, credits=9)
    tally = tally_achieved(q, [A1, A2, B3])
    assert tally.group("B").counted_units == (B3,) and tally.group("C").counted_units == ()
    assert [(p.kind, p.group) for p in tally.problems] == [(BELOW_MIN, "C")]


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


def group_name(q: Qualification, urn: str) -> str:
    return q.group_of(urn).name


IMI_A = ("A/506/2130", "F/506/2131", "J/506/2132", "A/506/1964", "L/506/1788")  # 19 credits
IMI_CS5 = "D/506/2119"  # Group B, 3 credits
IMI_C14 = ("H/506/2154", "K/506/2155", "R/506/2134", "L/506/2133", "Y/506/2135")  # 3+3+3+2+3
IMI_C16 = ("H/506/2154", "K/506/2155", "R/506/2134", "Y/506/2135", "T/506/2143")  # 3+3+3+3+4
IMI_D9 = ("T/505/4673", "H/506/1814", "H/506/1912")  # 2+3+4; the best 7 are 3+4


def test_imi_cheapest_and_dearest_45_credit_routes_give_the_printed_glh():
    q = load("imi-601-3456-2.json")
    span = glh_range(q)
    assert (span.credits, span.min_glh, span.max_glh) == (45, 245, 305)
    assert (q.glh_min, q.glh_max) == (245, 305)
    for route, glh in ((span.cheapest, 245), (span.dearest, 305)):
        check = check_route(q, route)
        assert check.valid and check.problems == ()
        hours = route_hours(q, route)
        assert (hours.credits, hours.glh, hours.tqt) == (45, glh, 450)


def test_imi_nine_credits_of_group_d_count_only_seven():
    q = load("imi-601-3456-2.json")
    d = group_name(q, IMI_D9[0])
    check = check_route(q, IMI_A + (IMI_CS5,) + IMI_C16 + IMI_D9)
    group_d = check.tally.group(d)
    assert (group_d.credits, group_d.counted_credits, group_d.credits_over) == (9, 7, 2)
    assert group_d.counted_units == IMI_D9[1:] and group_d.uncounted_units == IMI_D9[:1]
    assert check.tally.counted_credits == 45 and check.valid
    assert [(p.kind, p.group, p.credits_over, p.blocking) for p in check.problems] == [(OVER_MAX, d, 2, False)]


def test_imi_45_chosen_credits_are_not_enough_when_two_of_them_do_not_count():
    q = load("imi-601-3456-2.json")
    c, d = group_name(q, IMI_C14[0]), group_name(q, IMI_D9[0])
    route = IMI_A + (IMI_CS5,) + IMI_C14 + IMI_D9
    assert route_hours(q, route).credits == 45
    check = check_route(q, route)
    assert not check.valid and check.tally.counted_credits == 43
    assert [(p.kind, p.group, p.credits_short, p.credits_over) for p in check.problems] == [
        (BELOW_MIN, c, 2, 0),
        (OVER_MAX, d, 0, 2),
        (TOTAL_SHORT, None, 2, 0),
        (LEVEL_SHORT, None, 2, 0),  # "45 credits at Level 2 or above" is short by the same 2
    ]


def test_imi_everything_achieved_counts_ninety_credits():
    q = load("imi-601-3456-2.json")
    tally = tally_achieved(q, [u.urn for u in q.units])
    assert tally.achieved and tally.counted_credits == 19 + 6 + 58 + 7
    assert tally.level_credits == tally.counted_credits  # every IMI unit is Level 2 or 3
    # Many 7-credit subsets of Group D tie; the earliest-listed units win.
    assert tally.group(group_name(q, IMI_D9[0])).counted_units == ("T/505/4673", "L/506/1807", "H/506/1814")


def test_imi_missing_mandatory_unit():
    q = load("imi-601-3456-2.json")
    tally = tally_achieved(q, IMI_A[1:] + (IMI_CS5,) + IMI_C16 + IMI_D9[1:])
    a = group_name(q, IMI_A[0])
    assert not tally.achieved
    assert [(p.kind, p.group, p.credits_short, p.units) for p in tally.problems] == [
        (MANDATORY_MISSING, a, 5, (IMI_A[0],)),
        (TOTAL_SHORT, None, 5, ()),
        (LEVEL_SHORT, None, 5, ()),
    ]
    assert "CS 7 Deliver customer service (A/506/2130)" in tally.problems[0].message


PROQUAL_A = ("L/506/2150", "Y/506/2152", "K/506/2169", "D/506/1942", "T/506/2952", "J/506/2910")  # 31 credits
PROQUAL_B14 = ("Y/506/2166", "D/506/2170", "D/506/2153")  # 5+5+4
PROQUAL_B15 = ("Y/506/2166", "D/506/2170", "K/506/2172")  # 5+5+5
PROQUAL_B24 = PROQUAL_B15 + ("D/506/2153", "D/506/2962")  # +4+5
PROQUAL_C9 = ("H/506/1912", "T/506/1820", "L/506/1807")  # 4+3+2
PROQUAL_C11 = ("T/506/1820", "M/506/1931", "K/502/8622", "L/506/1807")  # 3+3+3+2; the best 9 are the 3s


def test_proqual_31_mandatory_15_from_b_and_9_from_c_make_55():
    q = load("proqual-601-3577-3.json")
    assert sum(q.unit(u).credit for u in PROQUAL_A) == 31
    check = check_route(q, PROQUAL_A + PROQUAL_B15 + PROQUAL_C9)
    assert check.valid and check.problems == () and check.tally.counted_credits == 55
    assert check_route(q, PROQUAL_A + PROQUAL_B24).valid
    hours = route_hours(q, PROQUAL_A + PROQUAL_B24)
    # ProQual prints no unit GLH, so neither a route's GLH nor the range can be worked out.
    assert (hours.credits, hours.glh, hours.tqt) == (55, None, 550) and hours.tqt == q.tqt
    assert hours.units_without_glh == PROQUAL_A + PROQUAL_B24
    assert glh_range(q) is None


def test_proqual_more_than_9_from_c_does_not_count():
    q = load("proqual-601-3577-3.json")
    b, c = group_name(q, PROQUAL_B14[0]), group_name(q, PROQUAL_C11[0])
    check = check_route(q, PROQUAL_A + PROQUAL_B14 + PROQUAL_C11)
    assert route_hours(q, PROQUAL_A + PROQUAL_B14 + PROQUAL_C11).credits == 56
    assert not check.valid and check.tally.counted_credits == 54
    assert [(p.kind, p.group, p.credits_short, p.credits_over) for p in check.problems] == [
        (BELOW_MIN, b, 1, 0),
        (OVER_MAX, c, 0, 2),
        (TOTAL_SHORT, None, 1, 0),
    ]
    assert check.tally.group(c).uncounted_units == ("L/506/1807",)
    with_b15 = check_route(q, PROQUAL_A + PROQUAL_B15 + PROQUAL_C11)
    assert with_b15.valid and with_b15.tally.counted_credits == 55


def test_proqual_needs_31_mandatory_credits():
    q = load("proqual-601-3577-3.json")
    tally = tally_achieved(q, PROQUAL_A[:-1] + PROQUAL_B24)
    assert not tally.achieved
    assert [(p.kind, p.credits_short, p.units) for p in tally.problems] == [
        (MANDATORY_MISSING, 4, ("J/506/2910",)),
        (TOTAL_SHORT, 4, ()),
    ]


PEARSON_MANDATORY = ("K/506/9011", "M/506/9012")  # 4 + 3 credits, 32 + 22 GLH
PEARSON_UNIT_3 = "T/506/9013"  # Certificate mandatory, 2 credits, 15 GLH


def test_pearson_award_is_its_two_mandatory_units():
    q = load("pearson-601-5358-1.json")
    check = check_route(q, PEARSON_MANDATORY)
    assert check.valid and check.tally.counted_credits == 7
    hours = route_hours(q, PEARSON_MANDATORY)
    assert (hours.glh, hours.tqt) == (54, 70) and hours.tqt == q.tqt
    span = glh_range(q)
    assert (span.credits, span.min_glh, span.max_glh) == (7, 54, 54) and span.min_glh == q.glh_min
    missing = check_route(q, PEARSON_MANDATORY[:1])
    assert not missing.valid
    assert [(p.kind, p.credits_short, p.units) for p in missing.problems] == [
        (MANDATORY_MISSING, 3, ("M/506/9012",)),
        (TOTAL_SHORT, 3, ()),
    ]


def test_pearson_certificate_is_9_mandatory_and_6_optional_credits():
    q = load("pearson-601-5359-3.json")
    mandatory = PEARSON_MANDATORY + (PEARSON_UNIT_3,)
    cheapest = mandatory + ("R/506/8662", "L/506/9020")  # units 7 and 9: 3 + 3 credits, 20 + 23 GLH
    check = check_route(q, cheapest)
    assert check.valid and check.tally.counted_credits == 15
    hours = route_hours(q, cheapest)
    assert (hours.glh, hours.tqt) == (112, 150) and hours.tqt == q.tqt
    span = glh_range(q)
    # Pearson's printed GLH (112) is the cheapest route's.
    assert (span.credits, span.min_glh, span.max_glh) == (15, 112, 129) and span.min_glh == q.glh_min
    assert set(span.cheapest) == set(cheapest)
    # The dearest 6 optional credits: unit 11 (4 credits, 40 GLH) and unit 10 (2 credits, 20 GLH).
    assert set(span.dearest) == set(mandatory) | {"A/506/1964", "F/505/6927"}


def test_pearson_certificate_shortfalls_and_a_level_1_unit():
    q = load("pearson-601-5359-3.json")
    mandatory = PEARSON_MANDATORY + (PEARSON_UNIT_3,)
    short = check_route(q, mandatory)
    optional = group_name(q, "R/506/8662")
    assert not short.valid
    assert [(p.kind, p.group, p.credits_short) for p in short.problems] == [
        (BELOW_MIN, optional, 6),
        (TOTAL_SHORT, None, 6),
    ]
    # No level rule: Unit 10 (Level 1) counts like any other.
    assert check_route(q, mandatory + ("F/505/6927", "K/506/8666")).valid
