"""Reads the IMI Learner Assessment Record text into raw tables: structure rows, unit pages and guidance rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .common import tidy

STRUCTURE_HEADER = "CFA Ref.\tOfqual Ref.\tTitle\tCredit\tLevel\tGLH"
GROUP_CAPTION = re.compile(r"^(Mandatory|Optional) Group ([A-Z])(.*)$")
UNIT_HEADING = re.compile(r"^UNIT REF: (.+?)\tUNIT TITLE: (.+)$")
LEVEL_LINE = re.compile(r"^Level: (\d+)\tCredit Value: (\d+)\tGLH: (\d+)$")
LO_CELL = re.compile(r"^(\d+)(\.?)\s+(.+)$")
AC_CELL = re.compile(r"^(\d+\.\d+)(\.?)\s+(.+)$")
NO_GUIDANCE = "No assessment guidance available for this unit."
P_WRAPPED = re.compile(r"^<p>(.*)</p>$")


class LayoutError(ValueError):
    """The text does not have the layout this parser was written for (the seed changed)."""


@dataclass
class StructureRow:
    group: str
    ref: str
    urn_printed: str
    title: str
    credit: int
    level: int
    glh: int


@dataclass
class Group:
    name: str
    caption: str
    refs: list[str] = field(default_factory=list)


@dataclass
class RawCriterion:
    number: str           # normalised, e.g. "1.5"
    printed_number: str   # as printed, e.g. "1.5."
    text: str
    line: int


@dataclass
class RawOutcome:
    number: str
    printed_number: str
    text: str
    line: int
    criteria: list[RawCriterion] = field(default_factory=list)


@dataclass
class GuidanceRow:
    printed_number: str   # the AC number the row cites
    ac_cell: str          # the AC cell as printed (HTML <p> wrapper removed for matching)
    raw_ac_cell: str      # the AC cell exactly as printed
    guidance_cells: list[str]  # the row's guidance cell, then any continuation rows' cells
    line: int


@dataclass
class RawUnit:
    ref: str
    title_on_unit_page: str
    level: int
    credit: int
    glh: int
    mapping: str
    rationale_line: str
    outcomes: list[RawOutcome]
    guidance_intro_raw: str | None
    guidance_rows: list[GuidanceRow]
    line: int


@dataclass
class RawDocument:
    title: str
    number: str
    version: str
    cover_note: str
    cover_heading: list[str]  # the cover's lines above the qualification title, as printed
    copyright: str
    rules: list[str]
    glh_min: int
    glh_max: int
    groups: list[Group]
    structure: list[StructureRow]
    units: list[RawUnit]


def parse(lines: list[str]) -> RawDocument:
    """The whole document; raises LayoutError when an expected landmark is missing."""
    title = _line_after(lines, "QUALIFICATION SPECIFICATION PART B LEARNER ASSESSMENT RECORD")
    number = _value(lines, r"^Ofqual I\.D: (\S+)$")
    version = _value(lines, r"^(Version \d+: .+)$")
    cover_note = _value(lines, r"^(Note: The Learner Guidance .+)$")
    cover_heading = [_value(lines, r"^(IMI QUALIFICATION)$"),
                     _value(lines, r"^(QUALIFICATION SPECIFICATION PART B LEARNER ASSESSMENT RECORD)$")]
    copyright_line = _value(lines, r"^(© \d{4} IMI)$")
    rules, glh_min, glh_max = _rules(lines)
    groups, structure = _structure(lines)
    starts = [i for i, line in enumerate(lines) if UNIT_HEADING.match(line)]
    ends = starts[1:] + [next(i for i, line in enumerate(lines) if line == "ASSESSOR COMMENTS AND FEEDBACK")]
    units = [_unit(lines, start, end) for start, end in zip(starts, ends)]
    return RawDocument(title, number, version, cover_note, cover_heading, copyright_line, rules, glh_min, glh_max, groups, structure, units)


def _line_after(lines: list[str], landmark: str) -> str:
    i = lines.index(landmark)
    return next(line for line in lines[i + 1:] if line.strip()).strip()


def _value(lines: list[str], pattern: str) -> str:
    for line in lines:
        m = re.match(pattern, line.strip())
        if m:
            return m.group(1)
    raise LayoutError(f"no line matches {pattern!r}")


def _rules(lines: list[str]) -> tuple[list[str], int, int]:
    """The printed rules of combination, split into sentences, and the GLH range."""
    start = next(i for i, line in enumerate(lines) if line.startswith("To achieve a Level"))
    statement: list[str] = []
    glh: dict[str, int] = {}
    for line in lines[start:]:
        if GROUP_CAPTION.match(line):
            break
        m = re.match(r"^(Minimum|Maximum) GLH: (\d+)$", line.strip())
        if m:
            glh[m.group(1)] = int(m.group(2))
        elif line.strip():
            # "... 45 credits. (A minimum of ...)" is two printed sentences on one line
            statement.extend(s for s in re.split(r"(?<=\.) (?=\()", line.strip()))
    return statement, glh["Minimum"], glh["Maximum"]


def _structure(lines: list[str]) -> tuple[list[Group], list[StructureRow]]:
    groups: list[Group] = []
    rows: list[StructureRow] = []
    first_unit = next(i for i, line in enumerate(lines) if UNIT_HEADING.match(line))
    for line in lines[:first_unit]:
        caption = GROUP_CAPTION.match(line)
        if caption:
            name = caption.group(2)
            if not groups or groups[-1].name != name:  # "Optional Group C continued." is a page break
                groups.append(Group(name, line.strip()))
            continue
        cells = line.split("\t")
        if groups and len(cells) == 6 and line != STRUCTURE_HEADER:
            ref, urn, title, credit, level, glh = (c.strip() for c in cells)
            rows.append(StructureRow(groups[-1].name, ref, urn, title, int(credit), int(level), int(glh)))
            groups[-1].refs.append(ref)
    if not rows:
        raise LayoutError("no qualification structure table found")
    return groups, rows


def _unit(lines: list[str], start: int, end: int) -> RawUnit:
    heading = UNIT_HEADING.match(lines[start])
    ref, page_title = heading.group(1).strip(), heading.group(2).strip()
    body = lines[start:end]
    level = credit = glh = None
    mapping = rationale = None
    for line in body:
        m = LEVEL_LINE.match(line.strip())
        if m and level is None:
            level, credit, glh = (int(g) for g in m.groups())
        elif line.startswith("Mapping:") and mapping is None:
            mapping = line.split("\t")[0][len("Mapping:"):].strip()
        elif "Rationale" in line[:20] and rationale is None:
            rationale = line.split("\t")[0].strip()
    if level is None or mapping is None or rationale is None:
        raise LayoutError(f"unit {ref} (line {start + 1}): header fields missing")
    signature = next(i for i in range(start, end) if lines[i].startswith("ASSESSOR SIGNATURE:"))
    outcomes = _outcomes(lines, start, signature, ref)
    caption = f"Unit {ref} Assessment Guidance table"
    g_start = next((i for i in range(signature, end) if lines[i].strip() == caption), None)
    if g_start is None:
        raise LayoutError(f"unit {ref}: no {caption!r}")
    intro, rows = _guidance(lines, g_start + 1, end, ref)
    return RawUnit(ref, page_title, level, credit, glh, mapping, rationale, outcomes, intro, rows, start + 1)


def _outcomes(lines: list[str], start: int, stop: int, ref: str) -> list[RawOutcome]:
    outcomes: list[RawOutcome] = []
    for i in range(start, stop):
        cells = lines[i].split("\t")
        if len(cells) < 2:
            continue
        lo_cell, ac_cell = cells[0].strip(), cells[1].strip()
        ac = AC_CELL.match(ac_cell)
        if not ac:
            continue  # table headers, repeated after page breaks, have no AC number
        if lo_cell:
            lo = LO_CELL.match(lo_cell)
            if not lo:
                raise LayoutError(f"unit {ref} line {i + 1}: LO cell without a number: {lo_cell!r}")
            outcomes.append(RawOutcome(lo.group(1), lo.group(1) + lo.group(2), tidy(lo.group(3)), i + 1))
        elif not outcomes:
            raise LayoutError(f"unit {ref} line {i + 1}: AC row before any learning outcome")
        outcomes[-1].criteria.append(RawCriterion(ac.group(1), ac.group(1) + ac.group(2), tidy(ac.group(3)), i + 1))
    return outcomes


def _guidance(lines: list[str], start: int, end: int, ref: str) -> tuple[str | None, list[GuidanceRow]]:
    body = []
    for i in range(start, end):
        if lines[i].strip() == "Learner Name:":  # the next unit's page begins
            break
        if lines[i].strip():
            body.append((i, lines[i]))
    if not body:
        raise LayoutError(f"unit {ref}: empty guidance section")
    first = body[0][1].strip()
    if first == NO_GUIDANCE:
        return None, []
    intro = body[0][1].split("\t")[0].strip()
    rows: list[GuidanceRow] = []
    for i, line in body[1:]:
        ac_cell, _, guidance_cell = line.partition("\t")
        raw_ac = ac_cell.strip()
        if not raw_ac:
            if not rows:
                raise LayoutError(f"unit {ref} line {i + 1}: continuation row before any guidance row")
            rows[-1].guidance_cells.append(guidance_cell.strip())
            continue
        wrapped = P_WRAPPED.match(raw_ac)
        cell = wrapped.group(1).strip() if wrapped else raw_ac
        m = AC_CELL.match(cell)
        if not m:
            raise LayoutError(f"unit {ref} line {i + 1}: guidance row without an AC number: {raw_ac[:60]!r}")
        rows.append(GuidanceRow(m.group(1), tidy(m.group(3)), raw_ac, [guidance_cell.strip()], i + 1))
    return intro, rows
