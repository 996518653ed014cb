"""Builds the Pearson BTEC Level 2 Award (601/5358/1) and Certificate (601/5359/3) in Principles of Customer Service."""

from __future__ import annotations

import re
from pathlib import Path

from assessor_app.domain.catalogue import normalise_urn
from assessor_app.domain.lar_model import INFERRED_KIND

from .common import Ledger, find_source, load_corrections, qualification_document, tidy, unit_path
from .pearson_table import is_header, read_table, to_outcomes

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
    """Non-empty lines as paragraphs; one cut by a page break (no full stop, next starts lower case) is rejoined."""
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
    table = next(i for i in range(resources, stop) if is_header(lines[i]))
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


def _group(name: str, caption: str, mandatory: bool, rows: list[dict], low: int | None, high: int | None) -> dict:
    return {"name": name, "caption": caption, "mandatory": mandatory, "min_credits": low, "max_credits": high,
            "units": [r["urn"] for r in rows]}


def _said(statement: list[str], pattern: str) -> int:
    found = [m for s in statement if (m := re.fullmatch(pattern, s))]
    if len(found) != 1:
        raise ValueError(f"expected one rule sentence like {pattern!r} in {statement}")
    return int(found[0].group(1))


def _groups(structure: dict) -> tuple[int, list[dict]]:
    """(credits to achieve, groups) from the printed sentences, checked against the table's credits."""
    statement, tables = structure["statement"], structure["groups"]
    captions = list(tables)
    mandatory_rows = tables[captions[0]]
    if len(captions) == 1:  # the Award: "7 credits must be achieved from the 2 mandatory units."
        m = re.fullmatch(r"(\d+) credits must be achieved from the (\d+) mandatory units\.", statement[-1])
        total, count = int(m.group(1)), int(m.group(2))
        if count != len(mandatory_rows) or total != sum(r["credit"] for r in mandatory_rows):
            raise ValueError(f"{statement[-1]!r} disagrees with the structure table")
        return total, [_group("Mandatory", captions[0], True, mandatory_rows, total, total)]
    total = _said(statement, r"Number of credits that must be achieved (\d+)")
    mandatory = _said(statement, r"Number of mandatory credits that must be achieved (\d+)")
    optional = _said(statement, r"Minimum number of optional credits that must be achieved (\d+)")
    if mandatory != sum(r["credit"] for r in mandatory_rows) or mandatory + optional != total:
        raise ValueError(f"rules {statement} disagree with the structure table")
    return total, [_group("Mandatory", captions[0], True, mandatory_rows, mandatory, mandatory),
                   _group("Optional", captions[1], False, tables[captions[1]], optional, None)]


def _field_text(value) -> str:
    return value if isinstance(value, str) else "\n".join(value or [])


def _hand_flags(flags: list[dict], ref: str, unit: dict, ledger: Ledger, matched: set[int]) -> None:
    """Printed oddities kept as printed, from corrections/pearson.json; each must name a real field.

    A flag for unit "*" goes on every unit whose field contains its text."""
    for n, f in enumerate(flags):
        if f["unit"] not in (ref, "*"):
            continue
        path, target = [], unit
        if "outcome" in f:
            target = next(o for o in unit["outcomes"] if o["number"] == f["outcome"])
            path.append(f"outcomes[{f['outcome']}]")
        if "criterion" in f:
            target = next(c for o in unit["outcomes"] for c in o["criteria"] if c["number"] == f["criterion"])
            path = [f"outcomes[{f['criterion'].split('.')[0]}]", f"criteria[{f['criterion']}]"]
        name = f["field"]
        value = target["extra"][name[6:]] if name.startswith("extra.") else target[name]
        if "contains" in f and f["contains"] not in _field_text(value):
            if f["unit"] == "*":
                continue
            raise ValueError(f"{ref} {name}: {f['contains']!r} is no longer in the field")
        matched.add(n)
        values = f.get("values") or [{"source": "as printed", "value": f.get("contains", value)}]
        ledger.flag(unit_path(unit["urn"], *path), name, values, f["note"])


def _inferred(inferred: list[dict], ref: str, unit: dict, ledger: Ledger, matched: set[int]) -> None:
    """Likely wordings of garbled AC texts, from corrections/pearson.json: each replaces the printed text and is
    listed as a correction of kind INFERRED_KIND; the AC's review flag stays (applied after the flags)."""
    for n, fix in enumerate(inferred):
        if fix["unit"] != ref:
            continue
        criterion = next(c for o in unit["outcomes"] for c in o["criteria"] if c["number"] == fix["criterion"])
        where = unit_path(unit["urn"], f"outcomes[{fix['criterion'].split('.')[0]}]", f"criteria[{fix['criterion']}]")
        criterion["text"] = ledger.correct(where, "text", INFERRED_KIND, criterion["text"], fix["wording"],
                                           fix["reason"])
        matched.add(n)


def _source(lines: list[str]) -> dict:
    titles = [tidy(x) for x in lines[:8] if x.strip().startswith("Pearson BTEC")]
    issue = next(tidy(x) for x in lines[:20] if x.startswith("Issue "))
    date = next(tidy(x) for x in reversed(lines) if re.fullmatch(r"[A-Z][a-z]+ \d{4}", x.strip()))
    return {"title": f"{' / '.join(titles)}: Specification", "publisher": PUBLISHER, "version": f"{issue}, {date}"}


def build(seeds: Path) -> list[tuple[str, dict]]:
    lines = find_source(seeds, SIGNATURE)
    hand = load_corrections(CORRECTIONS)
    summary = _summary(lines)
    structures = _structures(lines, list(summary))
    blocks = _unit_blocks(lines)
    units: dict[str, tuple[dict, Ledger]] = {}
    flags, matched = hand.get("flags", []), set()
    inferred, inferred_matched = hand.get("inferred", []), set()
    for structure in structures.values():
        for rows in structure["groups"].values():
            for row in rows:
                if row["ref"] not in units:
                    ledger = Ledger()
                    unit = _unit(lines, row, blocks[row["ref"]], hand, ledger)
                    _hand_flags(flags, row["ref"], unit, ledger, matched)
                    _inferred(inferred, row["ref"], unit, ledger, inferred_matched)
                    units[row["ref"]] = (unit, ledger)
    if len(matched) != len(flags):
        raise ValueError(f"flags that match no unit: {[f for n, f in enumerate(flags) if n not in matched]}")
    if len(inferred_matched) != len(inferred):
        raise ValueError(f"inferred wordings that match no unit: "
                         f"{[f for n, f in enumerate(inferred) if n not in inferred_matched]}")
    if sorted(units) != sorted(blocks):
        raise ValueError(f"units in the structures {sorted(units)} are not the unit pages {sorted(blocks)}")
    out = []
    for title, structure in structures.items():
        info = summary[title]
        total, groups = _groups(structure)
        if int(info["Credit value"]) != total:
            raise ValueError(f"{title}: credit value {info['Credit value']} but rules say {total}")
        refs = [r["ref"] for rows in structure["groups"].values() for r in rows]
        ledger = Ledger()
        for ref in refs:
            ledger.corrections.extend(units[ref][1].corrections)
            ledger.flags.extend(units[ref][1].flags)
        number = info["Qualification Number (QN)"]
        document = qualification_document(
            kind="qualification", number=number, title=title, awarding_body=PUBLISHER, source=_source(lines),
            level=int(re.search(r"Level (\d+)", title).group(1)), credits=total,
            glh_min=int(info["Guided learning hours"]), glh_max=None, tqt=int(info["Total Qualification Time (TQT)"]),
            rules={"statement": structure["statement"], "min_credits": total,
                   "min_credits_at_or_above_level": None, "barred": []},
            groups=groups, units=[units[ref][0] for ref in refs], ledger=ledger,
        )
        out.append((f"pearson-{number.replace('/', '-')}.json", document))
    return out
