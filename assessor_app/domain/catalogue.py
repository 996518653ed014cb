"""The qualification model: qualifications, groups, units, outcomes and criteria, read from plain data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

FORMAT = "assessor-app-qualification/1"
KINDS = ("qualification", "unit-bank")
URN_PATTERN = re.compile(r"^[A-Z]/\d{3}/\d{4}$")
OUTCOME_NUMBER_PATTERN = re.compile(r"^\d+$")
CRITERION_NUMBER_PATTERN = re.compile(r"^\d+\.\d+[a-z]?$")


class CatalogueError(ValueError):
    """A qualification file that does not fit the format; `path` names the offending field."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path = path
        self.problem = problem


def number_key(number: str) -> tuple:
    """Sort key for "1", "2.9", "2.10", "3.1a": numeric parts compare as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.findall(r"\d+|[a-z]+", number))


@dataclass(frozen=True)
class Criterion:
    number: str
    text: str
    guidance: str | None = None


@dataclass(frozen=True)
class Outcome:
    number: str
    text: str
    criteria: tuple[Criterion, ...]
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Unit:
    urn: str
    ref: str
    title: str
    level: int | None
    credit: int | None
    glh: int | None
    outcomes: tuple[Outcome, ...]
    mapping: str | None = None
    rationale: str | None = None
    title_on_unit_page: str | None = None
    guidance_intro: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for o in self.outcomes for c in o.criteria)

    @property
    def name(self) -> str:
        """'Unit CS 7' for IMI's refs; Pearson's and City & Guilds' refs already read 'Unit 1'."""
        return self.ref if self.ref.lower().startswith("unit ") else f"Unit {self.ref}"

    def criterion(self, number: str) -> Criterion:
        for c in self.criteria:
            if c.number == number:
                return c
        raise KeyError(f"unit {self.urn} has no criterion {number}")


@dataclass(frozen=True)
class Group:
    name: str
    caption: str
    mandatory: bool
    min_credits: int | None
    max_credits: int | None
    units: tuple[str, ...]


@dataclass(frozen=True)
class Qualification:
    kind: str
    number: str
    title: str
    awarding_body: str
    level: int | None
    credits: int | None
    groups: tuple[Group, ...]
    units: tuple[Unit, ...]
    source: dict[str, Any]
    glh_min: int | None = None
    glh_max: int | None = None
    tqt: int | None = None
    rules: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    corrections: tuple[dict, ...] = ()
    flags: tuple[dict, ...] = ()

    def unit(self, urn: str) -> Unit:
        for u in self.units:
            if u.urn == urn:
                return u
        raise KeyError(f"{self.number} has no unit {urn}")

    def review_notes(self, urn: str) -> dict[str, str]:
        """AC number -> the notes of the flags this file raises on that AC of the unit (text to check by a human)."""
        notes: dict[str, list[str]] = {}
        for flag in self.flags:
            match = re.match(rf"units\[{re.escape(urn)}\]\.outcomes\[\d+\]\.criteria\[([^\]]+)\]$",
                             str(flag.get("where", "")))
            if match and flag.get("field") in ("text", "number"):
                notes.setdefault(match.group(1), []).append(str(flag.get("note", "")))
        return {number: " ".join(texts) for number, texts in notes.items()}

    def unit_by_reference(self, text: str) -> Unit:
        """A unit by URN or by the awarding body's ref ("CS 7"), ignoring case and spaces; KeyError if none."""
        wanted = "".join(text.split()).upper()
        for unit in self.units:
            if unit.urn.upper() == wanted or "".join(unit.ref.split()).upper() == wanted:
                return unit
        raise KeyError(f"{self.number} has no unit {text!r} (give its URN or ref, e.g. {self.units[0].urn})")

    def group_of(self, urn: str) -> Group | None:
        return next((g for g in self.groups if urn in g.units), None)


def normalise_urn(text: str) -> str:
    """'A/506/213 0' as printed becomes 'A/506/2130'."""
    return re.sub(r"\s+", "", text).upper()


class _Reader:
    """Reads typed values out of nested dicts, raising CatalogueError with the value's path."""

    def __init__(self, data: Any, path: str):
        self.data = data
        self.path = path

    def require_object(self) -> dict:
        if not isinstance(self.data, dict):
            raise CatalogueError(self.path or "(top level)", f"expected an object, found {_type_name(self.data)}")
        return self.data

    def get(self, key: str, kind: type | tuple, *, required: bool = True, nullable: bool = False):
        obj = self.require_object()
        where = f"{self.path}.{key}" if self.path else key
        if key not in obj:
            if required:
                raise CatalogueError(where, "missing")
            return None
        value = obj[key]
        if value is None and nullable:
            return None
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            wanted = _kind_names(kinds) + (" or null" if nullable else "")  # built only when needed: loads are hot
            raise CatalogueError(where, f"expected {wanted}, found {_type_name(value)}")
        if isinstance(value, str) and str in kinds and not value.strip() and not nullable:
            raise CatalogueError(where, "must not be empty")
        return value

    def child(self, key: str, value: Any, label: str | None = None) -> "_Reader":
        where = f"{self.path}.{key}" if self.path else key
        return _Reader(value, where if label is None else f"{where}[{label}]")


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}.get(
        type(value), type(value).__name__
    )


def _kind_names(kinds: tuple) -> str:
    return " or ".join(_type_name(k()) if k is not type(None) else "null" for k in kinds)


def _non_negative(reader: _Reader, key: str) -> int | None:
    value = reader.get(key, int, required=False, nullable=True)
    if value is not None and value < 0:
        raise CatalogueError(f"{reader.path}.{key}", "must not be negative")
    return value


def _extra(reader: _Reader) -> dict:
    extra = reader.get("extra", dict, required=False) or {}
    return dict(extra)


def _criterion(reader: _Reader) -> Criterion:
    number = reader.get("number", str)
    if not CRITERION_NUMBER_PATTERN.match(number):
        raise CatalogueError(f"{reader.path}.number", f"{number!r} is not an AC number like 1.2")
    return Criterion(
        number=number,
        text=reader.get("text", str),
        guidance=reader.get("guidance", str, required=False, nullable=True),
    )


def _outcome(reader: _Reader) -> Outcome:
    number = reader.get("number", str)
    if not OUTCOME_NUMBER_PATTERN.match(number):
        raise CatalogueError(f"{reader.path}.number", f"{number!r} is not a learning outcome number")
    raw = reader.get("criteria", list)
    if not raw:
        raise CatalogueError(f"{reader.path}.criteria", "a learning outcome needs at least one criterion")
    criteria = []
    for i, item in enumerate(raw):
        label = item.get("number", i) if isinstance(item, dict) else i
        criteria.append(_criterion(reader.child("criteria", item, str(label))))
    return Outcome(number=number, text=reader.get("text", str), criteria=tuple(criteria), extra=_extra(reader))


def _unit(reader: _Reader) -> Unit:
    urn = reader.get("urn", str)
    if not URN_PATTERN.match(urn):
        raise CatalogueError(f"{reader.path}.urn", f"{urn!r} is not an Ofqual unit reference like A/506/2130")
    raw = reader.get("outcomes", list)
    if not raw:
        raise CatalogueError(f"{reader.path}.outcomes", "a unit needs at least one learning outcome")
    outcomes = []
    for i, item in enumerate(raw):
        label = item.get("number", i) if isinstance(item, dict) else i
        outcomes.append(_outcome(reader.child("outcomes", item, str(label))))
    _refuse_duplicates([o.number for o in outcomes], f"{reader.path}.outcomes", "learning outcome")
    _refuse_duplicates([c.number for o in outcomes for c in o.criteria], f"{reader.path}.outcomes", "criterion")
    return Unit(
        urn=urn,
        ref=reader.get("ref", str),
        title=reader.get("title", str),
        level=_non_negative(reader, "level"),
        credit=_non_negative(reader, "credit"),
        glh=_non_negative(reader, "glh"),
        outcomes=tuple(outcomes),
        mapping=reader.get("mapping", str, required=False, nullable=True),
        rationale=reader.get("rationale", str, required=False, nullable=True),
        title_on_unit_page=reader.get("title_on_unit_page", str, required=False, nullable=True),
        guidance_intro=reader.get("guidance_intro", str, required=False, nullable=True),
        extra=_extra(reader),
    )


def _refuse_duplicates(values: list[str], path: str, what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise CatalogueError(path, f"duplicate {what} number {value}")
        seen.add(value)


def _group(reader: _Reader, known_urns: set[str]) -> Group:
    units = reader.get("units", list)
    for i, urn in enumerate(units):
        if not isinstance(urn, str):
            raise CatalogueError(f"{reader.path}.units[{i}]", f"expected string, found {_type_name(urn)}")
        if urn not in known_urns:
            raise CatalogueError(f"{reader.path}.units[{i}]", f"unknown unit reference {urn}")
    min_credits = _non_negative(reader, "min_credits")
    max_credits = _non_negative(reader, "max_credits")
    if min_credits is not None and max_credits is not None and min_credits > max_credits:
        raise CatalogueError(reader.path, f"min_credits {min_credits} is above max_credits {max_credits}")
    return Group(
        name=reader.get("name", str),
        caption=reader.get("caption", str, required=False) or "",
        mandatory=reader.get("mandatory", bool),
        min_credits=min_credits,
        max_credits=max_credits,
        units=tuple(units),
    )


def qualification_from_dict(data: Any) -> Qualification:
    """Build a Qualification from parsed JSON, or raise CatalogueError naming the bad field."""
    top = _Reader(data, "")
    top.require_object()
    fmt = top.get("format", str)
    if fmt != FORMAT:
        raise CatalogueError("format", f"expected {FORMAT!r}, found {fmt!r}")
    kind = top.get("kind", str)
    if kind not in KINDS:
        raise CatalogueError("kind", f"expected one of {', '.join(KINDS)}, found {kind!r}")
    raw_units = top.get("units", list)
    if not raw_units:
        raise CatalogueError("units", "a qualification file needs at least one unit")
    units = []
    for i, item in enumerate(raw_units):
        label = item.get("urn", i) if isinstance(item, dict) else i
        units.append(_unit(top.child("units", item, str(label))))
    _refuse_duplicates([u.urn for u in units], "units", "unit")
    known = {u.urn for u in units}
    groups = tuple(
        _group(top.child("groups", item, str(item.get("name", i)) if isinstance(item, dict) else str(i)), known)
        for i, item in enumerate(top.get("groups", list))
    )
    if kind == "qualification" and not groups:
        raise CatalogueError("groups", "a qualification needs at least one group")
    rules = _rules(top.child("rules", top.get("rules", dict, required=False) or {}), known)
    source = top.child("source", top.get("source", dict))
    source.get("title", str)
    return Qualification(
        kind=kind,
        number=top.get("number", str),
        title=top.get("title", str),
        awarding_body=top.get("awarding_body", str),
        level=_non_negative(top, "level"),
        credits=_non_negative(top, "credits"),
        groups=groups,
        units=tuple(units),
        source=source.data,
        glh_min=_non_negative(top, "glh_min"),
        glh_max=_non_negative(top, "glh_max"),
        tqt=_non_negative(top, "tqt"),
        rules=rules,
        corrections=_records(top, "corrections"),
        flags=_records(top, "flags"),
    )


def _rules(reader: _Reader, known: set[str]) -> dict:
    statement = reader.get("statement", list, required=False) or []
    for j, sentence in enumerate(statement):
        if not isinstance(sentence, str):
            raise CatalogueError(f"{reader.path}.statement[{j}]", f"expected string, found {_type_name(sentence)}")
    _non_negative(reader, "min_credits")
    at_level = reader.get("min_credits_at_or_above_level", dict, required=False, nullable=True)
    if at_level is not None:
        rule = reader.child("min_credits_at_or_above_level", at_level)
        for key in ("level", "credits"):
            if rule.get(key, int) < 0:
                raise CatalogueError(f"{rule.path}.{key}", "must not be negative")
    for j, group in enumerate(reader.get("barred", list, required=False) or []):
        if not (isinstance(group, list) and len(group) >= 2 and all(isinstance(u, str) and u in known
                                                                      for u in group)):
            raise CatalogueError(f"{reader.path}.barred[{j}]", "expected a list of two or more known unit references")
    return dict(reader.data)


def _records(reader: _Reader, key: str) -> tuple[dict, ...]:
    items = reader.get(key, list, required=False) or []
    for j, item in enumerate(items):
        if not isinstance(item, dict):
            raise CatalogueError(f"{key}[{j}]", f"expected object, found {_type_name(item)}")
    return tuple(items)


def canonical(q: Qualification) -> dict:
    """The canonical form of DESIGN.md section 6: the fields every consumer may rely on."""
    return {
        "number": q.number,
        "title": q.title,
        "awarding_body": q.awarding_body,
        "level": q.level,
        "credits": q.credits,
        "groups": [
            {
                "name": g.name,
                "mandatory": g.mandatory,
                "min_credits": g.min_credits,
                "max_credits": g.max_credits,
                "units": list(g.units),
            }
            for g in q.groups
        ],
        "units": [
            {
                "urn": u.urn,
                "ref": u.ref,
                "title": u.title,
                "level": u.level,
                "credit": u.credit,
                "glh": u.glh,
                "outcomes": [
                    {
                        "number": o.number,
                        "text": o.text,
                        "criteria": [{"number": c.number, "text": c.text, "guidance": c.guidance} for c in o.criteria],
                    }
                    for o in o_sorted(u.outcomes)
                ],
            }
            for u in q.units
        ],
    }


def o_sorted(outcomes: tuple[Outcome, ...]) -> list[Outcome]:
    return sorted(outcomes, key=lambda o: number_key(o.number))
