"""The CONTACT SHEET: the learner's details and the specimen-signature register, continued where slots run out."""

from __future__ import annotations

import math

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from assessor_app.domain.lar_model import ASSESSOR, IV, WITNESS, LarRecord, Person
from assessor_app.domain.records import CONTACT_SHEET_FIELDS
from assessor_app.export.cells import p, signature
from assessor_app.export.flow import FlowTable
from assessor_app.export.styles import BODY, HEADING, LABEL, SLOT_LABEL, grid_style

# The paper sheet's slots: 4 witnesses, 3 assessors, 2 internal verifiers (DIGEST 4.2).
SLOTS = {WITNESS: 4, ASSESSOR: 3, IV: 2}
SLOT_WIDTHS = (46 * mm, 44 * mm, 46 * mm, 44 * mm)  # the longest label, 8 pt bold, on one line
SIGNATURE_HEIGHT = 11 * mm


def _learner_table(record: LarRecord) -> FlowTable:
    rows = [[p(label, LABEL), p(getattr(record.learner, name), BODY)] for name, label in CONTACT_SHEET_FIELDS]
    table = FlowTable(rows, colWidths=(52 * mm, 128 * mm), splitInRow=1)
    table.setStyle(grid_style())
    return table


def _person_rows(role: str, left: Person | None, right: Person | None, show_right: bool) -> list[list]:
    """Name (and job title for witnesses) and signature rows for a left and a right slot."""
    noun = {WITNESS: "Witness", ASSESSOR: "Assessor", IV: "Internal Verifier"}[role]
    labels = [f"{noun} Name:"] + (["Witness Job Title:"] if role == WITNESS else []) + [f"{noun} Signature:"]

    def cells(person: Person | None, label: str, shown: bool) -> list:
        if not shown:
            return ["", ""]
        if label.endswith("Signature:"):
            return [p(label, SLOT_LABEL), signature(person.signature_png if person else None, 40 * mm, SIGNATURE_HEIGHT)]
        value = "" if person is None else (person.job_title if "Job Title" in label else person.name)
        return [p(label, SLOT_LABEL), p(value)]

    return [cells(left, label, True) + cells(right, label, show_right) for label in labels]


def _slot_table(witnesses, assessors, ivs) -> FlowTable:
    rows: list[list] = []
    for role, people in ((WITNESS, witnesses), (ASSESSOR, assessors), (IV, ivs)):
        count = SLOTS[role]
        padded = list(people) + [None] * (count - len(people))
        for i in range(0, count, 2):
            # The third assessor slot sits alone in the left column, as on the paper sheet.
            rows += _person_rows(role, padded[i], padded[i + 1] if i + 1 < count else None, i + 1 < count)
    table = FlowTable(rows, colWidths=SLOT_WIDTHS)
    table.setStyle(grid_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE")))
    return table


def contact_sheets(record: LarRecord) -> list[Flowable]:
    groups = {role: record.people_in_role(role) for role in SLOTS}
    sheets = max(1, *(math.ceil(len(people) / SLOTS[role]) for role, people in groups.items()))
    story: list[Flowable] = []
    for n in range(sheets):
        chunk = [groups[role][n * SLOTS[role]:(n + 1) * SLOTS[role]] for role in (WITNESS, ASSESSOR, IV)]
        if n == 0:
            story += [p("CONTACT SHEET", HEADING), _learner_table(record)]
        else:
            story += [PageBreak(), p("CONTACT SHEET", HEADING), p(f"CONTINUATION SHEET {n + 1} of {sheets}", HEADING),
                      p(f"Learner Name: {record.learner.name}", LABEL)]
        story += [Spacer(1, 5 * mm), p("Please complete as appropriate:", LABEL), Spacer(1, 2 * mm),
                  _slot_table(*chunk)]
    return story
