"""'Unit <ref> Assessment Guidance table' after each unit: the fixed introduction and the AC | guidance rows."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from assessor_app.domain.catalogue import Criterion, Unit
from assessor_app.domain.lar_model import INFERRED_FOOTNOTE, INFERRED_MARK
from assessor_app.export.cells import p
from assessor_app.export.flow import FlowTable
from assessor_app.export.styles import BODY, PARAGRAPH, SMALL, SUBHEADING, grid_style

INTRO = ("Assessment Guidance is provided below for some Assessment Criteria. The purpose of this is to clarify and "
         "define elements of the Assessment Criteria as required. Assessment Guidance provided is for example "
         "purposes only and is not intended to be exhaustive.")
NONE = "No assessment guidance available for this unit."
WIDTHS = (70 * mm, 110 * mm)


def unit_name(unit: Unit) -> str:
    """'Unit CS 7' for IMI's refs; Pearson's refs already read 'Unit 1' (see domain Unit.name)."""
    return unit.name


def guidance_rows(unit: Unit) -> list[Criterion]:
    """Rows in the printed order (the file's guidance_table), then any other AC with guidance, in AC order."""
    by_number = {c.number: c for c in unit.criteria}
    printed = [n for n in (unit.extra.get("guidance_table") or []) if n in by_number]
    rows = [by_number[n] for n in dict.fromkeys(printed)]
    rows += [c for c in unit.criteria if c.guidance and c.number not in printed]
    return rows


def guidance_section(unit: Unit, inferred: frozenset[str] = frozenset()) -> list[Flowable]:
    """Starts on a page of its own, as in the printed record; `inferred` ACs carry the unit page's mark."""
    title = p(f"{unit_name(unit)} Assessment Guidance table", SUBHEADING)
    title.keepWithNext = True
    rows = guidance_rows(unit)
    if not rows:
        return [PageBreak(), title, p(NONE, PARAGRAPH)]
    intro = p(unit.guidance_intro or INTRO, PARAGRAPH)
    intro.keepWithNext = True
    table = FlowTable([[p(f"{c.number} {c.text}" + (f" {INFERRED_MARK}" if c.number in inferred else ""), BODY),
                        p(c.guidance or "", BODY)] for c in rows], colWidths=WIDTHS, splitInRow=1)
    table.setStyle(grid_style())
    story: list[Flowable] = [PageBreak(), title, intro, table]
    if inferred & {c.number for c in rows}:
        story += [Spacer(1, 1.5 * mm), p(f"{INFERRED_MARK} {INFERRED_FOOTNOTE}", SMALL)]
    return story
