"""Builds qualifications/imi-601-3456-2.json from the IMI Level 2 Diploma in Customer Service assessment record."""

from __future__ import annotations

import re
from pathlib import Path

from assessor_app.domain.catalogue import normalise_urn

from . import imi_guidance
from .common import Ledger, find_source, load_corrections, qualification_document, tidy, unit_path
from .imi_parse import RawDocument, RawOutcome, RawUnit, StructureRow, parse

SIGNATURE = "QUALIFICATION SPECIFICATION PART B LEARNER ASSESSMENT RECORD"
NAME = "imi-601-3456-2"
PUBLISHER = "Institute of the Motor Industry (IMI)"
RATIONALE_LABEL = re.compile(r"^Rationale\s*\.?\s*:\s*")


def read(seeds: Path) -> RawDocument:
    """The parsed IMI document; the Skills CFA builder uses it too (URNs and repairs)."""
    return parse(find_source(seeds, SIGNATURE))


def source_of(doc: RawDocument) -> dict:
    return {
        "title": f"{doc.title} - Qualification Specification Part B: Learner Assessment Record",
        "publisher": PUBLISHER,
        "version": doc.version,
        "cover_note": doc.cover_note,  # printed on the record's cover; the PDF repeats it there
        "cover_heading": doc.cover_heading,
        "copyright": doc.copyright,
    }


def cited_as(doc: RawDocument) -> str:
    """How other files name this document in repaired_from."""
    return f"{source_of(doc)['title']}, {doc.version}"


def build(seeds: Path) -> list[tuple[str, dict]]:
    doc = read(seeds)
    hand = load_corrections(NAME)
    ledger = Ledger()
    pages = {u.ref: u for u in doc.units}
    if [r.ref for r in doc.structure] != [u.ref for u in doc.units]:
        raise ValueError("unit pages are not in structure-table order")
    units = [_unit(row, pages[row.ref], ledger) for row in doc.structure]
    _check_moves(ledger, hand.get("guidance_moved", []), {u["ref"]: u["urn"] for u in units})
    _hand_flags(ledger, hand.get("flags", []), units)
    urn_of = {r.ref: normalise_urn(r.urn_printed) for r in doc.structure}
    groups = [_group(g.name, g.caption, [urn_of[ref] for ref in g.refs]) for g in doc.groups]
    rules = _rules(doc.rules, groups)
    document = qualification_document(
        kind="qualification", number=doc.number, title=doc.title, awarding_body=PUBLISHER,
        source=source_of(doc), level=_level(doc.title), credits=rules["min_credits"],
        glh_min=doc.glh_min, glh_max=doc.glh_max, tqt=None, rules=rules, groups=groups, units=units, ledger=ledger,
    )
    return [(f"{NAME}.json", document)]


def _level(title: str) -> int:
    return int(re.search(r"Level (\d+)", title).group(1))


def _rules(statement: list[str], groups: list[dict]) -> dict:
    text = " ".join(statement)
    total = int(re.search(r"must complete a minimum of (\d+) credits", text).group(1))
    at_level = re.search(r"minimum of (\d+) credits must be achieved through the completion of units at Level (\d+)",
                         text)
    for g in groups:  # the group captions and the printed sentences must say the same thing
        line = next(s for s in statement if s.startswith(f"Group {g['name']}:"))
        said = int(re.search(r"(\d+) credits", line).group(1))
        if "maximum" in line:
            agrees = (g["min_credits"], g["max_credits"]) == (None, said)
        elif "minimum" in line:
            agrees = (g["min_credits"], g["max_credits"]) == (said, None)
        else:
            agrees = g["min_credits"] == g["max_credits"] == said
        if not agrees:
            raise ValueError(f"group {g['name']}: caption {g['caption']!r} disagrees with {line!r}")
    return {
        "statement": statement,
        "min_credits": total,
        "min_credits_at_or_above_level": {"level": int(at_level.group(2)), "credits": int(at_level.group(1))},
        "barred": [],
    }


def _group(name: str, caption: str, urns: list[str]) -> dict:
    exact = re.search(r": (\d+) Credits$", caption)
    minimum = re.search(r"Minimum of (\d+) Credits", caption)
    maximum = re.search(r"Maximum of (\d+) Credits", caption)
    low = int((exact or minimum).group(1)) if (exact or minimum) else None
    high = int((exact or maximum).group(1)) if (exact or maximum) else None
    return {"name": name, "caption": caption, "mandatory": caption.startswith("Mandatory"),
            "min_credits": low, "max_credits": high, "units": urns}


def _unit(row: StructureRow, page: RawUnit, ledger: Ledger) -> dict:
    urn = normalise_urn(row.urn_printed)
    where = unit_path(urn)
    for label, table, printed in (("level", row.level, page.level), ("credit", row.credit, page.credit),
                                  ("glh", row.glh, page.glh)):
        if table != printed:
            ledger.flag(where, label, [{"source": "structure table", "value": table},
                                       {"source": "unit page", "value": printed}],
                        "The structure table and the unit page disagree; the structure table's value is used.")
    if page.title_on_unit_page != row.title.upper():
        ledger.flag(where, "title", [{"source": "structure table", "value": row.title},
                                     {"source": "unit page", "value": page.title_on_unit_page}],
                    "The unit page's title is not the structure table's title in capitals; both are kept.")
    criteria = [c for o in page.outcomes for c in o.criteria]
    placements = imi_guidance.place(page.guidance_rows, criteria, page.ref)
    guidance = {p.criterion.number: _guidance(p, urn, page, ledger) for p in placements}
    outcomes = [_outcome(o, urn, guidance, ledger) for o in page.outcomes]
    codes = [] if page.mapping in ("None", "N/A") else re.split(r", | & ", page.mapping)
    return {
        "urn": urn, "ref": row.ref, "title": row.title, "title_on_unit_page": page.title_on_unit_page,
        "level": row.level, "credit": row.credit, "glh": row.glh, "mapping": page.mapping,
        "rationale": _rationale(page, where, ledger), "guidance_intro": _intro(page, where, ledger),
        "outcomes": outcomes,
        "extra": {
            "urn_as_printed": row.urn_printed,
            "nos_codes": codes,
            # the printed guidance table's rows, in printed order, by the AC each belongs to
            "guidance_table": [p.criterion.number for p in placements],
        },
    }


def _rationale(page: RawUnit, where: str, ledger: Ledger) -> str:
    text = RATIONALE_LABEL.sub("", imi_guidance.strip_p(page.rationale_line))
    if imi_guidance.has_html(page.rationale_line):
        ledger.correct(where, "rationale", "html-removed", tidy(page.rationale_line), text,
                       "The <p> tags around the rationale are HTML residue; removed (the 'Rationale:' label is "
                       "not part of the value).")
    return text


def _intro(page: RawUnit, where: str, ledger: Ledger) -> str | None:
    if page.guidance_intro_raw is None:
        return None
    text = imi_guidance.strip_p(page.guidance_intro_raw)
    if imi_guidance.has_html(page.guidance_intro_raw):
        ledger.correct(where, "guidance_intro", "html-removed", tidy(page.guidance_intro_raw), text,
                       "The <p> tags around the guidance introduction are HTML residue; removed.")
    return text


def _outcome(raw: RawOutcome, urn: str, guidance: dict, ledger: Ledger) -> dict:
    if raw.printed_number != raw.number + ".":
        ledger.correct(unit_path(urn, f"outcomes[{raw.number}]"), "number", "number-restored",
                       f"{raw.printed_number} {raw.text}", raw.number,
                       f"The learning outcome number is printed without its full stop ('{raw.printed_number} "
                       f"{raw.text[:20]}...'), unlike every other outcome; read as outcome {raw.number}.")
    criteria = []
    for c in raw.criteria:
        if c.printed_number != c.number:
            ledger.correct(unit_path(urn, f"outcomes[{raw.number}]", f"criteria[{c.number}]"), "number",
                           "number-restored", f"{c.printed_number} {c.text}", c.number,
                           f"The AC number is printed with a trailing full stop ('{c.printed_number}'); "
                           f"normalised to {c.number}.")
        if not c.number.startswith(raw.number + "."):
            raise ValueError(f"unit {urn}: AC {c.number} under learning outcome {raw.number}")
        criteria.append({"number": c.number, "text": c.text, "guidance": guidance.get(c.number)})
    return {"number": raw.number, "text": raw.text, "criteria": criteria}


def _guidance(p: imi_guidance.Placement, urn: str, page: RawUnit, ledger: Ledger) -> str | None:
    number = p.criterion.number
    where = unit_path(urn, f"outcomes[{number.split('.')[0]}]", f"criteria[{number}]")
    text, html, stray = imi_guidance.clean_cells(p.row.guidance_cells)
    raw = tidy(" ".join(p.row.guidance_cells))
    printed_row = tidy(" ".join([p.row.raw_ac_cell, *p.row.guidance_cells]))
    if html or stray:
        what = "HTML residue (list/paragraph/italic tags) removed and each bullet set on its own line"
        if stray:
            what += "; a stray '#' left by the extraction before a bullet removed"
        ledger.correct(where, "guidance", "html-removed", raw, text, what + ".")
    if p.moved:
        ledger.correct(where, "guidance", "guidance-moved", printed_row, text,
                       f"The guidance row is printed under AC {p.row.printed_number} but quotes the text of AC "
                       f"{number} ('{p.criterion.text}'); attached to {number} by its text.")
    elif p.text_differs:
        ledger.flag(where, "guidance", [{"source": "assessment criterion", "value": p.criterion.text},
                                        {"source": "guidance table row", "value": p.row.ac_cell}],
                    f"The guidance table row for AC {number} quotes the AC's text differently; the guidance is "
                    f"attached to AC {number} and the AC text is taken from the unit page.")
    if text is None:
        ledger.flag(where, "guidance", [{"source": "guidance table row", "value": printed_row}],
                    "The guidance table prints a row for this AC with an empty guidance cell; guidance is null.")
    return text


def _check_moves(ledger: Ledger, expected: list[dict], urn_of: dict) -> None:
    """The rows moved by text matching must be exactly the hand-checked list in the corrections file."""
    found = sorted((c["where"], c["original"].split(" ")[0]) for c in ledger.corrections
                   if c["kind"] == "guidance-moved")
    wanted = sorted((unit_path(urn_of[m["unit"]], f"outcomes[{m['attach_to'].split('.')[0]}]",
                               f"criteria[{m['attach_to']}]"), m["printed"]) for m in expected)
    if found != wanted:
        raise ValueError(f"guidance rows moved {found}, but the corrections file lists {wanted}")


def _hand_flags(ledger: Ledger, flags: list[dict], units: list[dict]) -> None:
    """Hand-noted oddities kept as printed (corrections file "flags"), each flagged with the printed value."""
    by_ref = {u["ref"]: u for u in units}
    for f in flags:
        unit = by_ref[f["unit"]]
        where, holder = unit_path(unit["urn"]), unit
        if "criterion" in f:
            lo = f["criterion"].split(".")[0]
            where = unit_path(unit["urn"], f"outcomes[{lo}]", f"criteria[{f['criterion']}]")
            holder = next(c for o in unit["outcomes"] for c in o["criteria"] if c["number"] == f["criterion"])
        ledger.flag(where, f["field"], [{"source": "as printed", "value": holder[f["field"]]}], f["note"])
