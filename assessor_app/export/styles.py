"""Paragraph and table styles of the printed record: one place for sizes, colours and rules."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from assessor_app.export.fonts import BOLD, REGULAR

BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=11.5)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.5, leading=9.5)
LABEL = ParagraphStyle("label", parent=BODY, fontName=BOLD)
HEAD = ParagraphStyle("head", parent=BODY, fontName=BOLD, fontSize=8.5, leading=10.5)
TITLE = ParagraphStyle("title", parent=BODY, fontName=BOLD, fontSize=13, leading=16, spaceAfter=6)

GRID = colors.HexColor("#404040")
HEADER_FILL = colors.HexColor("#d9d9d9")


def grid_style(*extra) -> TableStyle:
    return TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *extra,
    ])
