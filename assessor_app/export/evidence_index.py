"""The evidence index after the record: every item with its people, ACs, kind details, and attachments with SHA-256."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from assessor_app.domain.lar_model import AcRef, Attachment, EvidenceItem
from assessor_app.domain.records import uk_date
from assessor_app.export.cells import p
from assessor_app.export.flow import FlowTable
from assessor_app.export.styles import HEAD, HEADER_FILL, HEADING, PARAGRAPH, SMALL, TINY, grid_style

COLUMNS = ("Ref No", "Date", "Kind", "Title", "People", "ACs")
WIDTHS = (15 * mm, 21 * mm, 24 * mm, 43 * mm, 36 * mm, 41 * mm)  # a date on one line
ATTACHMENT_FILL = "#f4f4f4"


def acs_text(criteria: tuple[AcRef, ...]) -> str:
    """'CS 7: 1.1, 1.2; CS 8: 2.1' - grouped by unit in the order they first appear."""
    by_unit: dict[str, list[str]] = {}
    for ac in criteria:
        by_unit.setdefault(ac.unit_ref, []).append(ac.number)
    return "; ".join(f"{unit}: {', '.join(numbers)}" for unit, numbers in by_unit.items())


def size_text(size: int) -> str:
    return f"{size:,} bytes"


def attachment_text(attachment: Attachment) -> str:
    return f"Attachment: {attachment.name} · {size_text(attachment.size)} · SHA-256: {attachment.sha256}"


def details_text(item: EvidenceItem) -> str:
    """What a kind records beyond the columns (a report's word count, where a workplace document is kept); these
    kinds have no form of their own, so the index is the only place the record prints them."""
    parts = []
    if item.word_count is not None:
        parts.append(f"Word count: {item.word_count:,}")
    if item.document_location:
        parts.append(f"Kept at: {item.document_location}")
    if item.document_relevance:
        parts.append(f"Relevance: {item.document_relevance}")
    return " · ".join(parts)


def _full_width_row(rows: list, styles: list, text: str) -> None:
    rows.append(["", p(text, TINY)] + [""] * 4)
    n = len(rows) - 1
    styles += [("SPAN", (1, n), (-1, n)), ("BACKGROUND", (1, n), (-1, n), ATTACHMENT_FILL),
               ("TOPPADDING", (0, n), (-1, n), 1), ("BOTTOMPADDING", (0, n), (-1, n), 1)]


def _people(item: EvidenceItem) -> str:
    return "\n".join(f"{person.name} ({person.role})" for person in item.people)


def evidence_index(items: tuple[EvidenceItem, ...]) -> list[Flowable]:
    rows = [[p(c, HEAD) for c in COLUMNS]]
    styles = [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]
    for item in items:
        rows.append([p(item.ref, SMALL), p(uk_date(item.date), SMALL), p(item.label, SMALL), p(item.title, SMALL),
                     p(_people(item), SMALL), p(acs_text(item.criteria), SMALL)])
        if details_text(item):
            _full_width_row(rows, styles, details_text(item))
        for attachment in item.attachments:
            # A full-width row: a SHA-256 needs the room, and it must print whole to be checked.
            _full_width_row(rows, styles, attachment_text(attachment))
    if len(rows) == 1:
        rows.append([p("No evidence recorded.", SMALL)] + [""] * 5)
        styles.append(("SPAN", (0, 1), (-1, 1)))
    table = FlowTable(rows, colWidths=WIDTHS, repeatRows=1, splitInRow=1)
    table.setStyle(grid_style(*styles))
    intro = ("Every evidence item of this record by its Evidence Ref. No., with the people involved, the assessment "
             "criteria it covers and its attachments; an attachment's SHA-256 identifies its exact content.")
    return [p("EVIDENCE INDEX", HEADING), p(intro, PARAGRAPH), table]
