"""Page flow: footers never start a page alone, headers never print without rows, captions continue, text fits."""

import re

import pdfplumber
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from assessor_app.domain.catalogue import qualification_from_dict
from assessor_app.domain.unit_record import CriterionRow, UnitRecord
from assessor_app.export.document import write_pdf
from assessor_app.export.flow import KeepWithFooter
from assessor_app.export.guidance import guidance_section
from assessor_app.export.lar import write_lar
from assessor_app.export.unit_page import criteria_table, signoff_footer
from assessor_app.paths import shipped_dir
from tests.export.golden_record import QUALIFICATION, golden_record
from tests.export.pdf_reading import DATE_LEFT, REF_LEFT, read_back

FONTS = shipped_dir("resources") / "fonts"
AC = re.compile(r"^\d+\.\d+$")


def _record(rows: int, ref_no: str = "E1", guidance: str | None = None) -> UnitRecord:
    data = {"urn": "A/506/2130", "ref": "CS 7", "title": "Deliver customer service", "level": 2, "credit": 5,
            "glh": 27, "outcomes": [{"number": str(lo), "text": f"Outcome {lo} with a longer statement of intent",
                                     "criteria": [{"number": f"{lo}.{n}", "guidance": guidance,
                                                   "text": f"Criterion {lo}.{n}: explain something at length"}
                                                  for n in range(1, 4)]} for lo in range(1, rows // 3 + 1)]}
    unit = qualification_from_dict({**_qualification_dict(), "units": [data]}).units[0]
    rows_ = tuple(CriterionRow(o.number, o.text, c.number, c.text, ref_no, "2026-01-05")
                  for o in unit.outcomes for c in o.criteria)
    return UnitRecord("Zoë", "Q", "601/0000/1", unit, rows_)


def _qualification_dict():
    return {"format": "assessor-app-qualification/1", "kind": "unit-bank", "number": "UB", "title": "Bank",
            "awarding_body": "Test", "source": {"title": "t"}, "groups": []}


def _pages(path):
    with pdfplumber.open(str(path)) as pdf:
        return [(page.extract_text(), page.extract_words()) for page in pdf.pages]


def test_the_sign_off_footer_never_starts_a_page_alone(tmp_path):
    record = _record(12)
    orphans_without_keeper = 0
    for step in range(0, 46):
        gap = step * 5 * mm
        kept = write_pdf(tmp_path / "kept.pdf", lambda: [Spacer(1, gap), KeepWithFooter(
            criteria_table(record), [signoff_footer("PIN-1", "05/01/2026")], gap=4 * mm)],
            font_dir=FONTS, title="t", footer_text="f")
        for text, words in _pages(kept):
            head = text.split("ASSESSOR SIGNATURE:")[0]
            if "ASSESSOR SIGNATURE:" in text:
                assert re.search(r"\b\d+\.\d+ Criterion", head), f"footer alone on a page at gap {step * 5} mm"
            assert head.count("ASSESSMENT CRITERIA") <= 1
            if "ASSESSMENT CRITERIA" in text:
                assert any(AC.match(w["text"]) for w in words), f"header without rows at gap {step * 5} mm"
        plain = write_pdf(tmp_path / "plain.pdf", lambda: [Spacer(1, gap), criteria_table(record), Spacer(1, 4 * mm),
                                                            signoff_footer()], font_dir=FONTS, title="t",
                          footer_text="f")
        orphans_without_keeper += any(text.lstrip().startswith("ASSESSOR SIGNATURE:") for text, _ in _pages(plain))
    assert orphans_without_keeper, "no gap made the unkept footer fall alone: the test proves nothing"


def test_a_long_group_table_continues_with_its_caption(tmp_path):
    record = golden_record()
    units = [{"urn": f"A/{500 + n:03d}/{1000 + n:04d}", "ref": f"U{n}", "title": f"Unit number {n}", "level": 2,
              "credit": 1, "glh": 5, "outcomes": [{"number": "1", "text": "o", "criteria": [
                  {"number": "1.1", "text": "c", "guidance": None}]}]} for n in range(70)]
    q = qualification_from_dict({**_qualification_dict(), "kind": "qualification", "number": "601/0000/2",
                                 "groups": [{"name": "C", "caption": "Optional Group C: Minimum of 16 Credits",
                                             "mandatory": False, "min_credits": 16, "max_credits": None,
                                             "units": [u["urn"] for u in units]}], "units": units})
    from dataclasses import replace
    out = write_lar(replace(record, qualification=q, units=(), group_credits=()), tmp_path / "long.pdf", FONTS)
    texts = [t for t, _ in _pages(out)]
    structure = [i for i, t in enumerate(texts) if "Optional Group C" in t]
    assert "Optional Group C: Minimum of 16 Credits" in texts[structure[0]]
    assert texts[structure[1]].lstrip().startswith("Optional Group C continued.\nCFA Ref. Ofqual Ref. Title")


def test_text_longer_than_a_page_wraps_and_flows_within_the_margins(tmp_path):
    giant = " ".join(f"word{n}" for n in range(2500))
    token = "E" + "7" * 90  # no spaces: must still break inside its cell
    record = _record(3, ref_no=token, guidance=giant)
    out = write_pdf(tmp_path / "big.pdf", lambda: [criteria_table(record), *guidance_section(record.unit)],
                    font_dir=FONTS, title="t", footer_text="f")
    back = read_back(out)
    assert not back.outside
    words = " ".join(back.pages).split()
    assert sum(w.startswith("word") for w in words) == 2500 * 3
    with pdfplumber.open(str(out)) as pdf:
        sevens = [c for c in pdf.pages[0].chars if c["text"] == "7" and c["top"] < 300]
    assert sevens and all(REF_LEFT <= c["x0"] and c["x1"] <= DATE_LEFT for c in sevens)


def test_fonts_are_embedded_and_names_print_as_letters(tmp_path):
    import pypdf

    out = write_lar(golden_record(), tmp_path / "g.pdf", FONTS)
    reader = pypdf.PdfReader(out)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fonts[font["/BaseFont"]] = "/FontFile2" in descendant["/FontDescriptor"].get_object()
    assert fonts and all(fonts.values()), fonts
    assert "Zoë Ó'Brien-Łukasiewicz" in reader.pages[0].extract_text()
    assert QUALIFICATION.title in reader.pages[0].extract_text()
