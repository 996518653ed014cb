"""Observation, witness testimony, professional discussion and questioning records, each as a signed form.

Every field a kind has is printed; a value not entered leaves a ruled blank to fill by hand, as a paper form would."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from assessor_app.domain.evidence import OBSERVATION, PROFESSIONAL_DISCUSSION, QUESTIONING, WITNESS_TESTIMONY
from assessor_app.domain.lar_model import EXPECTED_SIGNERS, EvidenceItem, EvidencePerson, FormSignature, LarRecord
from assessor_app.domain.records import uk_date
from assessor_app.export.cells import field, p, signature
from assessor_app.export.evidence_index import size_text
from assessor_app.export.flow import FlowTable
from assessor_app.export.styles import BODY, HEAD, HEADER_FILL, HEADING, LABEL, SMALL, TINY, grid_style

TITLES = {
    OBSERVATION: "OBSERVATION RECORD",
    WITNESS_TESTIMONY: "WITNESS TESTIMONY",
    PROFESSIONAL_DISCUSSION: "PROFESSIONAL DISCUSSION RECORD",
    QUESTIONING: "QUESTIONING RECORD",
}
NARRATIVE_LABELS = {
    OBSERVATION: "Assessor's account of what was observed:",
    WITNESS_TESTIMONY: "Witness statement:",
    PROFESSIONAL_DISCUSSION: "Summary of discussion:",
    QUESTIONING: "Summary:",
}
FULL = 180 * mm
HALF = (90 * mm, 90 * mm)
BLANK_LINE = 5 * mm  # room under a label to write the missing value by hand
BLANK_BOX = 30 * mm  # a narrative not written yet
BLANK_ROWS = 3  # ruled rows left for notes or questions not recorded yet
OPEN_STATUS = "open"
SIGNATURE_WIDTHS = (76 * mm, 70 * mm, 34 * mm)  # name (long names on one line), signature, date


def _cell(label: str, value: str) -> list[Flowable]:
    """A label and its value, or the label over a ruled blank when there is no value."""
    return [field(label, value)] if value else [field(label, ""), Spacer(1, BLANK_LINE)]


def _minutes(value: int | None) -> str:
    return "" if value is None else f"{value} minutes"


def _names(people: tuple[EvidencePerson, ...], roles: tuple[str, ...] | None = None) -> str:
    chosen = [x for x in people if roles is None or x.role in roles]
    return "; ".join(f"{x.name} ({x.role}{', ' + x.job_title if x.job_title else ''})" for x in chosen)


def _kind_fields(item: EvidenceItem) -> list[tuple[str, str]]:
    """(label, value) of the fields this kind of form has, in the order a paper form asks for them."""
    timing = [("Start time:", item.time), ("Duration:", _minutes(item.duration_minutes)),
              ("Location:", item.location)]
    if item.kind == OBSERVATION:
        status = "still being recorded (open)" if item.status == OPEN_STATUS else "finished"
        return [*timing, ("Activity observed:", item.activity), ("Assessor:", _names(item.people, ("assessor",))),
                ("Others present:", _names(tuple(x for x in item.people if x.role != "assessor"))),
                ("Record:", status)]
    if item.kind == WITNESS_TESTIMONY:
        witness = next((x for x in item.people if x.role == "witness"), EvidencePerson("", "witness"))
        return [("Witness name:", witness.name), ("Witness job title:", witness.job_title),
                ("Relationship to learner:", witness.relationship),
                ("Expert witness:", "Yes" if item.expert_witness else "No"), ("Location:", item.location)]
    if item.kind == PROFESSIONAL_DISCUSSION:
        return [*timing, ("Participants:", _names(item.people)), ("Topics discussed:", item.topics)]
    return [*timing, ("Asked by / present:", _names(item.people))]


def _details(record: LarRecord, item: EvidenceItem) -> FlowTable:
    q = record.qualification
    rows: list[list] = [
        [_cell("Learner Name:", record.learner.name), _cell("Learner Registration No:", record.learner.registration_no)],
        [_cell("Qualification:", f"{q.title} ({q.number})"), ""],
        [_cell("Evidence Ref. No.:", item.ref), _cell("Date:", uk_date(item.date))],
        [_cell("Title:", item.title), ""],
    ]
    fields = _kind_fields(item)
    for i in range(0, len(fields), 2):
        pair = [_cell(*f) for f in fields[i:i + 2]]
        rows.append(pair + [""] * (2 - len(pair)))
    spans = [("SPAN", (0, r), (1, r)) for r, row in enumerate(rows) if row[1] == ""]
    table = FlowTable(rows, colWidths=HALF, splitInRow=1)
    table.setStyle(grid_style(*spans))
    return table


def _criteria(item: EvidenceItem) -> FlowTable:
    rows = [[p("Unit", HEAD), p("AC", HEAD), p("Assessment criteria covered", HEAD)]]
    rows += [[p(ac.unit_ref), p(ac.number), p(ac.text)] for ac in item.criteria]
    rows += [["", "", Spacer(1, BLANK_LINE)] for _ in range(0 if item.criteria else 2)]
    table = FlowTable(rows, colWidths=(25 * mm, 15 * mm, 140 * mm), repeatRows=1, splitInRow=1)
    table.setStyle(grid_style(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)))
    return table


def _narrative(item: EvidenceItem) -> FlowTable:
    body = p(item.narrative, BODY) if item.narrative.strip() else Spacer(1, BLANK_BOX)
    table = FlowTable([[p(NARRATIVE_LABELS.get(item.kind, "Notes:"), LABEL)], [body]], colWidths=(FULL,),
                      splitInRow=1)
    table.setStyle(grid_style())
    return table


def _notes(item: EvidenceItem) -> FlowTable:
    """The assessor's notes as typed during the observation, each with its time."""
    rows = [[p("Time", HEAD), p("Assessor's timed notes", HEAD)]]
    rows += [[p(note.time), p(note.text)] for note in item.notes]
    rows += [["", Spacer(1, BLANK_LINE)] for _ in range(0 if item.notes else BLANK_ROWS)]
    table = FlowTable(rows, colWidths=(18 * mm, 162 * mm), repeatRows=1, splitInRow=1)
    table.setStyle(grid_style(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)))
    return table


def _questions(item: EvidenceItem) -> FlowTable:
    rows = [[p("No.", HEAD), p("Question", HEAD), p("Answer", HEAD)]]
    rows += [[p(str(n)), p(qa.question), p(qa.answer) if qa.answer else Spacer(1, BLANK_LINE)]
             for n, qa in enumerate(item.questions, start=1)]
    rows += [["", Spacer(1, BLANK_LINE), ""] for _ in range(0 if item.questions else BLANK_ROWS)]
    table = FlowTable(rows, colWidths=(10 * mm, 70 * mm, 100 * mm), repeatRows=1, splitInRow=1)
    table.setStyle(grid_style(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)))
    return table


def _attachments(item: EvidenceItem) -> FlowTable:
    rows = [[p("Attachment", HEAD), p("Size", HEAD), p("SHA-256", HEAD)]]
    rows += [[p(a.name, SMALL), p(size_text(a.size), SMALL), p(a.sha256, TINY)] for a in item.attachments]
    rows += [[Spacer(1, BLANK_LINE), "", ""] for _ in range(0 if item.attachments else 1)]
    table = FlowTable(rows, colWidths=(50 * mm, 25 * mm, 105 * mm), repeatRows=1, splitInRow=1)  # a hash on one line
    table.setStyle(grid_style(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)))
    return table


def _signatures(item: EvidenceItem) -> FlowTable:
    """One row per signer, and a blank row for each signer the kind expects who is not named (the assessor of an
    observation made by ticking the unit page); every cell labelled, so a blank row still says who signs where."""
    present = {s.role for s in item.signatures}
    missing = [FormSignature(role, "", "", signed=False) for role in EXPECTED_SIGNERS.get(item.kind, ())
               if role not in present and role != "learner"]
    learner = [s for s in item.signatures if s.role == "learner"] or \
        [FormSignature("learner", "", "", signed=False) for role in EXPECTED_SIGNERS.get(item.kind, ()) if role == "learner"]
    rows = []
    for s in (*(s for s in item.signatures if s.role != "learner"), *missing, *learner):
        role = s.role.capitalize()
        rows.append([_cell(f"{role} name:", s.name),
                     [field(f"{role} signature:", ""), signature(s.signature_png, 55 * mm, 11 * mm)],
                     _cell("Date:", uk_date(s.date))])
    table = FlowTable(rows, colWidths=SIGNATURE_WIDTHS)
    table.setStyle(grid_style())
    return table


def evidence_form(record: LarRecord, item: EvidenceItem) -> list[Flowable]:
    gap = Spacer(1, 4 * mm)
    story: list[Flowable] = [p(TITLES.get(item.kind, item.label.upper()), HEADING), _details(record, item), gap,
                             _criteria(item), gap, _narrative(item), gap]
    if item.kind == OBSERVATION:
        story += [_notes(item), gap]
    if item.kind != WITNESS_TESTIMONY:
        story += [_questions(item), gap]
    if item.kind == PROFESSIONAL_DISCUSSION or item.attachments:
        story += [_attachments(item), gap]
    story.append(KeepTogether([p("Signatures", LABEL), Spacer(1, 1 * mm), _signatures(item)]))
    return story
