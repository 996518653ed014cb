"""The whole record for IMI, ProQual and Pearson, read back with pdfplumber against the catalogue and the read model."""

import re
import shutil
import subprocess

import pdfplumber
import pytest

from assessor_app.domain.catalogue import o_sorted
from assessor_app.domain.records import CONTACT_SHEET_FIELDS, uk_date
from assessor_app.export.comments import COLUMNS as COMMENT_COLUMNS
from assessor_app.export.comments import GUIDE, GUIDE_INTRO, INSTRUCTION
from assessor_app.export.guidance import INTRO, NONE, guidance_rows, unit_name
from assessor_app.export.lar import write_lar
from assessor_app.domain.lar_model import inferred_criteria
from assessor_app.export.labels import labels_for
from assessor_app.export.structure_page import columns, rule_sentences
from assessor_app.services.catalogue import load_catalogue
from assessor_app.services.lar_sample import sample_record
from assessor_app.paths import shipped_dir
from tests.export.pdf_reading import criterion_lines, header_lines, read_back, squash, touching_rules

# (qualification, evidence items): the IMI record in full; the others smaller, as the services tests print them too.
QUALIFICATIONS = [("601/3456/2", 40), ("601/3577/3", 12), ("601/5358/1", 12), ("601/5359/3", 12)]
UNIT_LABELS = ("Learner Name:", "LEARNING OUTCOMES", "The Learner will:", "ASSESSMENT CRITERIA", "The Learner can:",
               "Ref No", "Date", "ASSESSOR SIGNATURE:", "PIN NO:", "DATE:")
CONTACT_LABELS = ("Witness Name:", "Witness Job Title:", "Witness Signature:", "Assessor Name:",
                  "Assessor Signature:", "Internal Verifier Name:", "Internal Verifier Signature:")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(shipped_dir("qualifications"))


@pytest.fixture(scope="module", params=QUALIFICATIONS, ids=[n for n, _ in QUALIFICATIONS])
def exported(request, catalogue, tmp_path_factory):
    """Every unit chosen, every AC mapped to evidence; read back once per qualification."""
    number, evidence = request.param
    if number not in catalogue.qualifications:
        pytest.skip(f"qualification file {number} not generated yet")
    record = sample_record(catalogue.get(number), evidence_items=evidence)
    out = tmp_path_factory.mktemp("lar") / "record.pdf"
    write_lar(record, out, shipped_dir("resources") / "fonts")
    return record, out, read_back(out)


def test_every_label_of_the_printed_record_is_there(exported):
    record, _, pdf = exported
    text = pdf.text
    q = record.qualification
    labels = labels_for(q)
    unit_labels = {label for unit in q.units for row in labels.unit_rows(unit) for label, _ in row}
    for label in ("LEARNER ASSESSMENT RECORD", q.title, f"Ofqual I.D: {q.number}", "CONTACT SHEET",
                  "Please complete as appropriate:", f"{q.title} ID: {q.number}", *columns(labels),
                  *UNIT_LABELS, *sorted(unit_labels), "Assessment Guidance table", "ASSESSOR COMMENTS AND FEEDBACK",
                  squash(INSTRUCTION), GUIDE_INTRO, *COMMENT_COLUMNS, "CONTINUATION SHEET", "EVIDENCE INDEX",
                  "OBSERVATION RECORD", "WITNESS TESTIMONY", "PROFESSIONAL DISCUSSION RECORD", "QUESTIONING RECORD"):
        assert squash(label) in text, label
    for _, label in CONTACT_SHEET_FIELDS:
        assert label in text, label
    contact = pdf.pages_between("CONTACT SHEET", f"{q.title} ID:")
    for label in CONTACT_LABELS:
        assert label in contact, label
    for n, line in enumerate(GUIDE, start=1):
        assert f"{n}. {line}" in text
    for sentence in rule_sentences(q):
        assert squash(sentence) in text, sentence
    for group in q.groups:
        assert squash(group.caption) in text, group.caption
    assert record.document_version in text


def test_cover_prints_only_the_note_its_own_document_prints(exported):
    """IMI's cover note is IMI's: a ProQual or Pearson record must not borrow it."""
    record, _, pdf = exported
    note = record.qualification.source.get("cover_note")
    if record.qualification.number == "601/3456/2":
        assert note and squash(note) in pdf.text
    else:
        assert not note and "Learner Guidance" not in pdf.text


def test_contact_sheet_names_every_person_and_continues_past_the_slots(exported):
    record, _, pdf = exported
    contact = pdf.pages_between("CONTACT SHEET", f"{record.qualification.title} ID:")
    for name, label in CONTACT_SHEET_FIELDS:
        value = squash(getattr(record.learner, name))
        assert f"{label} {value}" in contact
    words = set(re.split(r"[\s-]+", contact))  # a long name wraps inside its cell, beside the next cell's text
    for person in record.people:
        assert set(re.split(r"[\s-]+", person.name)) <= words, person.name
        if person.job_title and person.role == "witness":
            assert set(person.job_title.split()) <= words, person.job_title
    assert "CONTINUATION SHEET 2 of 2" in contact  # five witnesses, four slots


def test_every_unit_page_equals_the_catalogue_and_the_evidence(exported):
    record, _, pdf = exported
    assert list(pdf.units) == [e.unit.ref for e in record.units]
    for entry in record.units:
        unit, table = entry.unit, pdf.units[entry.unit.ref]
        for line in header_lines(unit, labels_for(record.qualification)):
            assert line in table.text, (unit.ref, line)
        expected = criterion_lines(unit, inferred_criteria(record.qualification, unit.urn))
        assert [squash(ac) for ac, _, _ in table.rows] == expected, unit.ref
        for (_, ref, date), row in zip(table.rows, entry.rows):
            assert (squash(ref), date) == (row.ref_no, uk_date(row.date)), (unit.ref, row.number)
            assert row.ref_no and row.date  # the sample maps evidence to every AC
        assert [squash(lo) for lo in table.outcomes] == [squash(f"{o.number}. {o.text}") for o in o_sorted(unit.outcomes)]
        if entry.signoff:
            assert f"PIN NO: {entry.signoff.pin}" in table.text
            assert f"DATE: {uk_date(entry.signoff.date)}" in table.text
            assert entry.signoff.assessor_name in table.text
        else:
            assert "PIN NO: DATE:" in table.text
        guidance = guidance_rows(unit)
        assert f"{unit_name(unit)} Assessment Guidance table" in table.text
        if guidance:
            assert squash(unit.guidance_intro or INTRO) in table.text
        else:
            assert NONE in table.text


def test_comments_are_on_the_comments_sheet(exported):
    record, _, pdf = exported
    sheet = pdf.pages_between("ASSESSOR COMMENTS AND FEEDBACK", "EVIDENCE INDEX")
    assert record.comments
    for comment in record.comments:
        assert squash(comment.text) in sheet
        assert uk_date(comment.date) in sheet


def test_evidence_index_and_forms(exported):
    record, _, pdf = exported
    index = pdf.pages_between("EVIDENCE INDEX", "RECORD")
    for item in record.evidence:
        for attachment in item.attachments:
            assert attachment.sha256 in squash(index).replace(" ", "")
            assert attachment.name in index
    forms = [i for i in record.evidence if i.is_form]
    assert sum(page.count("Evidence Ref. No.:") for page in pdf.pages) == len(forms)


def test_every_page_is_a4_portrait_footed_and_inside_its_margins(exported):
    record, _, pdf = exported
    total = len(pdf.pages)
    assert set(pdf.page_sizes) == {(595.28, 841.89)}
    for n, page in enumerate(pdf.pages, start=1):
        assert f"Page {n} of {total}" in page
        assert f"Record fingerprint: {record.fingerprint}" in page
        assert f"Learner: {record.learner.name}" in page
    assert not pdf.outside[:5]


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf (Debian package qpdf) is not installed")
def test_qpdf_check_passes(exported):
    _, out, _ = exported
    result = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def _structure_columns(out, q) -> list[str]:
    """The column headings of the structure page's first group table, read cell by cell from its rules."""
    with pdfplumber.open(str(out)) as opened:
        page = next(pg for pg in opened.pages if f"{q.title} ID: {q.number}" in (pg.extract_text() or ""))
        caption, headings, *rows = page.extract_tables()[0]
    return [squash(h) for h in headings], [squash(c) for c in rows[0]]


def test_each_awarding_body_prints_its_own_labels_and_what_it_does_not_publish(exported):
    record, out, pdf = exported
    q = record.qualification
    structure = pdf.pages_between(f"{q.title} ID: {q.number}", "Learner Name:")
    headings, first_row = _structure_columns(out, q)
    assert headings == list(columns(labels_for(q)))
    body = labels_for(q).body
    if body == "ProQual":
        assert headings == ["Unit Reference Number", "Unit Title", "Unit Level", "Credit Value", "GLH", "Chosen"]
        assert first_row[0] == q.groups[0].units[0] and first_row[4] == "not published"
        assert "CFA Ref." not in pdf.text and "not published" in structure
        first = record.units[0].unit
        assert f"Unit Reference Number: {first.urn} Unit Title: {first.title}" in pdf.units[first.ref].text
        assert "GLH: not published" in pdf.units[first.ref].text
    elif body == "Pearson":
        assert headings == ["Unit", "Unit reference number", "Unit title", "Level", "Credit", "Guided learning hours",
                            "Chosen"]
        assert first_row[:2] == ["1", "K/506/9011"]
        assert "CFA Ref." not in pdf.text
        unit1 = pdf.units["Unit 1"]
        assert "Unit 1: Customer Service Principles Unit reference number: K/506/9011" in unit1.text
        acs = {squash(ac).split(" ", 1)[0]: squash(ac) for ac, _, _ in unit1.rows}
        assert acs["1.5"] == "1.5 State the importance of keeping up to date with knowledge of competitors' activities †"
        assert acs["1.6"] == "1.6 Describe the features of effective follow-up service †"
        assert "† 1.5, 1.6: wording inferred, check against the awarding body's specification" in unit1.text
        assert "import keeping" not in pdf.text  # the garbled extraction is never printed
    else:
        assert headings == ["CFA Ref.", "Ofqual Ref.", "Title", "Credit", "Level", "GLH", "Chosen"]


def test_no_letter_touches_a_rule(exported):
    _, out, _ = exported
    with pdfplumber.open(str(out)) as opened:
        for number, page in enumerate(opened.pages, start=1):
            assert touching_rules(page) == [], number
