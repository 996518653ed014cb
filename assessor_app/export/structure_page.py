"""The qualification structure page: rules of combination as printed, group tables, chosen units and credits."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from assessor_app.domain.catalogue import Group, Qualification
from assessor_app.domain.lar_model import LarRecord
from assessor_app.export.cells import p
from assessor_app.export.flow import ContinuedTable, KeepWithFooter
from assessor_app.export.labels import IMI, NOT_PUBLISHED, STRUCTURE_VALUES, Labels, labels_for
from assessor_app.export.styles import (BODY, CAPTION_FILL, CHOSEN_FILL, HEAD, HEADER_FILL, LABEL, PARAGRAPH, SMALL,
                                        SUBHEADING, grid_style)

CHOSEN = "Chosen"
COLUMNS = tuple(heading for heading, _ in IMI.structure) + (CHOSEN,)  # the printed IMI record's columns
# Column widths by value key; the title takes what is left of the 180 mm.
KEY_WIDTHS = {"ref": 23 * mm, "number": 14 * mm, "urn": 25 * mm, "credit": 15 * mm, "level": 14 * mm,
              "glh": 22 * mm}
CHOSEN_WIDTH = 16 * mm
TICK = "✓"


def columns(labels: Labels) -> tuple[str, ...]:
    return tuple(heading for heading, _ in labels.structure) + (CHOSEN,)


def _widths(labels: Labels) -> tuple[float, ...]:
    fixed = sum(KEY_WIDTHS.get(key, 0) for _, key in labels.structure) + CHOSEN_WIDTH
    return tuple(KEY_WIDTHS.get(key, 180 * mm - fixed) for _, key in labels.structure) + (CHOSEN_WIDTH,)


def rule_sentences(qualification: Qualification) -> list[str]:
    """The statement lines as printed: a parenthesised sentence belongs to the line before it (000:70)."""
    lines: list[str] = []
    for sentence in qualification.rules.get("statement", []) or []:
        if lines and sentence.startswith("("):
            lines[-1] = f"{lines[-1]} {sentence}"
        else:
            lines.append(sentence)
    return lines


def continued_caption(caption: str) -> str:
    """'Optional Group C: Minimum of 16 Credits' continues as 'Optional Group C continued.' (000:111)."""
    return f"{caption.split(':')[0].rstrip()} continued."


def _group_table(q: Qualification, group: Group, chosen: frozenset[str], labels: Labels) -> ContinuedTable:
    """The awarding body's own columns (IMI: CFA Ref. | Ofqual Ref. | Title | Credit | Level | GLH), then Chosen."""
    caption = group.caption or group.name
    headings = columns(labels)
    rows = [[p(caption, HEAD)] + [""] * (len(headings) - 1), [p(c, HEAD) for c in headings]]
    styles = [("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), CAPTION_FILL),
              ("BACKGROUND", (0, 1), (-1, 1), HEADER_FILL)]
    for urn in group.units:
        unit = q.unit(urn)
        picked = urn in chosen
        values = [STRUCTURE_VALUES[key](unit) for _, key in labels.structure]
        # "not published" in small type, so a column of it stays one line a row.
        rows.append([p(v, SMALL if v == NOT_PUBLISHED else BODY) for v in values] + [p(TICK if picked else "")])
        if picked:
            styles.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), CHOSEN_FILL))
    table = ContinuedTable(rows, colWidths=_widths(labels), repeatRows=2)
    table.continued = p(continued_caption(caption), HEAD)
    table.setStyle(grid_style(*styles))
    return table


def structure_page(record: LarRecord) -> list[Flowable]:
    q = record.qualification
    story: list[Flowable] = [p(f"{q.title} ID: {q.number}", SUBHEADING)]
    story += [p(line, PARAGRAPH) for line in rule_sentences(q)]
    if q.glh_min is not None:
        story.append(p(f"Minimum GLH: {q.glh_min}", PARAGRAPH))
    if q.glh_max is not None:
        story.append(p(f"Maximum GLH: {q.glh_max}", PARAGRAPH))
    if q.tqt is not None:
        story.append(p(f"Total Qualification Time (TQT): {q.tqt}", PARAGRAPH))
    labels = labels_for(q)
    if any(unit.glh is None for unit in q.units):
        story.append(p(f"GLH: '{NOT_PUBLISHED}' where the awarding body's document gives no figure for a unit.", SMALL))
    credits = {c.group_name: c for c in record.group_credits}
    chosen = record.chosen_urns
    for group in q.groups:
        summary = []
        if group.name in credits:
            c = credits[group.name]
            summary.append(p(f"Group {group.name}: chosen units {c.chosen_credits} credits; achieved (signed off) "
                             f"{c.achieved_credits} credits.", SMALL))
        story += [Spacer(1, 3 * mm), KeepWithFooter(_group_table(q, group, chosen, labels), summary, gap=1 * mm)]
    chosen_total = sum(c.chosen_credits for c in record.group_credits)
    achieved_total = sum(c.achieved_credits for c in record.group_credits)
    story += [Spacer(1, 4 * mm), p(f"Learner's route: {len(record.units)} units chosen, {chosen_total} credits; "
                                   f"{achieved_total} credits achieved (units signed off)"
                                   + (f" of the {q.credits} required." if q.credits else "."), LABEL)]
    return story
