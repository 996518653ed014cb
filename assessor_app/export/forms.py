"""Observation, witness testimony, professional discussion and questioning records, each as a signed form."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from assessor_app.domain.evidence import OBSERVATION, PROFESSIONAL_DISCUSSION, QUESTIONING, WITNESS_TESTIMONY
from assessor_app.domain.lar_model import EvidenceItem, LarRecord
from assessor_app.domain.records import uk_date
from assessor_app.export.cells import field, p, signature
from assessor_app.export.evidence_index import acs_text, attachment_text
from assessor_app.export.flow import FlowTable
from assessor_app.export.styles import BODY, HEAD, HEADER_FILL, HEADING, LABEL, SMALL, TINY, grid_style

TITLES = {
    OBSERVATION: "OBSERVATION RECORD",
    WITNESS_TESTIMONY: "WITNESS TESTIMONY",
    PROFESSIONAL_DISCUSSION: "PROFESSIONAL DISCUSSION RECORD",
    QUESTIONING: "QUESTIONING RECORD",
}
NARRATIVE_LABELS = {
    OBSERVATION: "Observation notes:",
    WITNESS_TESTIMONY: "Witness statement:",
    PROFESSIONAL_DISCUSSION: "Summary of discussion:",
    QUESTIONING: "Summary:",
}
FULL = 180 * mm


def _details(record: LarRecord, item: EvidenceItem) -> FlowTable:
    q = record.qualification
    rows = [
        [field("Learner Name:", record.learner.name), field("Learner Registration No:", record.learner.registration_no)],
        [field("Qualification:", f"{q.title} ({q.number})"), ""],
        [field("Evidence Ref. No.:", item.ref), field("Date:", uk_date(item.date))],
        [field("Title:", item.title), ""],
        *_when_where(item),
        [field("Assessment criteria covered:", acs_text(item.criteria) or "None"), ""],
        [field("People:", "; ".join(f"{x.name} ({x.role}{', ' + x.job_title if x.job_title else ''})"
                                    for x in item.people) or "None"), ""],
    ]
    table = FlowTable(rows, colWidths=(95 * mm, 85 * mm), splitInRow=1)
    table.setStyle(grid_style(*(("SPAN", (0, r), (1, r)) for r, row in enumerate(rows) if row[1] == "")))
    return table


def _when_where(item: EvidenceItem) -> list[list]:
    """Time, duration and place where the kind has them; where a workplace document is held, and why."""
    rows = []
    timing = ([field("Time:", item.time)] if item.time else []) + \
        ([field("Duration:", f"{item.duration_minutes} minutes")] if item.duration_minutes else [])
    if timing:
        rows.append(timing + [""] * (2 - len(timing)))
    if item.location:
        rows.append([field("Location:", item.location), ""])
    if item.expert_witness:
        rows.append([field("Expert witness:", "Yes"), ""])
    if item.document_location or item.document_relevance:
        rows.append([field("Document held at:", item.document_location),
                     field("Relevance:", item.document_relevance)])
    return rows


def _questions(item: EvidenceItem) -> FlowTable:
    rows = [[p("No.", HEAD), p("Question", HEAD), p("Answer", HEAD)]]
    rows += [[p(str(n)), p(qa.question), p(qa.answer)] for n, qa in enumerate(item.questions, start=1)]
    table = FlowTable(rows, colWidths=(10 * mm, 70 * mm, 100 * mm), repeatRows=1, splitInRow=1)
    table.setStyle(grid_style(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)))
    return table


def _signatures(item: EvidenceItem) -> FlowTable:
    rows = [[p("Signed by", HEAD), p("Name", HEAD), p("Signature", HEAD), p("Date", HEAD)]]
    for s in item.signatures:
        rows.append([p(s.role.capitalize() + ":", LABEL), p(s.name), signature(s.signature_png, 55 * mm, 11 * mm),
                     p(uk_date(s.date))])
    if len(rows) == 1:
        rows.append([p("Not signed.", SMALL), "", "", ""])
    table = FlowTable(rows, colWidths=(38 * mm, 55 * mm, 60 * mm, 27 * mm))
    table.setStyle(grid_style(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("VALIGN", (0, 1), (-1, -1), "MIDDLE")))
    return table


def evidence_form(record: LarRecord, item: EvidenceItem) -> list[Flowable]:
    story: list[Flowable] = [p(TITLES.get(item.kind, item.label.upper()), HEADING), _details(record, item),
                             Spacer(1, 4 * mm)]
    label = p(NARRATIVE_LABELS.get(item.kind, "Notes:"), LABEL)
    narrative = FlowTable([[label], [p(item.narrative or "None", BODY)]], colWidths=(FULL,), splitInRow=1)
    narrative.setStyle(grid_style())
    story += [narrative, Spacer(1, 4 * mm)]
    if item.questions:
        story += [_questions(item), Spacer(1, 4 * mm)]
    if item.attachments:
        story += [p(attachment_text(a), TINY) for a in item.attachments] + [Spacer(1, 3 * mm)]
    story.append(KeepTogether([p("Signatures", LABEL), Spacer(1, 1 * mm), _signatures(item)]))
    return story
