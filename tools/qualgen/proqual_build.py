"""Assembles qualifications/proqual-601-3577-3.json: ProQual's structure and text, with listed repairs and flags."""

from __future__ import annotations

import re
from pathlib import Path

from . import cityguilds_units, imi, proqual_parse
from .common import Ledger, find_source, load_corrections, qualification_document, tidy, unit_path
from .proqual_checks import field_value, flag_against_imi, flag_path
from .proqual_parse import Piece

NAME = "proqual-601-3577-3"
PUBLISHER = "ProQual Awarding Body"
BOLD = re.compile(r"\*\*(.+?)\*\*")


def source_of(lines: list[str]) -> dict:
    footer = next(ln for ln in lines if ln.startswith("ProQual, "))
    version = re.match(r"ProQual, (\w+ \d{4}) ", footer).group(1)
    heading = [ln.strip() for ln in lines[:8] if ln.strip()]
    return {"title": f"{heading[0]} - {heading[1]}", "publisher": PUBLISHER, "version": version}


def build_proqual(seeds: Path, pack: list[cityguilds_units.Unit], pack_citation: str) -> dict:
    lines = find_source(seeds, proqual_parse.SIGNATURE)
    printed_text = tidy("\n".join(lines))
    hand = load_corrections(NAME)
    ledger = Ledger()
    profile = proqual_parse.profile(lines)
    table = proqual_parse.structure(lines)
    rows = {r["urn"]: r for g in table for r in g["rows"]}
    aliases = hand.get("heading_urn_aliases", {})
    pages = {}
    for start, end in proqual_parse.unit_blocks(lines):
        heading_urn = proqual_parse.UNIT_HEADING.match(lines[start]).group(1)
        pages[aliases.get(heading_urn, heading_urn)] = (start, end)
    if set(pages) != set(rows):
        raise ValueError(f"unit pages {sorted(set(pages) ^ set(rows))} do not match the structure table")
    by_urn = {u.urn: u for u in pack}
    imi_doc = imi.read(seeds)
    imi_text = tidy(" ".join(find_source(seeds, imi.SIGNATURE)))
    ctx = {"lines": lines, "hand": hand, "ledger": ledger, "pack": by_urn, "pack_citation": pack_citation,
           "imi_citation": imi.cited_as(imi_doc), "imi_text": imi_text}
    units = [_unit(r, pages[r["urn"]], ctx) for g in table for r in g["rows"]]
    statement = _statement(proqual_parse.rules_lines(lines), ledger)
    groups = [_group(g, statement, ledger) for g in table]
    total = int(re.search(r"must achieve (\d+) credits", statement[0]).group(1))
    glh = int(profile["Guided learning hours"])
    _flag_glh(ledger, glh, groups, units, by_urn, total, pack_citation)
    _flag_bespoke(ledger, units, imi_doc, by_urn, pack_citation, ctx)
    _flag_credit_conflicts(ledger, units, by_urn, pack_citation)
    flag_against_imi(ledger, units, imi_doc, ("level", "credit"), "this file keeps ProQual's value")
    _hand_flags(ledger, hand.get("flags", []), units)
    for c in ledger.corrections:  # every 'original' must be ProQual's own printing, repairs included
        if tidy(c["original"]) not in printed_text:
            raise ValueError(f"{c['where']}: original {c['original']!r} is not in the ProQual text")
    return qualification_document(
        kind="qualification", number=profile["Ofqual qualification number"], title=profile["Qualification title"],
        awarding_body=PUBLISHER, source=source_of(lines), level=int(profile["Level"]), credits=total,
        glh_min=glh, glh_max=glh, tqt=int(profile["Total qualification time"].split()[0]),
        rules={"statement": statement, "min_credits": total, "min_credits_at_or_above_level": None, "barred": []},
        groups=groups, units=units, ledger=ledger,
    )


def _statement(printed: list[str], ledger: Ledger) -> list[str]:
    out = []
    for i, line in enumerate(printed):
        clean = BOLD.sub(r"\1", line)
        clean = clean[2:] if clean.startswith("- ") else clean
        if clean != line:
            ledger.correct("rules", f"statement[{i}]", "markup-removed", line, clean,
                           "The '**' bold markers and the leading list dash are extraction residue, not printed words.")
        out.append(clean)
    return out


def _group(g: dict, statement: list[str], ledger: Ledger) -> dict:
    name = g["name"]
    caption = g["printed_caption"].replace("\t", "")
    if caption != g["printed_caption"]:
        ledger.correct(f"groups[{name}]", "caption", "split-repaired", g["printed_caption"], caption,
                       "A tab splits a word of the printed group heading ('Optiona l'); closed up.")
    credits = sum(r["credit"] for r in g["rows"])
    said = next(s for s in statement if f"Group {name}" in s)
    amount = int(re.search(r"(\d+) credits", said).group(1))
    if "minimum" in said:
        low, high = amount, None
    elif "maximum" in said:
        low, high = None, amount
    else:  # "31 credits from the Mandatory units in Group A": every unit, so exactly that many
        if amount != credits or "complete all units" not in caption:
            raise ValueError(f"group {name}: {said!r} does not match its {credits} credits / {caption!r}")
        low = high = amount
    if low != high and f"{amount} credits" not in caption:
        raise ValueError(f"group {name}: caption {caption!r} disagrees with {said!r}")
    return {"name": name, "caption": caption, "mandatory": "Mandatory" in caption, "min_credits": low,
            "max_credits": high, "units": [r["urn"] for r in g["rows"]]}


def _unit(row: dict, page: tuple[int, int], ctx: dict) -> dict:
    urn = row["urn"]
    lines, hand = ctx["lines"], ctx["hand"]
    start, end = page
    heading = proqual_parse.UNIT_HEADING.match(lines[start])
    repaired = hand.get("repaired_units", {}).get(urn)
    if repaired:
        outcomes = _repaired_outcomes(urn, repaired, ctx)
    else:
        parsed = proqual_parse.parse_unit(lines, start, end, urn)
        outcomes = [_outcome(urn, lo, criteria, ctx) for lo, criteria in parsed.outcomes]
    _check_numbering(urn, outcomes)
    extra = {}
    if heading.group(1) != urn:
        extra["urn_on_unit_page"] = heading.group(1)
    title_on_page = heading.group(2).strip()
    return {
        "urn": urn, "ref": urn, "title": row["title"],
        "title_on_unit_page": title_on_page if title_on_page != row["title"] else None,
        "level": row["level"], "credit": row["credit"], "glh": None, "mapping": None, "rationale": None,
        "guidance_intro": None, "outcomes": outcomes, "extra": extra,
    }


def _outcome(urn: str, lo: Piece, criteria: list[Piece], ctx: dict) -> dict:
    ledger = ctx["ledger"]
    where = unit_path(urn, f"outcomes[{lo.number}]")
    repair = ctx["hand"].get("outcome_repairs", {}).get(urn, {}).get(lo.number)
    if not lo.printed and not lo.fixes:
        ledger.correct(where, "number", "number-restored", "", lo.number,
                       f"No learning-outcome column is printed for this unit; LO {lo.number} is numbered from its ACs.")
    for field_name, kind, detail in lo.fixes:
        value = lo.number if field_name == "number" else lo.text
        ledger.correct(where, field_name, kind, lo.printed, value, detail[0].upper() + detail[1:] + ".")
    text = lo.text
    if repair:
        if tidy(repair["printed"]) != tidy(lo.text) or repair["text"] not in ctx["imi_text"]:
            raise ValueError(f"{where}: the outcome repair does not match the printed or the IMI text")
        text = ledger.correct(where, "text", "text-repaired", lo.text, repair["text"], repair["reason"],
                              ctx["imi_citation"])
    out = []
    for c in criteria:
        cwhere = unit_path(urn, f"outcomes[{lo.number}]", f"criteria[{c.number}]")
        for field_name, kind, detail in c.fixes:
            value = c.number if field_name == "number" else c.text
            ledger.correct(cwhere, field_name, kind, c.printed, value, detail[0].upper() + detail[1:] + ".")
        out.append({"number": c.number, "text": c.text, "guidance": None})
    return {"number": lo.number, "text": text, "criteria": out}


def _repaired_outcomes(urn: str, repaired: dict, ctx: dict) -> list[dict]:
    """The whole unit from the City & Guilds pack; each field listed against ProQual's cleanest printing of it."""
    ledger, printed, drop = ctx["ledger"], repaired["printed"], repaired.get("drop_from_cityguilds", {})
    cg = ctx["pack"][urn]
    outcomes = []
    for o in cg.outcomes:
        where = unit_path(urn, f"outcomes[{o.number}]")
        _repair(ledger, where, printed.pop(f"outcomes[{o.number}]"), o.text.value, repaired["reason"], ctx)
        criteria = []
        for number, f in o.criteria:
            text = f.value
            note = ""
            if number in drop:
                cut = tidy(drop[number])
                if not text.endswith(cut):
                    raise ValueError(f"{urn} {number}: {cut!r} is not at the end of the City & Guilds text")
                text = text[: -len(cut)].rstrip()
                note = (f" The City & Guilds text ends with an editorial question ('{cut}') that is not part of the "
                        f"criterion and that ProQual does not print; it is left out.")
            cwhere = unit_path(urn, f"outcomes[{o.number}]", f"criteria[{number}]")
            _repair(ledger, cwhere, printed.pop(f"criteria[{number}]"), text, repaired["reason"] + note, ctx)
            criteria.append({"number": number, "text": text, "guidance": None})
        outcomes.append({"number": o.number, "text": o.text.value, "criteria": criteria})
    if printed:
        raise ValueError(f"{urn}: corrections name fields the City & Guilds unit does not have: {sorted(printed)}")
    return outcomes


def _repair(ledger: Ledger, where: str, printed: str, value: str, reason: str, ctx: dict) -> None:
    if printed == value:
        return
    ledger.correct(where, "text", "text-repaired", printed, value,
                   reason + " The text is taken from the City & Guilds unit pack, which prints the same unit.",
                   ctx["pack_citation"])


def _check_numbering(urn: str, outcomes: list[dict]) -> None:
    """LOs 1..m and ACs n.1..n.k, in order: a parse that skipped or doubled a row cannot pass."""
    for i, o in enumerate(outcomes, 1):
        got = [c["number"] for c in o["criteria"]]
        if o["number"] != str(i) or got != [f"{i}.{k}" for k in range(1, len(got) + 1)] or not got:
            raise ValueError(f"unit {urn}: outcome {o['number']} has criteria {got}")


def _route_glh(groups: list[dict], units: list[dict], glh: dict, total: int) -> tuple[int, int] | None:
    """Least and greatest GLH of a route meeting the rules, using the City & Guilds unit GLH."""
    credit = {u["urn"]: u["credit"] for u in units}
    if any(glh.get(u["urn"]) is None for u in units):
        return None
    best: dict[int, tuple[int, int]] = {0: (0, 0)}  # credits so far -> (min GLH, max GLH), group by group
    for g in groups:
        sums: dict[int, tuple[int, int]] = {0: (0, 0)}
        for urn in g["units"]:
            nxt = dict(sums)
            for c, (lo, hi) in sums.items():
                k = c + credit[urn]
                old = nxt.get(k)
                nxt[k] = (lo + glh[urn], hi + glh[urn]) if old is None else (
                    min(old[0], lo + glh[urn]), max(old[1], hi + glh[urn]))
            sums = nxt
        if g["mandatory"]:
            top = sum(credit[u] for u in g["units"])
            sums = {top: sums[top]}
        sums = {c: v for c, v in sums.items() if (g["min_credits"] is None or c >= g["min_credits"])
                and (g["max_credits"] is None or c <= g["max_credits"])}
        merged: dict[int, tuple[int, int]] = {}
        for c0, (lo0, hi0) in best.items():
            for c1, (lo1, hi1) in sums.items():
                old = merged.get(c0 + c1)
                new = (lo0 + lo1, hi0 + hi1)
                merged[c0 + c1] = new if old is None else (min(old[0], new[0]), max(old[1], new[1]))
        best = merged
    return best.get(total)


def _flag_glh(ledger, glh, groups, units, pack, total, citation) -> None:
    route = _route_glh(groups, units, {urn: u.header_int("GLH") for urn, u in pack.items()}, total)
    if route and route[0] <= glh <= route[1]:
        return
    ledger.flag("", "glh_min", [
        {"source": "this document, Qualification Profile", "value": glh},
        {"source": f"least GLH of a {total}-credit route, unit GLH from {citation}", "value": route and route[0]},
        {"source": f"greatest GLH of a {total}-credit route, unit GLH from {citation}", "value": route and route[1]},
    ], f"ProQual prints {glh} guided learning hours for the qualification (kept as printed, as glh_min and glh_max), "
       f"but no route through the rules of combination has that many when each unit carries the GLH the City & "
       f"Guilds unit pack prints for it; ProQual prints no unit GLH. Needs checking by a person.")


def _flag_bespoke(ledger, units, imi_doc, pack, citation, ctx) -> None:
    unit = next(u for u in units if u.get("extra", {}).get("urn_on_unit_page"))
    urn, page_urn = unit["urn"], unit["extra"]["urn_on_unit_page"]
    acs = [tidy(c["text"]).lower() for o in unit["outcomes"] for c in o["criteria"]]
    imi_unit = next((u for u in imi_doc.units if any(tidy(c.text).lower() == acs[0]
                                                    for o in u.outcomes for c in o.criteria)), None)
    imi_same = imi_unit is not None and [tidy(c.text).lower() for o in imi_unit.outcomes for c in o.criteria] == acs
    cg = pack[urn]
    cg_acs = [n for o in cg.outcomes for n, _ in o.criteria]
    where = unit_path(urn)
    ledger.flag(where, "urn", [
        {"source": "this document, structure table (Group C)", "value": urn},
        {"source": "this document, unit page heading", "value": page_urn},
    ], f"The structure table lists {urn} (Level {unit['level']}, {unit['credit']} credits) but the unit page is headed "
       f"{page_urn}, a reference no structure table lists. The unit is filed under the table's {urn}; the page "
       f"heading is kept in extra.urn_on_unit_page. Needs a decision by a person.")
    imi_row = next(r for r in imi_doc.structure if r.ref == imi_unit.ref) if imi_same else None
    ledger.flag(where, "outcomes", [
        {"source": "this document, unit page",
         "value": f"{len(acs)} ACs, e.g. 1.1 '{unit['outcomes'][0]['criteria'][0]['text']}'"},
        {"source": ctx["imi_citation"], "value": (
            f"{imi_row.urn_printed.replace(' ', '')} {imi_row.title} ({imi_unit.ref}), Level {imi_row.level}, "
            f"{imi_row.credit} credits: the same {len(acs)} AC texts") if imi_same else "no unit with these ACs"},
        {"source": f"{citation}, {cg.ref}", "value": (
            f"{urn} {cg.title.value}, Level {cg.header_int('Level')}, {cg.header_int('Credit value')} credits: "
            f"different ACs ({', '.join(cg_acs)}), e.g. 2.1 '{cg.outcomes[1].criteria[0][1].value}'")},
    ], "ProQual's unit page prints the Level 2 Bespoke software ACs (the IMI record's unit with the same text) under a "
       "Level 3, 4-credit structure row, while the City & Guilds pack prints different Level 3 ACs for "
       f"{urn}. The ACs are kept as ProQual printed them; which content belongs to this qualification needs a "
       "decision by a person.")


def _flag_credit_conflicts(ledger, units, pack, citation) -> None:
    for u in units:
        cg = pack[u["urn"]]
        for key, label in (("credit", "Credit value"), ("level", "Level")):
            theirs = cg.header_int(label)
            if theirs != u[key]:
                ledger.flag(unit_path(u["urn"]), key, [
                    {"source": "this document, structure table", "value": u[key]},
                    {"source": f"{citation}, {cg.ref}", "value": theirs},
                ], f"ProQual and City & Guilds print different {key} values for this unit; ProQual's is kept here.")


def _hand_flags(ledger: Ledger, flags: list[dict], units: list[dict]) -> None:
    ours = {u["urn"]: u for u in units}
    for f in flags:
        ledger.flag(flag_path(f), f["field"], [{"source": "this document", "value": field_value(ours[f["unit"]], f)}],
                    f["note"])
