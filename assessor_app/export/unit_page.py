"""A unit's page of the Learner Assessment Record: header fields, the LO/AC table, the sign-off footer."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from assessor_app.domain.catalogue import number_key
from assessor_app.domain.lar_model import INFERRED_FOOTNOTE, INFERRED_MARK, IvSample, SignOff, UnitEntry
from assessor_app.domain.records import uk_date
from assessor_app.domain.unit_record import UnitRecord
from assessor_app.export.cells import field as _field
from assessor_app.export.cells import signature
from assessor_app.export.cells import p as _p
from assessor_app.export.flow import FlowTable, KeepWithFooter
from assessor_app.export.labels import IMI, Labels
from assessor_app.export.styles import HEAD, HEADER_FILL, SMALL, grid_style

CONTENT_WIDTH = 180 * mm
AC_TABLE_WIDTHS = (44 * mm, 92 * mm, 20 * mm, 24 * mm)
HEADER_WIDTHS = (72 * mm, 54 * mm, 54 * mm)  # room for "Unit Reference Number: L/506/2150"
FOOTER_WIDTHS = (46 * mm, 44 * mm, 45 * mm, 45 * mm)


def unit_header(record: UnitRecord, labels: Labels = IMI) -> list[Flowable]:
    """Learner Name, then the awarding body's own header rows (IMI: UNIT REF / UNIT TITLE, Level / Credit Value /
    GLH, Mapping, Rationale); a value its document does not publish reads 'not published'."""
    rows = [[_field("Learner Name:", record.learner_name), "", ""]]
    spans = [("SPAN", (0, 0), (-1, 0))]
    for cells in labels.unit_rows(record.unit):
        n = len(rows)
        row = [_field(label, value) for label, value in cells]
        if len(row) == 1:
            spans.append(("SPAN", (0, n), (-1, n)))
        elif len(row) == 2:
            spans.append(("SPAN", (1, n), (-1, n)))
        rows.append(row + [""] * (3 - len(row)))
    table = FlowTable(rows, colWidths=HEADER_WIDTHS, splitInRow=1)
    table.setStyle(grid_style(*spans))
    table.keepWithNext = True
    return [table, Spacer(1, 3 * mm)]


def criteria_table(record: UnitRecord, inferred: frozenset[str] = frozenset()) -> FlowTable:
    """One row per AC; the LO cell spans its ACs; the header row repeats on every overflow page. An AC whose
    wording is inferred (`inferred`, by number) carries the mark of the footnote printed under the table."""
    header = [
        _p("LEARNING OUTCOMES\nThe Learner will:", HEAD), _p("ASSESSMENT CRITERIA\nThe Learner can:", HEAD),
        _p("Ref No", HEAD), _p("Date", HEAD),
    ]
    rows = [header]
    spans = []
    start = 1
    for i, row in enumerate(record.rows):
        first_of_outcome = i == 0 or record.rows[i - 1].outcome_number != row.outcome_number
        mark = f" {INFERRED_MARK}" if row.number in inferred else ""
        rows.append([
            _p(f"{row.outcome_number}. {row.outcome_text}") if first_of_outcome else "",
            _p(f"{row.number} {row.text}{mark}"), _p(row.ref_no), _p(uk_date(row.date)),
        ])
        last_of_outcome = i == len(record.rows) - 1 or record.rows[i + 1].outcome_number != row.outcome_number
        if last_of_outcome:
            end = i + 1
            if end > start:
                spans.append(("SPAN", (0, start), (0, end)))
            start = end + 1
    table = FlowTable(rows, colWidths=AC_TABLE_WIDTHS, repeatRows=1, splitInRow=1)
    table.setStyle(grid_style(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), *spans))
    return table


def inferred_footnote(inferred: frozenset[str]) -> list[Flowable]:
    if not inferred:
        return []
    numbers = ", ".join(sorted(inferred, key=number_key))
    return [Spacer(1, 1.5 * mm), _p(f"{INFERRED_MARK} {numbers}: {INFERRED_FOOTNOTE}", SMALL)]


def signoff_footer(pin: str = "", signed_on: str = "", signature: Flowable | None = None,
                   assessor_name: str = "") -> FlowTable:
    """ASSESSOR SIGNATURE / PIN NO / DATE, one line per unit; the signature image sits beside its label."""
    mark = [signature] if signature is not None else []
    if assessor_name:
        mark.append(_p(assessor_name, SMALL))
    row = [[_field("ASSESSOR SIGNATURE:", ""), mark or "", _field("PIN NO:", pin), _field("DATE:", signed_on)]]
    table = FlowTable(row, colWidths=FOOTER_WIDTHS)
    table.setStyle(grid_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE")))
    return table


def unit_page(record: UnitRecord, labels: Labels = IMI) -> list[Flowable]:
    """The single unit page; the footer shows the record's active sign-off (PIN and date) where there is one."""
    signed = getattr(record, "signoff", None)
    footer = signoff_footer(signed.pin_no, uk_date(signed.signed_on), None, signed.assessor_name) if signed \
        else signoff_footer()
    return [*unit_header(record, labels), criteria_table(record), Spacer(1, 4 * mm), footer]


def _filled_footer(signoff: SignOff | None) -> FlowTable:
    if signoff is None:
        # Blank, so a printed copy still works as the paper form.
        return signoff_footer(signature=signature(None, 40 * mm, 10 * mm))
    return signoff_footer(signoff.pin, uk_date(signoff.date), signature(signoff.signature_png, 40 * mm, 10 * mm),
                          signoff.assessor_name)


def _iv_block(sample: IvSample) -> FlowTable:
    rows = [
        [_field("INTERNAL VERIFIER SAMPLE:", sample.decision), _field("IV NAME:", sample.iv_name),
         _field("DATE:", uk_date(sample.date))],
        [_field("IV Feedback:", sample.feedback), "",
         [_field("IV SIGNATURE:", ""), signature(sample.signature_png, 50 * mm, 9 * mm)]],
    ]
    if sample.actions:
        rows.append([_field("Actions:", sample.actions), "", ""])
    table = FlowTable(rows, colWidths=(70 * mm, 55 * mm, 55 * mm))
    table.setStyle(grid_style(("SPAN", (0, 1), (1, 1)), ("SPAN", (0, 2), (-1, 2)),
                              ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)))
    return table


def unit_pages(entry: UnitEntry, learner_name: str, qualification_title: str = "", qualification_number: str = "",
               labels: Labels = IMI, inferred: frozenset[str] = frozenset()) -> list[Flowable]:
    """The unit page of the full record: Ref No and Date filled, footer filled from the sign-off and kept with
    the table's last rows, then the IV's sample decision where the unit was sampled."""
    record = UnitRecord(learner_name, qualification_title, qualification_number, entry.unit, entry.rows)
    footer: list[Flowable] = [*inferred_footnote(inferred), Spacer(1, 4 * mm), _filled_footer(entry.signoff)]
    if entry.iv_sample is not None:
        footer += [Spacer(1, 2 * mm), _iv_block(entry.iv_sample)]
    return [*unit_header(record, labels), KeepWithFooter(criteria_table(record, inferred), footer)]

