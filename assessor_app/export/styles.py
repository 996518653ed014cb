"""Paragraph and table styles of the printed record: one place for sizes, colours and rules."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from assessor_app.export.fonts import BOLD, REGULAR

BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=11.5)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.5, leading=9.5)
TINY = ParagraphStyle("tiny", parent=BODY, fontSize=6.5, leading=8)
LABEL = ParagraphStyle("label", parent=BODY, fontName=BOLD)
SLOT_LABEL = ParagraphStyle("slot-label", parent=LABEL, fontSize=8, leading=10)
HEAD = ParagraphStyle("head", parent=BODY, fontName=BOLD, fontSize=8.5, leading=10.5)
TITLE = ParagraphStyle("title", parent=BODY, fontName=BOLD, fontSize=13, leading=16, spaceAfter=6)
HEADING = ParagraphStyle("heading", parent=BODY, fontName=BOLD, fontSize=12, leading=15, spaceAfter=6,
                         alignment=TA_CENTER)
SUBHEADING = ParagraphStyle("subheading", parent=BODY, fontName=BOLD, fontSize=10, leading=13, spaceBefore=4,
                            spaceAfter=4)
PARAGRAPH = ParagraphStyle("paragraph", parent=BODY, spaceAfter=5)
COVER_BIG = ParagraphStyle("cover-big", parent=BODY, fontName=BOLD, fontSize=20, leading=26, alignment=TA_CENTER,
                           spaceAfter=10)
COVER = ParagraphStyle("cover", parent=BODY, fontSize=12, leading=16, alignment=TA_CENTER, spaceAfter=8)
COVER_BOLD = ParagraphStyle("cover-bold", parent=COVER, fontName=BOLD, fontSize=14, leading=19)

GRID = colors.HexColor("#404040")
CELL_SIDE_PADDING = 4.5
HEADER_FILL = colors.HexColor("#d9d9d9")
CAPTION_FILL = colors.HexColor("#bfbfbf")
CHOSEN_FILL = colors.HexColor("#eef4ea")


def grid_style(*extra) -> TableStyle:
    return TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # plain-string cells: never reportlab's unembedded Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # Room between text and rules, so that no letter touches a rule, printed or photocopied (1.6 mm a side).
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_SIDE_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_SIDE_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        *extra,
    ])
