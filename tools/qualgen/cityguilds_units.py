"""Splits the City & Guilds unit pack text into units: heading, header fields, learning outcomes and their criteria."""

# The pack's layout is described in ../shared/seeds/DIGEST.md section 2.4; the traps handled here are the
# indented headings glued to the previous unit, the duplicated "Supporting information" headings, stray page
# numbers, lettered sub-items inside criteria, and guidance lines that begin with criterion-like numbers.

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .common import tidy

SIGNATURE = "Unit 206 Communicate verbally with"
HEADING = re.compile(r"^\s*Unit (\d{3}(?:/\d{3})?) (\S.*)$")
UAN = re.compile(r"^UAN:\s*([A-Z]/\d{3}/\d{4})\s*$")
LABEL = re.compile(r"^(Level|Credit value|GLH|Relationship to NOS|Assessment type|Aim):\s*(.*)$")
LO_HEADING = re.compile(r"^\s*Learning outcome\s*$")
LO_TEXT = re.compile(r"^\s*(\d+)\.\s+(\S.*)$")
AC_HEADING = re.compile(r"^\s*Assessment criteria\s*$")
AC_START = re.compile(r"^\s*(\d+)\.(\d+)\s+(\S.*)$")
SUB_ITEM = re.compile(r"^\s*[a-z]\.\s")
PAGE_NUMBER = re.compile(r"^\s*\d+\s*$")
# Headings that end a block of criteria and open the outcome's guidance.
GUIDANCE_HEADING = re.compile(r"^\s*(Assessment [Gg]uidance(?:/evidence)?|Range)\s*$")
UNIT_SECTION = re.compile(r"^\s*(Additional Guidance if delivered as Portfolio based|Supporting information)\s*$")


@dataclass
class Field:
    """A value built from source lines; `raw` is the source text it came from, whitespace collapsed."""

    value: str
    raw: str
    changes: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    number: str
    text: Field
    criteria: list[tuple[str, Field]]
    after: list[tuple[int, str]]  # (line number, line) from the end of the criteria to the next outcome


@dataclass
class Unit:
    ref: str
    urn: str
    title: Field
    header: dict[str, list[str]]
    outcomes: list[Outcome]
    unit_sections: dict[str, list[tuple[int, str]]]  # printed heading -> lines under it
    first_line: int

    def header_text(self, label: str) -> str | None:
        rows = self.header.get(label)
        return None if rows is None else tidy(" ".join(rows))

    def header_int(self, label: str) -> int | None:
        """The number in a header field ("Level: Level 2" gives 2)."""
        found = re.search(r"\d+", self.header_text(label) or "")
        return int(found.group()) if found else None


def join_wrapped(lines: list[str], keep_sub_items: bool = False) -> Field:
    """Rejoin text wrapped over lines; a wrap after a hyphen closes up ("self-" + "service")."""
    while lines and (not lines[-1].strip() or PAGE_NUMBER.match(lines[-1])):  # page furniture after the text
        lines = lines[:-1]
    parts = [ln.strip() for ln in lines if ln.strip() and not PAGE_NUMBER.match(ln)]
    changes = []
    if len(parts) != len([ln for ln in lines if ln.strip()]):
        changes.append("a stray page number inside the text removed")
    out = ""
    for i, part in enumerate(parts):
        if not out:
            out = part
        elif keep_sub_items and (SUB_ITEM.match(part) or SUB_ITEM.match(parts[i - 1])):
            out += "\n" + part
        elif out.endswith("-") and part[:1].islower() and not out.endswith(" -"):
            out += part
            changes.append("a word hyphenated across a line break is closed up (the extraction left a space after "
                           "the hyphen)")
        else:
            out += " " + part
    value = "\n".join(tidy(line) for line in out.split("\n"))
    return Field(value, tidy(" ".join(lines)), changes)


def split_units(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line index ranges, one per unit, each starting at the heading that precedes a UAN line."""
    uan_rows = [i for i, ln in enumerate(lines) if UAN.match(ln.strip())]
    starts = []
    for row in uan_rows:
        head = next(j for j in range(row, -1, -1) if HEADING.match(lines[j]))
        starts.append(head)
    return [(s, starts[k + 1] if k + 1 < len(starts) else len(lines)) for k, s in enumerate(starts)]


def parse_unit(lines: list[str], start: int, end: int) -> Unit:
    m = HEADING.match(lines[start])
    ref_number = m.group(1)
    title_lines = [m.group(2)]
    i = start + 1
    while lines[i].strip():
        title_lines.append(lines[i])
        i += 1
    uan_row = next(j for j in range(i, end) if UAN.match(lines[j].strip()))
    urn = UAN.match(lines[uan_row].strip()).group(1)
    lo_rows = [j for j in range(uan_row, end) if LO_HEADING.match(lines[j])]
    header = _header(lines[uan_row + 1: lo_rows[0]])
    body_end, sections = _unit_sections(lines, ref_number, lo_rows[-1], end)
    outcomes = []
    for k, row in enumerate(lo_rows):
        stop = lo_rows[k + 1] if k + 1 < len(lo_rows) else body_end
        outcomes.append(_outcome(lines, row, stop))
    return Unit(f"Unit {ref_number}", urn, join_wrapped(title_lines), header, outcomes, sections, start + 1)


def _header(rows: list[str]) -> dict[str, list[str]]:
    """Header fields by label; the four-line "Assessment requirements ... body:" label is folded into one."""
    fields: dict[str, list[str]] = {}
    current = None
    in_requirements_label = False
    for ln in rows:
        text = ln.strip()
        m = LABEL.match(text)
        if in_requirements_label:
            if text.endswith("body:"):
                in_requirements_label = False
            continue
        if m:
            current = m.group(1)
            fields[current] = [m.group(2)] if m.group(2) else []
        elif text == "Assessment" or text.startswith("Assessment requirements"):
            current = "Assessment requirements specified by a sector or regulatory body"
            fields[current] = []
            in_requirements_label = not text.endswith("body:")
        elif current is not None:
            fields[current].append(ln)
    return fields


def _unit_sections(lines: list[str], ref_number: str, last_lo: int, end: int):
    """Find where the last outcome ends: unit-level sections and repeated unit headings follow it."""
    sections: dict[str, list[tuple[int, str]]] = {}
    body_end = end
    current = None
    j = last_lo
    while j < end:
        ln = lines[j]
        heading = HEADING.match(ln)
        section = UNIT_SECTION.match(ln)
        if heading and heading.group(1) == ref_number:
            body_end = min(body_end, j)
            j += 1
            while j < end and lines[j].strip():  # the repeated heading wraps like the first one
                j += 1
            continue
        if section:
            body_end = min(body_end, j)
            current = section.group(1)
            sections[current] = []
        elif current is not None:
            sections[current].append((j + 1, ln))
        j += 1
    return body_end, sections


def _outcome(lines: list[str], row: int, stop: int) -> Outcome:
    j = row + 1
    while not LO_TEXT.match(lines[j]):
        j += 1
    m = LO_TEXT.match(lines[j])
    number = m.group(1)
    text_lines = [m.group(2)]
    j += 1
    while not AC_HEADING.match(lines[j]):
        if lines[j].strip():
            text_lines.append(lines[j])
        j += 1
    j += 1
    while lines[j].strip() != "The learner can:":
        j += 1
    j += 1
    criteria: list[tuple[str, list[str]]] = []
    while j < stop and not GUIDANCE_HEADING.match(lines[j]) and not lines[j].strip().startswith("Evidence may be"):
        ac = AC_START.match(lines[j])
        if ac and ac.group(1) == number:
            criteria.append((f"{ac.group(1)}.{ac.group(2)}", [ac.group(3)]))
        elif lines[j].strip() and criteria:
            criteria[-1][1].append(lines[j])
        j += 1
    after = [(k + 1, lines[k]) for k in range(j, stop)]
    return Outcome(number, join_wrapped(text_lines),
                   [(num, join_wrapped(text, keep_sub_items=True)) for num, text in criteria], after)


def parse_pack(lines: list[str]) -> list[Unit]:
    return [parse_unit(lines, s, e) for s, e in split_units(lines)]
