"""Export use cases: gather the read model from the records and hand it to the PDF writer."""

from __future__ import annotations

from pathlib import Path

from assessor_app.export.document import write_pdf
from assessor_app.export.unit_page import unit_page
from assessor_app.services.session import Session


def export_unit_pdf(session: Session, registration_id: str, unit_urn: str, out: Path, font_dir: Path) -> Path:
    """The unit's page of the record, with Ref No and Date filled from the ticks."""
    record = session.progress.unit_record(registration_id, unit_urn)
    footer = f"{record.learner_name} · {record.qualification_title} ({record.qualification_number})"
    return write_pdf(out, lambda: unit_page(record), font_dir=font_dir,
                     title=f"{record.learner_name}: unit {record.unit.ref}", footer_text=footer)
