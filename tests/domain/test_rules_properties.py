"""Property tests: the rules-of-combination DP agrees with brute force over every subset of units."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from assessor_app.domain.catalogue import Group, Qualification, Unit
from assessor_app.domain.rules import OVER_MAX, check_route, glh_range, route_hours, tally_achieved

SETTINGS = settings(max_examples=150, deadline=None)


@st.composite
def qualifications(draw) -> Qualification:
    n_groups = draw(st.integers(2, 4))
    n_units = draw(st.integers(n_groups, 8))
    # Every group gets at least one unit; the rest are spread at random.
    spread = st.lists(st.integers(0, n_groups - 1), min_size=n_units - n_groups, max_size=n_units - n_groups)
    owners = list(range(n_groups)) + draw(spread)
    units = []
    for i in range(n_units + 1):  # the last unit belongs to no group
        glh = draw(st.one_of(st.integers(0, 30), st.just(None)) if i == 0 else st.integers(0, 30))
        level, credit = draw(st.integers(1, 3)), draw(st.integers(0, 5))
        units.append(Unit(f"A/000/{i:04d}", f"U{i}", f"Unit {i}", level, credit, glh, ()))
    groups = []
    for g in range(n_groups):
        low = draw(st.one_of(st.none(), st.integers(0, 8)))
        high = draw(st.one_of(st.none(), st.integers(low or 0, 10)))
        members = tuple(units[i].urn for i, owner in enumerate(owners) if owner == g)
        mandatory = draw(st.sampled_from((False, False, False, True)))
        groups.append(Group(chr(ord("A") + g), "", mandatory, low, high, members))
    in_groups = [u for g in groups for u in g.units]
    barred = draw(st.lists(st.lists(st.sampled_from(in_groups), min_size=2, max_size=3, unique=True), max_size=2))
    level_rule = st.fixed_dictionaries({"level": st.integers(1, 3), "credits": st.integers(0, 12)})
    rules = {
        "min_credits": draw(st.one_of(st.none(), st.integers(0, 20))),
        "min_credits_at_or_above_level": draw(st.one_of(st.none(), level_rule)),
        "barred": barred,
    }
    credits = draw(st.one_of(st.none(), st.integers(0, 20)))
    return Qualification(
        "qualification", "600/0000/0", "Q", "T", 2, credits, tuple(groups), tuple(units), {}, rules=rules
    )


def order(q: Qualification) -> list[str]:
    return [u for g in q.groups for u in g.units]


def reference_rank(q: Qualification, subset: set[str]) -> tuple | None:
    """Brute force's own reading of the rules: None when the subset may not count together at all."""
    for barred in q.rules["barred"]:
        if len(subset & set(barred)) > 1:
            return None
    groups_ok = True
    for g in q.groups:
        credits = sum(q.unit(u).credit for u in g.units if u in subset)
        if g.max_credits is not None and credits > g.max_credits:
            return None
        if g.min_credits is not None:
            minimum = g.min_credits
        else:
            minimum = sum(q.unit(u).credit for u in g.units) if g.mandatory else 0
        groups_ok &= credits >= minimum and (not g.mandatory or set(g.units) <= subset)
    total = sum(q.unit(u).credit for u in subset)
    rule = q.rules["min_credits_at_or_above_level"]
    needed_at_level = rule["credits"] if rule else 0
    at_level = sum(q.unit(u).credit for u in subset if rule is None or q.unit(u).level >= rule["level"])
    required = max([t for t in (q.credits, q.rules["min_credits"]) if t is not None], default=0)
    achieved = groups_ok and total >= required and at_level >= needed_at_level
    return (achieved, total, min(at_level, needed_at_level), tuple(u in subset for u in order(q)))


def subsets(urns: list[str]):
    for bits in itertools.product((False, True), repeat=len(urns)):
        yield {u for u, b in zip(urns, bits) if b}


def brute_counting(q: Qualification, units: set[str]) -> tuple[bool, set[str]]:
    candidates = [u for u in order(q) if u in units]
    ranked = [(r, s) for s in subsets(candidates) if (r := reference_rank(q, s)) is not None]
    rank, best = max(ranked, key=lambda pair: pair[0])
    return rank[0], best


def chosen_units(q: Qualification):
    # Dropping a few units from everything reaches achieving sets far more often than a random set.
    urns = [u.urn for u in q.units]
    dropped = st.sets(st.sampled_from(urns), max_size=3).map(lambda gone: set(urns) - gone)
    return st.one_of(st.sets(st.sampled_from(urns)), dropped)


@SETTINGS
@given(st.data())
def test_what_counts_agrees_with_brute_force(data):
    q = data.draw(qualifications())
    achieved_units = data.draw(chosen_units(q))
    tally = tally_achieved(q, achieved_units)
    achieved, best = brute_counting(q, achieved_units)
    assert tally.achieved == achieved
    assert tally.counted_units == tuple(u for u in order(q) if u in best)
    assert tally.counted_credits == sum(q.unit(u).credit for u in best)
    assert tally.achieved == (not any(p.blocking for p in tally.problems))
    for g, gt in zip(q.groups, tally.groups):
        counted = sum(q.unit(u).credit for u in g.units if u in best)
        assert gt.counted_credits == counted
        assert gt.credits_short == max(0, gt.min_credits - counted)
        assert gt.mandatory_missing == (tuple(u for u in g.units if u not in best) if g.mandatory else ())
        over = [p for p in tally.problems if p.kind == OVER_MAX and p.group == g.name]
        assert bool(over) == (g.max_credits is not None and gt.credits > g.max_credits)


@SETTINGS
@given(st.data())
def test_route_validity_agrees_with_brute_force(data):
    q = data.draw(qualifications())
    chosen = data.draw(chosen_units(q))
    in_structure = chosen <= set(order(q))
    barred_free = all(len(chosen & set(b)) <= 1 for b in q.rules["barred"])
    achievable, _ = brute_counting(q, chosen & set(order(q)))
    assert check_route(q, chosen).valid == (in_structure and barred_free and achievable)


@SETTINGS
@given(qualifications())
def test_glh_range_agrees_with_brute_force(q):
    span = glh_range(q)
    if any(q.unit(u).glh is None for u in order(q)):
        assert span is None
        return
    routes = []
    for s in subsets(order(q)):
        rank = reference_rank(q, s)
        if rank is not None and rank[0] and all(len(s & set(b)) <= 1 for b in q.rules["barred"]):
            routes.append((rank[1], sum(q.unit(u).glh for u in s), rank[3], s))
    if not routes:
        assert span is None
        return
    size = min(r[0] for r in routes)
    exact = [r for r in routes if r[0] == size]
    cheapest = max(exact, key=lambda r: (-r[1], r[2]))
    dearest = max(exact, key=lambda r: (r[1], r[2]))
    assert (span.credits, span.min_glh, span.max_glh) == (size, cheapest[1], dearest[1])
    assert span.cheapest == tuple(u for u in order(q) if u in cheapest[3])
    assert span.dearest == tuple(u for u in order(q) if u in dearest[3])
    for route, glh in ((span.cheapest, span.min_glh), (span.dearest, span.max_glh)):
        assert check_route(q, route).valid
        assert route_hours(q, route).glh == glh
