"""Assembles qualifications/unit-bank-city-guilds-cs.json: the City & Guilds unit pack as a unit bank, with guidance."""

from __future__ import annotations

import re
from pathlib import Path

from . import cityguilds_guidance, imi
from .cityguilds_guidance import UNLABELLED
from .cityguilds_units import Field, Unit, join_wrapped
from .common import Ledger, load_corrections, qualification_document, tidy, unit_path
from .proqual_checks import field_value, flag_against_imi, flag_path

NAME = "unit-bank-city-guilds-cs"
NUMBER = "CG-CS-206-408"
PUBLISHER = "City & Guilds"
TITLE = "City & Guilds Customer Service unit pack, units 206-408"
SOURCE = {
    "title": TITLE,
    "publisher": PUBLISHER,
    "version": None,
    "note": "The document prints no title page, title, version or date; the title above describes it (its units are "
            "numbered 206 to 408 and it names City & Guilds as the provider of its assessments).",
}
NOS_CODE = re.compile(r"\b(?:CFA[A-Z&]*\d+|SLS\d+)\b")
HEADER_EXTRA = {"Assessment requirements specified by a sector or regulatory body": "assessment_requirements",
                "Assessment type": "assessment_type"}


def cited_as() -> str:
    """How other files name this document in repaired_from."""
    return f"{TITLE} (no version printed)"


def build_bank(seeds: Path, pack: list[Unit], proqual: dict) -> dict:
    """The unit bank; `proqual` is the built ProQual document, compared unit by unit for the flags."""
    hand = load_corrections(NAME)
    ledger = Ledger()
    units = [_unit(u, hand, ledger) for u in pack]
    _flag_against_proqual(ledger, units, proqual)
    flag_against_imi(ledger, units, imi.read(seeds), ("level", "credit", "glh"),
                     "this file keeps City & Guilds' value")
    _hand_flags(ledger, hand.get("flags", []), units, proqual)
    return qualification_document(kind="unit-bank", number=NUMBER, title=TITLE, awarding_body=PUBLISHER,
                                  source=SOURCE, units=units, groups=[], ledger=ledger)


def text_field(ledger: Ledger, where: str, field_name: str, f: Field) -> str:
    """The field's value; lists the change when it is not the source text with white space collapsed."""
    label = [c for c in f.changes if c.startswith(UNLABELLED)]
    changes = [c for c in f.changes if not c.startswith(UNLABELLED)]
    if tidy(f.value) != f.raw:
        ledger.correct(where, field_name, _kind(changes), f.raw, f.value, _reason(changes))
    if label:
        ledger.correct(where, field_name, "number-restored", f.raw, f.value, _reason(label))
    return f.value


def _kind(changes: list[str]) -> str:
    if any("bullet" in c for c in changes):
        return "bullets-restored"
    if any("hyphen" in c for c in changes):
        return "split-repaired"
    return "furniture-removed"


def _reason(changes: list[str]) -> str:
    text = "; ".join(dict.fromkeys(changes))
    return text[0].upper() + text[1:] + "."


def _unit(u: Unit, hand: dict, ledger: Ledger) -> dict:
    where = unit_path(u.urn)
    guidance = cityguilds_guidance.read_unit(u, hand.get("unlabelled_guidance", {}).get(u.urn, {}))
    outcomes = []
    for o in u.outcomes:
        owhere = unit_path(u.urn, f"outcomes[{o.number}]")
        criteria = []
        for number, f in o.criteria:
            cwhere = unit_path(u.urn, f"outcomes[{o.number}]", f"criteria[{number}]")
            g = guidance.criteria.get(number)
            criteria.append({"number": number, "text": text_field(ledger, cwhere, "text", f),
                             "guidance": text_field(ledger, cwhere, "guidance", g) if g else None})
        extra = {}
        for key, value in guidance.outcomes.get(o.number, {}).items():
            extra[key] = _extra_value(ledger, owhere, f"extra.{key}", value)
        outcomes.append({"number": o.number, "text": text_field(ledger, owhere, "text", o.text),
                         "criteria": criteria, "extra": extra})
    extra = {}
    for label, key in HEADER_EXTRA.items():
        if label in u.header:
            extra[key] = text_field(ledger, where, f"extra.{key}", join_wrapped(u.header[label]))
    for key, value in guidance.unit.items():
        extra[key] = _extra_value(ledger, where, f"extra.{key}", value)
    mapping = cityguilds_guidance.plain_lines(u.header["Relationship to NOS"]) if "Relationship to NOS" in u.header \
        else None
    if mapping:
        extra["nos_codes"] = NOS_CODE.findall(mapping.value)
    return {
        "urn": u.urn, "ref": u.ref, "title": text_field(ledger, where, "title", u.title), "title_on_unit_page": None,
        "level": u.header_int("Level"), "credit": u.header_int("Credit value"), "glh": u.header_int("GLH"),
        "mapping": text_field(ledger, where, "mapping", mapping) if mapping else None,
        "rationale": text_field(ledger, where, "rationale", join_wrapped(u.header["Aim"])), "guidance_intro": None,
        "outcomes": outcomes, "extra": extra,
    }


def _extra_value(ledger: Ledger, where: str, key: str, value):
    if isinstance(value, Field):
        return text_field(ledger, where, key, value)
    return [text_field(ledger, where, f"{key}[{i}]", v) for i, v in enumerate(value)]


def _flag_against_proqual(ledger: Ledger, units: list[dict], proqual: dict) -> None:
    """Values the ProQual specification prints differently for the same unit (by URN)."""
    theirs = {u["urn"]: u for u in proqual["units"]}
    citation = f"{proqual['source']['title']}, {proqual['source']['version']}"
    for u in units:
        other = theirs.get(u["urn"])
        if other is None:
            continue
        for key in ("credit", "level"):
            if other[key] != u[key]:
                ledger.flag(unit_path(u["urn"]), key, [
                    {"source": f"this document, {u['ref']}", "value": u[key]},
                    {"source": f"{citation}, structure table", "value": other[key]},
                ], f"City & Guilds and ProQual print different {key} values for this unit; this file keeps City & "
                   f"Guilds' value.")
        page_urn = other.get("extra", {}).get("urn_on_unit_page")
        if page_urn:
            ledger.flag(unit_path(u["urn"]), "outcomes", [
                {"source": f"this document, {u['ref']}", "value": f"{u['urn']}, Level {u['level']}"},
                {"source": f"{citation}, unit page", "value": f"headed {page_urn}, printing Level 2 ACs"},
            ], "ProQual lists this unit in its structure table but prints a unit page headed with another reference "
               "and different (Level 2) ACs; this file keeps City & Guilds' Level 3 ACs. See the ProQual file's flags.")


def _hand_flags(ledger: Ledger, flags: list[dict], units: list[dict], proqual: dict) -> None:
    ours = {u["urn"]: u for u in units}
    theirs = {u["urn"]: u for u in proqual["units"]}
    citation = f"{proqual['source']['title']}, {proqual['source']['version']}"
    for f in flags:
        values = [{"source": f"this document, {ours[f['unit']]['ref']}", "value": field_value(ours[f["unit"]], f)}]
        if f.get("compare_with_proqual"):
            values.append({"source": citation, "value": field_value(theirs[f["unit"]], f)})
        ledger.flag(flag_path(f), f["field"], values, f["note"])
