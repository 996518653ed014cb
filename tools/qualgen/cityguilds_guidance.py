"""Reads the City & Guilds guidance printed after each outcome's criteria: guidance, range, evidence lists, notes."""

# In this extraction a bullet glyph survives only as a leading space; its wrapped lines start at column 0, often
# after an empty line. Text is rebuilt line by line: a bullet item becomes one line starting "• " (listed as a
# correction, since the glyph itself is not in the text), a wrapped line joins the line it continues.

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cityguilds_units import GUIDANCE_HEADING, PAGE_NUMBER, Field, Unit
from .common import tidy

BULLET = "• "
UNLABELLED = "the guidance is printed without its AC label"
EVIDENCE_HEADING = re.compile(r"^\s*Evidence may be supplied by:\s*$")
NOTE_START = re.compile(r"^\s*(\*|Note:)")
OUTCOME_LINE = re.compile(r"^Outcome \d+ ")  # a sub-heading printed indented, not a bullet item
AC_LABEL = re.compile(r"^\s*(\d+\.\d+)(?:\s+(\S.*))?\s*$")
UNIT_KEYS = {
    "Additional Guidance if delivered as Portfolio based": "additional_guidance_if_delivered_as_portfolio_based",
    "Supporting information": "supporting_information",
}


@dataclass
class UnitGuidance:
    criteria: dict[str, Field] = field(default_factory=dict)
    outcomes: dict[str, dict] = field(default_factory=dict)  # LO number -> extra key -> Field or [Field]
    unit: dict[str, object] = field(default_factory=dict)


def _trim(lines: list[str]) -> list[str]:
    """Drop blank and page-number lines at either end (they belong to no text)."""
    start, end = 0, len(lines)
    while start < end and (not lines[start].strip() or PAGE_NUMBER.match(lines[start])):
        start += 1
    while end > start and (not lines[end - 1].strip() or PAGE_NUMBER.match(lines[end - 1])):
        end -= 1
    return lines[start:end]


def _unbalanced(text: str) -> bool:
    return text.count("(") > text.count(")")


def _continues(kind: str, prev: str, text: str, gap: str) -> bool:
    """Whether a column-0 line continues the previous line rather than starting a new one."""
    if gap == "strong":
        return False
    if kind == "item":
        return text[0].islower() or text[0] in "),;:" or _unbalanced(prev)
    if prev.endswith(":"):
        return False
    if text[0].islower() or _unbalanced(prev):
        return True
    return gap == "none" and not prev.endswith(".")


def format_block(lines: list[str], glyph: str = BULLET) -> Field | None:
    """Printed lines -> text with one line per bullet item or paragraph; None when nothing is printed."""
    lines = _trim(lines)
    if not lines:
        return None
    changes: list[str] = []
    items: list[list[str]] = []  # [kind, text]; kind "item" (lost glyph), "sub" (printed "o "), "plain"
    gap = "none"
    for ln in lines:
        if ln == "":
            gap = "weak" if gap == "none" else gap
            continue
        if not ln.strip():
            gap = "strong"  # a line of spaces separates paragraphs in this extraction
            continue
        if PAGE_NUMBER.match(ln):
            changes.append("a stray page number inside the text removed")
            continue
        text = tidy(ln)
        lead = len(ln) - len(ln.lstrip(" "))
        if 1 <= lead <= 3 and not text.endswith(":") and not text.startswith("*") and not OUTCOME_LINE.match(text):
            kind = "item"
        elif text.startswith("o "):
            kind = "sub"
        else:
            kind = "plain"
        if kind == "plain" and items and _continues(items[-1][0] if items[-1][0] != "sub" else "item",
                                                    items[-1][1], text, gap):
            prev = items[-1][1]
            if prev.endswith("-") and not prev.endswith(" -") and text[0].islower():
                items[-1][1] = prev + text
                changes.append("a word hyphenated across a line break is closed up")
            else:
                items[-1][1] = prev + " " + text
        else:
            items.append([kind, text])
        gap = "none"
    rendered = []
    for kind, text in items:
        if kind == "item" and glyph:
            rendered.append(glyph + text)
            if "bullet glyphs lost in the extraction restored" not in changes:
                changes.insert(0, "bullet glyphs lost in the extraction restored")
        else:
            rendered.append(text)
    return Field("\n".join(rendered), tidy(" ".join(lines)), changes)


def plain_lines(lines: list[str]) -> Field | None:
    """Like format_block, but items keep no glyph (used for the NOS mapping list)."""
    return format_block(lines, glyph="")


def evidence_items(lines: list[str]) -> list[Field]:
    """The items of an "Evidence may be supplied by:" list, each as printed (no glyph: the list is the structure)."""
    items: list[list[str]] = []
    for ln in lines:
        if not ln.strip() or PAGE_NUMBER.match(ln):
            continue
        if ln.startswith(" ") or not items:
            items.append([ln])
        else:
            items[-1].append(ln)
    return [f for f in (format_block(item, glyph="") for item in items) if f is not None]


def _split_evidence(after: list[str]) -> tuple[list[str], list[str] | None, list[str]]:
    """An outcome's lines after its criteria -> (guidance lines, evidence list lines or None, notes lines)."""
    heading = next((i for i, ln in enumerate(after) if EVIDENCE_HEADING.match(ln)), None)
    if heading is None:
        return after, None, []
    rest = after[heading + 1:]
    end = len(rest)
    last_item = None
    for i, ln in enumerate(rest):
        if not ln.strip() or PAGE_NUMBER.match(ln):
            continue
        if NOTE_START.match(ln) or (not ln.startswith(" ") and (last_item is None or not _continues(
                "item", rest[last_item], tidy(ln), "weak"))):
            end = i
            break
        last_item = i
    return after[:heading], rest[:end], rest[end:]


def _notes(lines: list[str]) -> list[Field]:
    """Note and footnote paragraphs; each "Note:" or "*" line opens a new one."""
    groups: list[list[str]] = []
    for ln in lines:
        if NOTE_START.match(ln) or not groups:
            groups.append([ln])
        else:
            groups[-1].append(ln)
    return [f for f in (format_block(g) for g in groups) if f is not None]


def _per_criterion(lines: list[str], numbers: list[str], unlabelled: dict[str, str]) -> dict[str, Field] | None:
    """Guidance keyed by AC label lines ("1.1 ..."), or None when the block does not open with the first AC's label."""
    first = next((ln for ln in lines if ln.strip()), "")
    label = AC_LABEL.match(first)
    if not label or label.group(1) != numbers[0]:
        return None
    blocks: dict[str, list[str]] = {}
    current = None
    for ln in lines:
        m = AC_LABEL.match(ln)
        opens = next((n for n, start in unlabelled.items() if tidy(ln).startswith(start)), None)
        if m and m.group(1) in numbers and m.group(1) not in blocks:
            current = m.group(1)
            blocks[current] = [m.group(2) or ""]
        elif opens and opens in numbers:
            current = opens
            blocks[current] = [ln]
        elif current is not None:
            blocks[current].append(ln)
    out = {}
    for number, block in blocks.items():
        f = format_block(block)
        if f is not None and number in unlabelled:
            f.changes.append(f"{UNLABELLED}; it follows the guidance for the AC before it and describes AC "
                             f"{number}, the next AC in order, so it is attached to {number}")
        if f is not None:
            out[number] = f
    return out


def read_unit(unit: Unit, unlabelled: dict[str, str]) -> UnitGuidance:
    result = UnitGuidance()
    last = unit.outcomes[-1].number
    for o in unit.outcomes:
        after = [ln for _, ln in o.after]
        guidance, evidence, notes = _split_evidence(after)
        if evidence is None and o.number == last:
            cut = next((i for i, ln in enumerate(guidance) if ln.startswith("Note: this unit")), None)
            if cut is not None:
                guidance, notes = guidance[:cut], guidance[cut:]
        extra: dict = {}
        sections: list[tuple[str, list[str]]] = []
        for ln in guidance:
            m = GUIDANCE_HEADING.match(ln)
            if m:
                sections.append(("range" if m.group(1) == "Range" else "assessment_guidance", []))
            elif sections:
                sections[-1][1].append(ln)
            elif ln.strip() and not PAGE_NUMBER.match(ln):
                raise ValueError(f"{unit.ref} LO {o.number}: text before any guidance heading: {ln!r}")
        for key, block in sections:
            per_ac = _per_criterion(block, [n for n, _ in o.criteria], unlabelled)
            if per_ac is not None:
                result.criteria.update(per_ac)
                continue
            f = format_block(block)
            if f is not None:
                if key in extra:
                    raise ValueError(f"{unit.ref} LO {o.number}: two {key} sections")
                extra[key] = f
        if evidence is not None:
            extra["evidence_may_be_supplied_by"] = evidence_items(evidence)
        found = _notes(notes)
        if found and o.number == last:
            result.unit["notes"] = found
        elif found:
            extra["notes"] = found
        result.outcomes[o.number] = extra
    for heading, rows in unit.unit_sections.items():
        f = format_block([ln for _, ln in rows])
        if f is not None:
            result.unit[UNIT_KEYS[heading]] = f
    return result
