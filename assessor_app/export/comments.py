"""ASSESSOR COMMENTS AND FEEDBACK: the printed instruction, the 8-point guide, the comments table, continuations."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from assessor_app.domain.feedback_guide import CONTINUATION, GUIDE, GUIDE_INTRO, HEADING_TEXT, INSTRUCTION
from assessor_app.domain.lar_model import Comment
from assessor_app.domain.records import uk_date
from assessor_app.export.cells import p
from assessor_app.export.flow import FlowTable, RuledRows
from assessor_app.export.styles import BODY, GRID, HEAD, HEADER_FILL, HEADING, LABEL, PARAGRAPH, SMALL, grid_style

COLUMNS = ("Date", "Evidence Ref. No.", "Assessor Comments: Please ensure your comments are concise.")
WIDTHS = (22 * mm, 33 * mm, 125 * mm)
BLANK_ROW = 9 * mm


DRAFT_MARK = "DRAFT, not yet finished by the assessor:"


def _comment_row(comment: Comment) -> list:
    """A draft (logged with an observation) is printed, marked, rather than left off without a word."""
    text = ([p(DRAFT_MARK, LABEL)] if comment.draft else []) + [p(comment.text, BODY)]
    if comment.author:
        text.append(p(comment.author, SMALL))
    return [p(uk_date(comment.date)), p(", ".join(comment.evidence_refs)), text]


def comments_table(comments: tuple[Comment, ...]) -> list[Flowable]:
    """Filled rows, then ruled empty rows to the foot of the page so the printed sheet can still be written on."""
    rows = [[p(c, HEAD) for c in COLUMNS]] + [_comment_row(c) for c in comments]
    table = FlowTable(rows, colWidths=WIDTHS, repeatRows=1, splitInRow=1)
    table.setStyle(grid_style(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)))
    return [table, RuledRows(WIDTHS, BLANK_ROW, GRID)]


def comments_first_sheet(comments: tuple[Comment, ...], after_heading: list[Flowable]) -> list[Flowable]:
    """The sheet with the guide; `after_heading` goes straight after the heading (the page-template switch that
    gives every overflow page the CONTINUATION SHEET heading)."""
    story: list[Flowable] = [p(HEADING_TEXT, HEADING), *after_heading, p(INSTRUCTION, PARAGRAPH),
                             p(GUIDE_INTRO, PARAGRAPH)]
    story += [p(f"{n}. {line}", BODY) for n, line in enumerate(GUIDE, start=1)]
    story.append(p("", PARAGRAPH))
    story += comments_table(comments)
    return story


def continuation_sheet() -> list[Flowable]:
    """A blank CONTINUATION SHEET (the page template prints its heading)."""
    return comments_table(())
