"""Searches over unit subsets for the rules of combination: a knapsack-style DP over groups."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assessor_app.domain.catalogue import Group, Qualification

# A search state is keyed by (credits, credits below the level rule, every group so far satisfied)
# and holds the best (score, mask) reaching it. The mask has one bit per structure unit in listing
# order, first unit most significant, so comparing masks as integers prefers earlier-listed units.
Key = tuple[int, int, bool]
Best = tuple[int, int]


@dataclass(frozen=True)
class Item:
    urn: str
    credit: int
    glh: int | None
    at_level: bool


@dataclass(frozen=True)
class Slot:
    group: Group
    items: tuple[Item, ...]
    min_credits: int
    max_credits: int | None

    @property
    def mandatory(self) -> bool:
        return self.group.mandatory


@dataclass(frozen=True)
class Structure:
    """A qualification's rules reduced to numbers; units listed in no group are not in `order`."""

    slots: tuple[Slot, ...]
    required_credits: int
    level: int | None
    level_credits: int
    barred: tuple[tuple[str, ...], ...]
    order: tuple[str, ...]

    def slot_of(self, urn: str) -> Slot | None:
        return next((s for s in self.slots if any(i.urn == urn for i in s.items)), None)

    def decode(self, mask: int) -> tuple[str, ...]:
        width = len(self.order)
        return tuple(urn for i, urn in enumerate(self.order) if mask >> (width - 1 - i) & 1)

    def achieves(self, credits: int, below: int, groups_ok: bool) -> bool:
        return groups_ok and credits >= self.required_credits and credits - below >= self.level_credits


def structure_of(q: Qualification) -> Structure:
    """Reduce q to a Structure. Unknown credit counts as 0 (nothing can be claimed for it); a unit
    listed by two groups belongs to the first, as Qualification.group_of says."""
    level_rule = q.rules.get("min_credits_at_or_above_level") or None
    level = level_rule["level"] if level_rule else None
    totals = [t for t in (q.credits, q.rules.get("min_credits")) if t is not None]
    placed: set[str] = set()
    slots = []
    for group in q.groups:
        items = []
        for urn in group.units:
            if urn in placed:
                continue
            placed.add(urn)
            unit = q.unit(urn)
            # Without a level rule every unit is "at level", so the below-level dimension stays 0.
            at_level = level is None or (unit.level is not None and unit.level >= level)
            items.append(Item(urn, unit.credit or 0, unit.glh, at_level))
        if group.min_credits is not None:
            minimum = group.min_credits
        else:
            minimum = sum(i.credit for i in items) if group.mandatory else 0
        slots.append(Slot(group, tuple(items), minimum, group.max_credits))
    return Structure(
        slots=tuple(slots),
        required_credits=max(totals, default=0),
        level=level,
        level_credits=level_rule["credits"] if level_rule else 0,
        barred=tuple(tuple(dict.fromkeys(b)) for b in q.rules.get("barred") or ()),
        order=tuple(i.urn for s in slots for i in s.items),
    )


def _keep(table: dict[Key, Best], key: Key, value: Best) -> None:
    old = table.get(key)
    if old is None or value > old:
        table[key] = value


def _exclusions(barred: tuple[tuple[str, ...], ...], usable: frozenset[str]) -> Iterator[frozenset[str]]:
    """Every way of letting at most one unit of each barred list through. Picking which member a
    list keeps covers every barred-free subset, so the DP below never has to look across groups."""
    lists = [tuple(u for u in b if u in usable) for b in barred]
    lists = [b for b in lists if len(b) >= 2]
    seen: set[frozenset[str]] = set()
    for picks in itertools.product(*lists):
        excluded = frozenset(u for b, keep in zip(lists, picks) for u in b if u != keep)
        if excluded not in seen:
            seen.add(excluded)
            yield excluded


def _slot_states(slot: Slot, usable: frozenset[str], weight: Callable[[Item], int], only_ok: bool) -> dict[Key, Best]:
    states: dict[Key, Best] = {(0, 0, True): (0, 0)}
    cap = slot.max_credits
    for item in slot.items:
        nxt: dict[Key, Best] = {}
        take = item.urn in usable
        for (credits, below, whole), (score, mask) in states.items():
            if not (only_ok and slot.mandatory):
                _keep(nxt, (credits, below, whole and not slot.mandatory), (score, mask << 1))
            if take and (cap is None or credits + item.credit <= cap):
                below_after = below if item.at_level else below + item.credit
                _keep(nxt, (credits + item.credit, below_after, whole), (score + weight(item), mask << 1 | 1))
        states = nxt
    out: dict[Key, Best] = {}
    for (credits, below, whole), value in states.items():
        ok = whole and credits >= slot.min_credits
        if ok or not only_ok:
            _keep(out, (credits, below, ok), value)
    return out


def search(
    structure: Structure,
    usable: frozenset[str],
    weight: Callable[[Item], int] = lambda item: 0,
    only_ok: bool = False,
) -> dict[Key, Best]:
    """Best (total weight, mask) for each reachable key, over subsets of `usable` that keep within
    every group maximum and take at most one unit of each barred list. With only_ok, only subsets
    that meet every group's minimum and include every unit of each mandatory group are kept."""
    table: dict[Key, Best] = {}
    for excluded in _exclusions(structure.barred, usable):
        allowed = usable - excluded
        combined: dict[Key, Best] = {(0, 0, True): (0, 0)}
        for slot in structure.slots:
            states = _slot_states(slot, allowed, weight, only_ok)
            width = len(slot.items)
            nxt: dict[Key, Best] = {}
            for (credits, below, ok), (score, mask) in combined.items():
                for (c, b, ok2), (s, m) in states.items():
                    _keep(nxt, (credits + c, below + b, ok and ok2), (score + s, mask << width | m))
            combined = nxt
        for key, value in combined.items():
            _keep(table, key, value)
    return table


def best_counting(structure: Structure, usable: frozenset[str]) -> tuple[bool, tuple[str, ...]]:
    """The subset of `usable` that counts: achieving the qualification first, then most credits,
    then most credits towards the level rule (up to what it asks), then earliest-listed units."""
    table = search(structure, usable)

    def rank(entry: tuple[Key, Best]) -> tuple:
        (credits, below, ok), (_, mask) = entry
        at_level = min(credits - below, structure.level_credits)
        return (structure.achieves(credits, below, ok), credits, at_level, mask)

    key, (_, mask) = max(table.items(), key=rank)
    return structure.achieves(*key), structure.decode(mask)


def extreme_route(structure: Structure, sign: int) -> tuple[int, int, tuple[str, ...]] | None:
    """(credits, GLH, units) of the valid route with the fewest credits at or above the required
    total, cheapest (sign -1) or dearest (sign +1) in GLH; ties go to earlier-listed units."""
    table = search(structure, frozenset(structure.order), lambda item: sign * (item.glh or 0), only_ok=True)
    valid = [(key[0], value) for key, value in table.items() if structure.achieves(*key)]
    if not valid:
        return None
    size = min(credits for credits, _ in valid)
    score, mask = max(value for credits, value in valid if credits == size)
    return size, sign * score, structure.decode(mask)
