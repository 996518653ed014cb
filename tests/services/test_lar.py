"""The record built from the records (services) and exported: what the IV reads equals the catalogue and the evidence."""

import re
import shutil
import subprocess
from datetime import date

import pytest

from assessor_app.domain.catalogue import o_sorted
from assessor_app.domain.records import CONTACT_SHEET_FIELDS, uk_date
from assessor_app.export.comments import GUIDE, INSTRUCTION
from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services.context import ServiceError
from assessor_app.services.demo import populate
from assessor_app.services.lar import build_lar_record, export_lar
from assessor_app.services.opening import open_session
from assessor_app.store import audit_chain
from assessor_app.domain.lar_model import inferred_criteria
from assessor_app.export.labels import labels_for
from assessor_app.export.structure_page import columns
from tests.export.pdf_reading import criterion_lines, header_lines, read_back, squash
from tests.services.lar_fixture import populate_full_record

IMI, PROQUAL, PEARSON_AWARD, PEARSON_CERT = "601/3456/2", "601/3577/3", "601/5358/1", "601/5359/3"
UNIT_LABELS = ("Learner Name:", "LEARNING OUTCOMES", "The Learner will:", "ASSESSMENT CRITERIA", "The Learner can:",
               "Ref No", "Date", "ASSESSOR SIGNATURE:", "PIN NO:", "DATE:")


@pytest.fixture
def opened(tmp_path):
    folder = DataFolder(tmp_path / "data").ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    yield session, tmp_path
    session.store.close()


def _catalogue_has(session, number):
    if number not in session.catalogue.qualifications:
        pytest.skip(f"qualification file {number} not generated yet")


def test_read_model_follows_the_records(opened):
    session, tmp = opened
    learner, registration, people = populate_full_record(session, IMI, tmp / "files")
    record = build_lar_record(session, learner.id)
    q = session.catalogue.get(IMI)
    assert [e.unit.urn for e in record.units] == [urn for g in q.groups for urn in g.units]
    coverage = session.progress.coverage(registration.id)
    for entry in record.units:
        for row in entry.rows:
            found = coverage[(entry.unit.urn, row.number)]
            assert (row.ref_no, row.date) == (found.ref_no, found.date)
        active = session.signoffs.active(registration.id, entry.unit.urn)
        assert (entry.signoff is None) == (active is None)
        if active:
            assert (entry.signoff.pin, entry.signoff.date) == ("PIN-4821", active.signed_on)
            assert entry.signoff.signature_png.startswith(b"\x89PNG")
    assert record.units[0].iv_sample.decision == "Agreed" and record.units[0].iv_sample.signature_png
    assert {p.name for p in record.people} == set(people)
    assert all(p.signature_png for p in record.people)
    # the three draft rows are printed, marked as drafts, and listed as incomplete
    assert len(record.comments) == 42 and [c.draft for c in record.comments].count(True) == 3
    assert [i.ref for i in record.evidence] == sorted((i.ref for i in record.evidence), key=lambda r: int(r[1:]))
    assert build_lar_record(session, learner.id).fingerprint == record.fingerprint
    session.comments.add(learner.id, "2026-06-01", "One more word of feedback.")
    assert build_lar_record(session, learner.id).fingerprint != record.fingerprint


def test_the_fingerprint_pins_the_audit_trail_it_was_printed_from(opened):
    session, tmp = opened
    learner, _, _ = populate_full_record(session, IMI, tmp / "files")
    record = build_lar_record(session, learner.id)
    assert dict(record.audit_heads) == audit_chain.heads(session.store.db) and record.audit_heads
    session.roster.add("Someone Else", "OTHER-1")  # nothing this record prints changes, the audit trail does
    later = build_lar_record(session, learner.id)
    assert later.audit_heads != record.audit_heads and later.fingerprint != record.fingerprint


def test_a_second_registration_must_be_named(opened):
    session, tmp = opened
    _catalogue_has(session, PEARSON_AWARD)
    learner, _, _ = populate_full_record(session, IMI, tmp / "files")
    q = session.catalogue.get(PEARSON_AWARD)
    session.roster.register(learner.id, PEARSON_AWARD, [u.urn for u in q.units], allow_incomplete=True)
    with pytest.raises(ServiceError, match="say which qualification"):
        build_lar_record(session, learner.id)
    assert build_lar_record(session, learner.id, PEARSON_AWARD).qualification.number == PEARSON_AWARD
    with pytest.raises(ServiceError, match="no registration on qualification 601/9999/9"):
        build_lar_record(session, learner.id, "601/9999/9")


@pytest.mark.parametrize("number", [IMI, PROQUAL, PEARSON_AWARD, PEARSON_CERT])
def test_exported_record_reads_back_as_catalogue_and_evidence(opened, number):
    """Acceptance: a learner with every unit chosen, exported and read back with pdfplumber."""
    session, tmp = opened
    _catalogue_has(session, number)
    learner, registration, _ = populate_full_record(session, number, tmp / "files")
    out, record = export_lar(session, learner.registration_no, tmp / "lar.pdf", shipped_dir("resources") / "fonts")
    pdf = read_back(out)
    text = pdf.text
    q = session.catalogue.get(number)
    for label in (*UNIT_LABELS, "CONTACT SHEET", "Please complete as appropriate:", *columns(labels_for(q)),
                  "ASSESSOR COMMENTS AND FEEDBACK", squash(INSTRUCTION),
                  "Evidence Ref. No.", "Assessor Comments: Please ensure your comments are concise.",
                  "CONTINUATION SHEET", "EVIDENCE INDEX", "OBSERVATION RECORD", "WITNESS TESTIMONY",
                  f"Ofqual I.D: {q.number}", f"{q.title} ID: {q.number}"):
        assert label in text, label
    for _, label in CONTACT_SHEET_FIELDS:
        assert label in text
    for n, line in enumerate(GUIDE, start=1):
        assert f"{n}. {line}" in text
    coverage = session.progress.coverage(registration.id)
    assert len(pdf.units) == len(q.units)
    for unit in q.units:
        table = pdf.units[unit.ref]
        for line in header_lines(unit, labels_for(q)):
            assert line in table.text, (unit.ref, line)
        criteria = [c for o in o_sorted(unit.outcomes) for c in o.criteria]
        assert [squash(ac) for ac, _, _ in table.rows] == criterion_lines(unit, inferred_criteria(q, unit.urn))
        for (_, ref, date), c in zip(table.rows, criteria):
            found = coverage[(unit.urn, c.number)]
            assert (squash(ref), date) == (found.ref_no, uk_date(found.date)), (unit.ref, c.number)
        active = session.signoffs.active(registration.id, unit.urn)
        if active:
            assert f"PIN NO: {active.pin_no} DATE: {uk_date(active.signed_on)}" in table.text, unit.ref
        else:
            assert "PIN NO: DATE:" in table.text, unit.ref
    sheet = pdf.pages_between("ASSESSOR COMMENTS AND FEEDBACK", "EVIDENCE INDEX")
    for comment in record.comments:
        assert squash(comment.text) in sheet
    assert len(pdf.pages) == sum(f"Record fingerprint: {record.fingerprint}" in page for page in pdf.pages)
    if shutil.which("qpdf"):
        checked = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def _none_values(text: str, q) -> list[str]:
    """Each 'None' printed as a value; the IMI record's own "Mapping: None" / "Rationale: None" are its text."""
    for unit in q.units:
        for label, value in (("Mapping:", unit.mapping), ("Rationale:", unit.rationale)):
            if value == "None":
                text = text.replace(f"{label} None", "")
    return [text[max(0, m.start() - 40):m.end() + 10] for m in re.finditer(r"\bNone\b", text)]


def test_no_page_of_any_demo_learner_on_any_qualification_prints_none(opened):
    session, tmp = opened
    populate(session, today=date(2026, 12, 1))
    exported = [(lr.registration_no, None) for lr in session.roster.learners()]
    people = None
    for n, number in enumerate((PROQUAL, PEARSON_AWARD, PEARSON_CERT)):
        _catalogue_has(session, number)
        learner = dict(name=f"Learner {n}", registration_no=f"NONE-{n}")
        made, _, people = populate_full_record(session, number, tmp / "files", learner=learner, people=people)
        exported.append((made.registration_no, number))
    for reference, number in exported:
        out, record = export_lar(session, reference, tmp / f"{reference}.pdf", shipped_dir("resources") / "fonts",
                                 number)
        for page_number, page in enumerate(read_back(out).pages, start=1):
            found = _none_values(page, record.qualification)
            assert not found, (reference, page_number, found)
    assert _none_values("People: None", session.catalogue.get(IMI))  # the check itself sees a printed None
