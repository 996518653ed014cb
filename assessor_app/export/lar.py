"""The whole Learner Assessment Record as one PDF, in the printed record's page order, from a LarRecord alone."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from assessor_app.domain.lar_model import LarRecord, inferred_criteria
from assessor_app.export.comments import CONTINUATION, HEADING_TEXT, comments_first_sheet, continuation_sheet
from assessor_app.export.contact_sheet import contact_sheets
from assessor_app.export.cover import cover
from assessor_app.export.document import PAGE_TEMPLATE, write_pdf
from assessor_app.export.evidence_index import evidence_index
from assessor_app.export.forms import evidence_form
from assessor_app.export.guidance import guidance_section
from assessor_app.export.labels import labels_for
from assessor_app.export.structure_page import structure_page
from assessor_app.export.unit_page import unit_pages

COMMENTS_CONTINUATION = "comments-continuation"
HEADED_PAGES = {COMMENTS_CONTINUATION: (HEADING_TEXT, CONTINUATION)}


def lar_story(record: LarRecord) -> list[Flowable]:
    """Cover, contact sheet(s), structure page, each chosen unit with its guidance table, comments and their
    continuation sheets; then the evidence index and the evidence forms."""
    q = record.qualification
    labels = labels_for(q)
    story: list[Flowable] = [*cover(record), PageBreak(), *contact_sheets(record), PageBreak(),
                             *structure_page(record)]
    for entry in record.units:
        inferred = inferred_criteria(q, entry.unit.urn)
        story += [PageBreak(), *unit_pages(entry, record.learner.name, q.title, q.number, labels, inferred),
                  *guidance_section(entry.unit, inferred)]
    story += [PageBreak(), *comments_first_sheet(record.comments, [NextPageTemplate(COMMENTS_CONTINUATION)]),
              PageBreak(), *continuation_sheet()]
    story += [NextPageTemplate(PAGE_TEMPLATE), PageBreak(), *evidence_index(record.evidence)]
    for item in record.evidence:
        if item.is_form:
            story += [PageBreak(), *evidence_form(record, item)]
    return story


def footer_lines(record: LarRecord) -> tuple[str, str]:
    q = record.qualification
    return (f"Learner: {record.learner.name} ({record.learner.registration_no})",
            f"{q.title} ({q.number})")


def write_lar(record: LarRecord, path: Path, font_dir: Path) -> Path:
    """Write the record to `path`; the same record gives the same bytes."""
    q = record.qualification
    return write_pdf(path, lambda: lar_story(record), font_dir=font_dir,
                     title=f"Learner Assessment Record: {record.learner.name}, {q.title}",
                     subject=f"{q.number}; record fingerprint {record.fingerprint}",
                     footer_text=footer_lines(record), footer_right=f"Record fingerprint: {record.fingerprint}",
                     headed_pages=HEADED_PAGES)
