"""A unit's page of the Learner Assessment Record: header fields, the LO/AC table, the sign-off footer."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from assessor_app.domain.records import uk_date
from assessor_app.domain.unit_record import UnitRecord
from assessor_app.export.styles import BODY, HEAD, HEADER_FILL, LABEL, grid_style

CONTENT_WIDTH = 180 * mm
AC_TABLE_WIDTHS = (44 * mm, 92 * mm, 20 * mm, 24 * mm)


def _p(text: str, style=BODY) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _field(label: str, value: str) -> Paragraph:
    return Paragraph(f'<font name="{LABEL.fontName}">{escape(label)}</font> {escape(value)}', BODY)


def unit_header(record: UnitRecord) -> list[Flowable]:
    unit = record.unit
    title = (unit.title_on_unit_page or unit.title).upper()
    def _num(value) -> str:
        return "" if value is None else str(value)
    rows = [
        [_field("Learner Name:", record.learner_name), "", ""],
        [_field("UNIT REF:", unit.ref), _field("UNIT TITLE:", title), ""],
        [_field("Level:", _num(unit.level)), _field("Credit Value:", _num(unit.credit)), _field("GLH:", _num(unit.glh))],
        [_field("Mapping:", unit.mapping or ""), "", ""],
        [_field("Rationale:", unit.rationale or ""), "", ""],
    ]
    table = Table(rows, colWidths=(50 * mm, 70 * mm, 60 * mm))
    table.setStyle(grid_style(
        ("SPAN", (0, 0), (-1, 0)), ("SPAN", (1, 1), (-1, 1)), ("SPAN", (0, 3), (-1, 3)), ("SPAN", (0, 4), (-1, 4)),
    ))
    return [table, Spacer(1, 3 * mm)]


def criteria_table(record: UnitRecord) -> Table:
    """One row per AC; the LO cell spans its ACs; the header row repeats on every overflow page."""
    header = [
        _p("LEARNING OUTCOMES\nThe Learner will:", HEAD), _p("ASSESSMENT CRITERIA\nThe Learner can:", HEAD),
        _p("Ref No", HEAD), _p("Date", HEAD),
    ]
    rows = [header]
    spans = []
    start = 1
    for i, row in enumerate(record.rows):
        first_of_outcome = i == 0 or record.rows[i - 1].outcome_number != row.outcome_number
        rows.append([
            _p(f"{row.outcome_number}. {row.outcome_text}") if first_of_outcome else "",
            _p(f"{row.number} {row.text}"), _p(row.ref_no), _p(uk_date(row.date)),
        ])
        last_of_outcome = i == len(record.rows) - 1 or record.rows[i + 1].outcome_number != row.outcome_number
        if last_of_outcome:
            end = i + 1
            if end > start:
                spans.append(("SPAN", (0, start), (0, end)))
            start = end + 1
    table = Table(rows, colWidths=AC_TABLE_WIDTHS, repeatRows=1, splitInRow=1)
    table.setStyle(grid_style(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), *spans))
    return table


def signoff_footer(pin: str = "", signed_on: str = "", signature: Flowable | None = None) -> Table:
    row = [[_field("ASSESSOR SIGNATURE:", ""), signature or "", _field("PIN NO:", pin), _field("DATE:", signed_on)]]
    table = Table(row, colWidths=(40 * mm, 50 * mm, 45 * mm, 45 * mm))
    table.setStyle(grid_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE")))
    return table


def unit_page(record: UnitRecord) -> list[Flowable]:
    return [*unit_header(record), criteria_table(record), Spacer(1, 4 * mm), signoff_footer()]
