"""The record's cover: awarding body, qualification title and number, document version, centre, learner."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from assessor_app.domain.lar_model import LarRecord
from assessor_app.export.cells import p
from assessor_app.export.styles import COVER, COVER_BIG, COVER_BOLD, PARAGRAPH

def version_line(version: str) -> str:
    """'Version 1: September 2014' as printed; a bare date such as 'November 2017' gets the word 'Version'."""
    if not version or version.lower().startswith(("version", "issue")):
        return version
    return f"Version: {version}"


def cover(record: LarRecord) -> list[Flowable]:
    q = record.qualification
    story: list[Flowable] = [
        Spacer(1, 25 * mm),
        p(q.awarding_body.upper(), COVER_BOLD),
        Spacer(1, 12 * mm),
        p("LEARNER ASSESSMENT RECORD", COVER_BIG),
        Spacer(1, 6 * mm),
        p(q.title, COVER_BOLD),
        p(f"Ofqual I.D: {q.number}", COVER),
    ]
    if record.document_version:
        story.append(p(version_line(record.document_version), COVER))
    if record.document_title:
        story.append(p(f"From: {record.document_title}", COVER))
    story.append(Spacer(1, 10 * mm))
    if record.centre_name:
        story.append(p(f"Centre: {record.centre_name}", COVER_BOLD))
    story.append(p(f"Learner: {record.learner.name} ({record.learner.registration_no})", COVER_BOLD))
    if record.cover_note:  # only what the awarding body's own document prints on its cover
        story += [Spacer(1, 15 * mm), p(record.cover_note, PARAGRAPH)]
    return story
