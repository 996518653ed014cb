"""The record's cover: the source document's own cover lines, the qualification, its version, and the learner.

IMI's printed cover also carries "CENTRE INFORMATION" paragraphs about legislation, vehicle technologies and
unit content; they are left out on purpose: they speak of motor-trade practice, not of this learner's record."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from assessor_app.domain.lar_model import LarRecord
from assessor_app.export.cells import field, p
from assessor_app.export.flow import FlowTable
from assessor_app.export.styles import COVER, COVER_BIG, COVER_BOLD, PARAGRAPH, grid_style

RECORD_TITLE = "LEARNER ASSESSMENT RECORD"


def version_line(version: str) -> str:
    """'Version 1: September 2014' as printed; a bare date such as 'November 2017' gets the word 'Version'."""
    if not version or version.lower().startswith(("version", "issue")):
        return version
    return f"Version: {version}"


def _learner(record: LarRecord) -> FlowTable:
    rows = [[field("Learner Name:", record.learner.name)],
            [field("Learner Registration No:", record.learner.registration_no)]]
    if record.centre_name:
        rows.append([field("Centre:", record.centre_name)])
    table = FlowTable(rows, colWidths=(140 * mm,))
    table.setStyle(grid_style())
    return table


def cover(record: LarRecord) -> list[Flowable]:
    """IMI: its cover's lines word for word (organisation, document title, qualification, Ofqual I.D, version,
    note, copyright). Others: the awarding body, the record's title, and their own document's title and version."""
    q = record.qualification
    source = q.source or {}
    heading = list(source.get("cover_heading") or [])
    story: list[Flowable] = [Spacer(1, 25 * mm)]
    if heading:
        story += [p(heading[0], COVER_BOLD), Spacer(1, 10 * mm), *(p(line, COVER_BIG) for line in heading[1:])]
    else:
        story += [p(q.awarding_body.upper(), COVER_BOLD), Spacer(1, 10 * mm), p(RECORD_TITLE, COVER_BIG)]
    story += [Spacer(1, 4 * mm), p(q.title, COVER_BOLD), p(f"Ofqual I.D: {q.number}", COVER)]
    if not heading and record.document_title:
        story.append(p(record.document_title, COVER))  # the document the record's text is taken from
    if record.document_version:
        story.append(p(version_line(record.document_version), COVER))
    if record.cover_note:  # only what the awarding body's own document prints on its cover
        story += [Spacer(1, 6 * mm), p(record.cover_note, PARAGRAPH)]
    story += [Spacer(1, 12 * mm), _learner(record)]
    if source.get("copyright"):
        story += [Spacer(1, 20 * mm), p(source["copyright"], COVER)]
    return story
