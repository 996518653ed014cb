"""Cross-document checks and hand-flag helpers shared by the ProQual and City & Guilds builders."""

from __future__ import annotations

from assessor_app.domain.catalogue import normalise_urn

from . import imi
from .common import Ledger, unit_path


def flag_path(f: dict) -> str:
    """Where a hand flag from a corrections file points: a unit, one of its outcomes, or one of its criteria."""
    if "criterion" in f:
        return unit_path(f["unit"], f"outcomes[{f['criterion'].split('.')[0]}]", f"criteria[{f['criterion']}]")
    if "outcome" in f:
        return unit_path(f["unit"], f"outcomes[{f['outcome']}]")
    return unit_path(f["unit"])


def flag_against_imi(ledger: Ledger, units: list[dict], doc, keys: tuple[str, ...], kept: str) -> None:
    """Level, credit or GLH the IMI record (`doc`, from imi.read) prints differently for a unit with the same URN."""
    rows = {normalise_urn(r.urn_printed): r for r in doc.structure}
    for u in units:
        row = rows.get(u["urn"])
        for key in keys:
            if row is not None and getattr(row, key) != u[key]:
                ledger.flag(unit_path(u["urn"]), key, [
                    {"source": f"this document, {u['ref']}", "value": u[key]},
                    {"source": f"{imi.cited_as(doc)}, {row.ref}", "value": getattr(row, key)},
                ], f"The IMI record prints a different {key} for this unit; {kept}.")


def field_value(unit: dict, f: dict):
    """The value a hand flag points at: a unit field, an outcome's or a criterion's text, or an extra entry."""
    if "criterion" in f:
        outcome = next(o for o in unit["outcomes"] if o["number"] == f["criterion"].split(".")[0])
        return next(c for c in outcome["criteria"] if c["number"] == f["criterion"])[f["field"]]
    if "outcome" in f:
        outcome = next(o for o in unit["outcomes"] if o["number"] == f["outcome"])
        return outcome[f["field"]] if "." not in f["field"] else outcome["extra"][f["field"].split(".", 1)[1]]
    return unit[f["field"]] if "." not in f["field"] else unit["extra"][f["field"].split(".", 1)[1]]
