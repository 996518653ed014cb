"""Golden checks of each page kind of the record, read back by position: every label sits with its value in its
own ruled cell, a missing value leaves a ruled blank, and no letter touches a rule."""

import pdfplumber
import pytest

from assessor_app.domain.lar_model import INFERRED_FOOTNOTE
from assessor_app.export.comments import DRAFT_MARK
from assessor_app.export.lar import write_lar
from assessor_app.paths import shipped_dir
from tests.export.golden_record import LEARNER, golden_record
from tests.export.pdf_reading import MM, beside, cell, images_in, squash, touching_rules

FONTS = shipped_dir("resources") / "fonts"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    out = write_lar(golden_record(), tmp_path_factory.mktemp("pages") / "golden.pdf", FONTS)
    with pdfplumber.open(str(out)) as opened:
        yield opened


def page(pdf, marker: str, nth: int = 0):
    found = [p for p in pdf.pages if marker in (p.extract_text() or "")]
    assert len(found) > nth, marker
    return found[nth]


def lines(pg) -> list[str]:
    """The page's lines above its running footer."""
    return [line for line in (pg.extract_text() or "").splitlines()
            if not line.startswith(("Learner: ", "Test Level 2 Diploma in Customer Service (601"))]


def test_cover_is_the_printed_cover_with_the_learner(pdf):
    cover = pdf.pages[0]
    assert lines(cover)[:6] == ["IMI QUALIFICATION", "QUALIFICATION SPECIFICATION PART B", "LEARNER ASSESSMENT RECORD",
                                "Test Level 2 Diploma in Customer Service", "Ofqual I.D: 601/0000/1",
                                "Version 1: September 2014"]
    text = squash(cover.extract_text())
    assert "Note: The Learner Guidance for Customer Service qualifications should be read by the Learner" in text
    assert cell(cover, "Learner Name:").value == LEARNER.name
    assert cell(cover, "Learner Registration No:").value == LEARNER.registration_no
    assert lines(cover)[-1] == "© 2015 IMI"
    assert "CENTRE INFORMATION" not in text and "From:" not in text


def test_contact_sheet_values_stand_in_the_cell_beside_their_label(pdf):
    sheet = page(pdf, "CONTACT SHEET")
    assert beside(sheet, "Learner Address:") == LEARNER.address
    assert beside(sheet, "Employer Tel No:") == LEARNER.employer_tel
    assert beside(sheet, "Witness Name:") == "Grace Mensah"
    assert beside(sheet, "Witness Job Title:") == "Team Leader"
    assert len(images_in(sheet, cell(sheet, "Witness Signature:"))) == 0  # the label's own cell stays clear
    assert beside(sheet, "Internal Verifier Name:") == "Helen Okafor"


def test_structure_page_columns_and_the_chosen_row(pdf):
    structure = page(pdf, "ID: 601/0000/1")
    words = structure.extract_words()
    header_top = next(w["top"] for w in words if w["text"] == "CFA")
    header = [w for w in words if abs(w["top"] - header_top) < 2]
    heads = ["CFA", "Ofqual", "Title", "Credit", "Level", "GLH", "Chosen"]
    xs = [next(w["x0"] for w in header if w["text"] == h) for h in heads]
    assert xs == sorted(xs)
    row = [w for w in words if abs(w["top"] - next(w["top"] for w in words if w["text"] == "A/506/2130")) < 2]
    assert " ".join(w["text"] for w in row) == "CS 7 A/506/2130 Deliver customer service 5 2 27 ✓"


def test_unit_page_header_table_footer_and_the_inferred_mark(pdf):
    unit = page(pdf, "UNIT REF: CS 7")
    assert cell(unit, "Learner Name:").value == LEARNER.name
    assert (cell(unit, "UNIT REF:").value, cell(unit, "UNIT TITLE:").value) == ("CS 7", "DELIVER CUSTOMER SERVICE")
    assert [cell(unit, label).value for label in ("Level:", "Credit Value:", "GLH:")] == ["2", "5", "27"]
    assert cell(unit, "Mapping:").value == "CFACSA1, CFACSA2 & CFACSF2"
    ac = cell(unit, "2.2 Adapt their own")
    assert ac.value.endswith("†")
    assert f"† 2.2: {INFERRED_FOOTNOTE}" in squash(unit.extract_text())
    assert cell(unit, "PIN NO:").value == "PIN-4821"
    signature_cell = cell(unit, "IV SIGNATURE:")
    assert len(images_in(unit, signature_cell)) == 1  # the countersignature inside its labelled cell
    assert "Assessment Guidance table" not in unit.extract_text()


def test_guidance_table_starts_a_page_of_its_own(pdf):
    guidance = page(pdf, "Unit CS 7 Assessment Guidance table")
    assert lines(guidance)[0] == "Unit CS 7 Assessment Guidance table"
    assert cell(guidance, "1.2 Describe the features").value.startswith("and benefits")


def test_comments_sheet_prints_a_draft_marked_as_one(pdf):
    sheet = page(pdf, "ASSESSOR COMMENTS AND FEEDBACK")
    assert beside(sheet, "05/01/2026") == "E1"
    draft = cell(sheet, DRAFT_MARK)
    assert draft.value.startswith("Observation E6. Feedback to the learner:")
    assert beside(sheet, "11/01/2026") == "E6"


def test_continuation_sheet_repeats_the_heading_and_columns(pdf):
    continuation = page(pdf, "CONTINUATION SHEET", nth=1)  # the contact sheet's own continuation comes first
    assert lines(continuation)[:3] == ["ASSESSOR COMMENTS AND FEEDBACK", "CONTINUATION SHEET",
                                      "Date Evidence Ref. No. Assessor Comments: Please ensure your comments are concise."]


def test_evidence_index_rows(pdf):
    index = page(pdf, "EVIDENCE INDEX")
    assert beside(index, "E1") == "05/01/2026"
    assert "SHA-256: " + "a" * 64 in squash(index.extract_text())
    assert "Grace Mensah (witness)" in squash(index.extract_text())


def test_observation_form_every_field_and_its_signatures(pdf):
    form = page(pdf, "Evidence Ref. No.: E1")
    values = {label: cell(form, label).value for label in (
        "Start time:", "Duration:", "Location:", "Activity observed:", "Assessor:", "Record:")}
    assert values == {"Start time:": "10:30", "Duration:": "45 minutes", "Location:": "Ware Leisure Centre",
                      "Activity observed:": "Checking members in and taking class bookings",
                      "Assessor:": "Priya Raman (assessor)", "Record:": "finished"}
    assert beside(form, "10:32") == "Greets the first member by name."
    assert beside(form, "1.1").startswith("Explain the relationship")  # the AC's own text beside its number
    assert cell(form, "Assessor name:").value == "Priya Raman"
    assert len(images_in(form, cell(form, "Assessor signature:"))) == 1
    assert len(images_in(form, cell(form, "Learner signature:"))) == 1
    assert "a" * 64 in [w["text"] for w in form.extract_words()]  # the attachment's SHA-256 whole, on one line


def test_an_observation_made_by_ticking_leaves_ruled_blanks_and_an_assessor_row(pdf):
    form = page(pdf, "Evidence Ref. No.: E6")
    for label in ("Title:", "Start time:", "Duration:", "Location:", "Activity observed:", "Assessor:"):
        blank = cell(form, label)
        assert blank.value == "" and blank.bottom - blank.top >= 5 * MM, label  # room to write by hand
    assert cell(form, "Record:").value == "still being recorded (open)"
    assert cell(form, "Assessor name:").value == "" and cell(form, "Date:", ).value == "11/01/2026"
    assert images_in(form, cell(form, "Assessor signature:")) == []
    assert "None" not in form.extract_text()


def test_witness_testimony_form(pdf):
    form = page(pdf, "WITNESS TESTIMONY")
    assert [cell(form, label).value for label in ("Witness name:", "Witness job title:", "Relationship to learner:",
                                                  "Expert witness:")] == ["Grace Mensah", "Team Leader",
                                                                          "Line manager", "Yes"]
    assert cell(form, "Witness statement:").value == "" and "Zoë always explains" in squash(form.extract_text())
    assert len(images_in(form, cell(form, "Witness signature:"))) == 1


def test_professional_discussion_form(pdf):
    form = page(pdf, "PROFESSIONAL DISCUSSION RECORD")
    assert cell(form, "Participants:").value == "Priya Raman (assessor)"
    assert cell(form, "Topics discussed:").value == "Standards of presentation; dress code; greeting customers"
    assert beside(form, "discussion.m4a") == "2,310,554 bytes"
    assert "fedcba9876543210" * 4 in squash(form.extract_text()).replace(" ", "")
    assert beside(form, "1").startswith("What standards apply at the desk?")


def test_questioning_form(pdf):
    form = page(pdf, "QUESTIONING RECORD")
    assert (cell(form, "Start time:").value, cell(form, "Duration:").value) == ("11:00", "15 minutes")
    assert "How do you adapt to an upset customer? I slow down and listen first." in squash(form.extract_text())


def test_no_letter_on_any_page_touches_a_rule(pdf):
    for number, pg in enumerate(pdf.pages, start=1):
        assert touching_rules(pg) == [], number
