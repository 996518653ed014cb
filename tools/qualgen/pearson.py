"""Builds the Pearson BTEC Level 2 Award (601/5358/1) and Certificate (601/5359/3) in Principles of Customer Service."""

from __future__ import annotations

import re
from pathlib import Path

from assessor_app.domain.catalogue import normalise_urn

from .common import Ledger, find_source, load_corrections, qualification_document, tidy, unit_path
from .pearson_table import read_table, to_outcomes

SIGNATURE = "Pearson BTEC Level 2 Certificate in Principles of Customer Service"
PUBLISHER = "Pearson"
CORRECTIONS = "pearson"
UNIT_HEADING = re.compile(r"^Unit (\d+): (.+)$")
STRUCTURE_ROW = re.compile(r"^(\d+)\t([A-Z]/\d{3}/\d{4})\t([^\t]+)\t(\d+)\t(\d+)\t(\d+)\s*$")
TABLE_INTRO = "Learning outcomes, assessment criteria and unit amplification"
ENDS_SENTENCE = (".", "!", "?", ":")


def _index(lines: list[str], text: str, start: int = 0, stop: int | None = None) -> int:
    """Index of the first line equal to `text` (ignoring outer white space) in lines[start:stop]."""
    for i in range(start, len(lines) if stop is None else stop):
        if lines[i].strip() == text:
            return i
    raise ValueError(f"{text!r} not found after line {start + 1}")


def _index_or_none(lines: list[str], text: str, start: int, stop: int) -> int | None:
    try:
        return _index(lines, text, start, stop)
    except ValueError:
        return None


def _paragraphs(lines: list[str], start: int, stop: int) -> list[str]:
    """Non-empty lines as paragraphs; a paragraph cut by a page break (no full stop, next starts lower case) is rejoined."""
    out: list[str] = []
    for raw in lines[start:stop]:
        text = tidy(raw)
        if not text:
            continue
        if out and not out[-1].endswith(ENDS_SENTENCE) and text[0].islower():
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def _summary(lines: list[str]) -> dict[str, dict[str, str]]:
    """Section 2's key-information tables, one per qualification title: label -> printed value."""
    tables: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    label = ""
    for raw in lines:
        if raw.startswith("Qualification title\t"):
            current = tables.setdefault(raw.split("\t", 1)[1].strip(), {})
        if current is None:
            continue
        if not raw.strip():
            if len(current) > 1:
                current = None
            continue
        head, _, value = raw.partition("\t")
        if head.strip():
            label = head.strip()
            current[label] = value.strip()
        else:
            current[label] = f"{current[label]}, {value.strip()}"
    return tables


def _structures(lines: list[str], titles: list[str]) -> dict[str, dict]:
    """Section 3: for each qualification, its printed rule sentences and its unit rows by group caption."""
    section = _index(lines, "3 Qualification structures")
    end = _index(lines, "4 Assessment", section)
    out = {}
    for title in titles:
        start = _index(lines, title, section, end)
        header = next(i for i in range(start, end) if lines[i].startswith("Unit\tUnit reference number\t"))
        statement = [tidy(x) for x in lines[start + 1:header] if x.strip()]
        caption = lines[header].split("\t")[2].strip()
        groups: dict[str, list[dict]] = {caption: []}
        for raw in lines[header + 1:end]:
            if not raw.strip():
                break
            m = STRUCTURE_ROW.match(raw)
            if m:
                ref, urn, name, level, credit, glh = m.groups()
                groups[caption].append({"ref": f"Unit {ref}", "urn": urn, "title": name.strip(),
                                        "level": int(level), "credit": int(credit), "glh": int(glh)})
            elif raw.strip():
                caption = raw.strip()
                groups[caption] = []
        out[title] = {"statement": statement, "groups": groups}
    return out


def _unit_blocks(lines: list[str]) -> dict[str, tuple[int, int]]:
    """'Unit 1' -> (first line, line after last) of each unit's pages in section 12."""
    start = _index(lines, "12 Units")
    end = _index(lines, "13 Further information and useful publications", start)
    heads = [i for i in range(start, end) if UNIT_HEADING.match(lines[i])]
    return {f"Unit {UNIT_HEADING.match(lines[h]).group(1)}": (h, nxt)
            for h, nxt in zip(heads, heads[1:] + [end])}


def _labelled_int(lines: list[str], label: str, start: int, stop: int) -> int:
    for raw in lines[start:stop]:
        if raw.startswith(f"{label}:"):
            return int(raw.split(":", 1)[1])
    raise ValueError(f"no {label!r} in lines {start + 1}-{stop}")


def _unit(lines: list[str], row: dict, block: tuple[int, int], hand: dict, ledger: Ledger) -> dict:
    """One unit dict, read from its pages; structure-table values are checked against the unit page."""
    start, stop = block
    ref_line = next(i for i in range(start, stop) if lines[i].startswith("Unit reference number:"))
    heading = tidy(" ".join([UNIT_HEADING.match(lines[start]).group(2), *lines[start + 1:ref_line]]))
    urn = normalise_urn(lines[ref_line].split(":", 1)[1])
    if urn != row["urn"]:
        raise ValueError(f"{row['ref']}: unit page {urn} but structure table {row['urn']}")
    page = {k: _labelled_int(lines, label, start, stop) for k, label in
            (("level", "Level"), ("credit", "Credit value"), ("glh", "Guided learning hours"))}
    for key, value in page.items():
        if value != row[key]:
            ledger.flag(unit_path(urn), key, [{"source": "structure table", "value": row[key]},
                                              {"source": "unit page", "value": value}],
                        "The structure table and the unit page disagree; the unit page's value is kept.")
    aim = _index(lines, "Unit aim", ref_line, stop)
    resources = _index(lines, "Essential resources", aim, stop)
    table = next(i for i in range(resources, stop) if "nit amplification" in lines[i])
    intro = _index_or_none(lines, TABLE_INTRO, resources, table)
    delivery = _index(lines, "Delivery", table, stop)
    tutors = _index_or_none(lines, "Information for tutors", table, delivery)
    assessment = _index(lines, "Assessment", delivery, stop)
    suggested = _index(lines, "Suggested resources", assessment, stop)
    parsed = read_table(lines, table, tutors if tutors is not None else delivery, urn,
                        hand.get("rows", {}).get(row["ref"], []))
    return {
        "urn": urn,
        "ref": row["ref"],
        "title": row["title"],
        "title_on_unit_page": heading if heading != row["title"] else None,
        "level": page["level"],
        "credit": page["credit"],
        "glh": page["glh"],
        "mapping": None,
        "rationale": "\n".join(_paragraphs(lines, aim + 1, resources)),
        "guidance_intro": "\n".join(_paragraphs(lines, intro + 1, table)) if intro is not None else None,
        "outcomes": to_outcomes(lines, parsed, urn, ledger),
        "extra": {
            "essential_resources": _paragraphs(lines, resources + 1, intro if intro is not None else table),
            "delivery_guidance": _paragraphs(lines, delivery + 1, assessment),
            "assessment_guidance": _paragraphs(lines, assessment + 1, suggested),
            "suggested_resources": [tidy(x) for x in lines[suggested + 1:stop] if x.strip()],
        },
    }
