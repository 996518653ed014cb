"""Checks the City & Guilds Customer Service unit bank file against the printed unit pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.domain.catalogue import qualification_from_dict
from tools.qualgen import cityguilds_units
from tools.qualgen.common import dump, find_source, tidy, unit_path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
NAME = "unit-bank-city-guilds-cs.json"

# DIGEST section 1.4, each row re-checked against the pack's header fields; the AC counts were recounted with a
# separate awk pass over the "The learner can:" blocks. ref -> (URN, level, credit, GLH, LOs, ACs)
EXPECTED = {
    "Unit 206": ("D/506/2119", 2, 3, 14, 2, 16), "Unit 207": ("T/506/2126", 2, 3, 20, 3, 11),
    "Unit 210": ("L/506/2133", 2, 2, 14, 2, 8), "Unit 212": ("Y/506/2135", 2, 3, 15, 2, 10),
    "Unit 213": ("T/506/2143", 2, 4, 20, 2, 13), "Unit 216": ("F/506/2159", 2, 3, 16, 2, 14),
    "Unit 217": ("Y/506/2149", 2, 3, 18, 2, 12), "Unit 218": ("T/506/2160", 2, 3, 12, 3, 9),
    "Unit 219": ("A/506/2161", 2, 3, 15, 3, 11), "Unit 220": ("H/506/2977", 2, 3, 18, 3, 10),
    "Unit 221": ("J/506/2163", 2, 3, 18, 2, 11), "Unit 222": ("K/506/2978", 2, 5, 22, 2, 11),
    "Unit 224": ("L/506/1807", 2, 2, 12, 2, 10), "Unit 225": ("H/506/1814", 2, 3, 15, 2, 12),
    "Unit 226": ("L/506/1869", 2, 3, 23, 4, 16), "Unit 227": ("M/506/1895", 2, 3, 19, 3, 13),
    "Unit 228": ("L/506/1905", 2, 2, 16, 2, 10), "Unit 231": ("M/502/8587", 2, 2, 17, 3, 19),
    "Unit 302": ("D/506/2170", 3, 5, 22, 4, 19), "Unit 303": ("H/506/1912", 3, 4, 18, 3, 14),
    "Unit 304": ("L/506/2150", 3, 5, 27, 3, 16), "Unit 305/695": ("Y/506/2152", 3, 5, 40, 4, 16),
    "Unit 306/696": ("J/506/2910", 3, 4, 35, 3, 14), "Unit 307/697": ("D/506/1942", 3, 10, 74, 5, 19),
    "Unit 308": ("T/506/2952", 3, 3, 12, 3, 13), "Unit 309": ("Y/506/2166", 3, 5, 21, 3, 13),
    "Unit 310": ("D/506/2167", 3, 3, 20, 3, 12), "Unit 311": ("R/506/2151", 3, 4, 22, 2, 17),
    "Unit 312": ("K/506/2172", 3, 5, 27, 3, 15), "Unit 313": ("T/506/1820", 3, 3, 15, 3, 10),
    "Unit 314": ("A/506/1821", 3, 4, 21, 3, 14), "Unit 315": ("J/506/1921", 3, 4, 20, 2, 12),
    "Unit 316": ("M/506/1931", 3, 3, 14, 3, 10), "Unit 317": ("F/502/8612", 3, 4, 22, 5, 22),
    "Unit 318": ("R/502/8615", 3, 4, 24, 4, 15), "Unit 319": ("K/502/8622", 3, 3, 27, 2, 11),
    "Unit 320": ("K/503/0418", 3, 6, 30, 3, 16), "Unit 321": ("D/503/0397", 3, 4, 8, 4, 22),
    "Unit 322": ("J/502/4397", 3, 4, 30, 3, 9), "Unit 323": ("K/506/2169", 3, 4, 19, 2, 13),
    "Unit 402": ("D/506/2153", 4, 4, 17, 3, 17), "Unit 404": ("R/506/2179", 4, 6, 25, 4, 21),
    "Unit 406": ("L/506/2181", 4, 6, 25, 3, 12), "Unit 407": ("Y/506/2183", 4, 4, 14, 3, 12),
    "Unit 408": ("D/506/2962", 4, 5, 16, 3, 17),
}
PER_AC_GUIDANCE = {"Unit 308": 13, "Unit 313": 10, "Unit 314": 14, "Unit 315": 12}


@pytest.fixture(scope="module")
def document(built) -> dict:
    return built[NAME]


@pytest.fixture(scope="module")
def source_text() -> str:
    return tidy(" ".join(find_source(SEEDS, cityguilds_units.SIGNATURE)))


def unit(document: dict, ref: str) -> dict:
    return next(u for u in document["units"] if u["ref"] == ref)


def outcome(document: dict, ref: str, number: str) -> dict:
    return next(o for o in unit(document, ref)["outcomes"] if o["number"] == number)


def criterion(document: dict, ref: str, number: str) -> dict:
    return next(c for c in outcome(document, ref, number.split(".")[0])["criteria"] if c["number"] == number)


def flags(document: dict, where: str, field: str) -> list[dict]:
    return [f for f in document["flags"] if f["where"] == where and f["field"] == field]


def test_file_in_qualifications_is_generator_output(document):
    assert (ROOT / "qualifications" / NAME).read_text(encoding="utf-8") == dump(document)


def test_loads_as_a_unit_bank(document):
    q = qualification_from_dict(document)
    assert (q.kind, q.number, q.awarding_body, q.groups, q.credits) == ("unit-bank", "CG-CS-206-408", "City & Guilds",
                                                                         (), None)
    assert document["groups"] == []
    assert len(q.units) == 45
    assert sum(len(u.outcomes) for u in q.units) == 130
    assert sum(len(u.criteria) for u in q.units) == 617


def test_same_units_as_proqual(document, built):
    assert {u["urn"] for u in document["units"]} == {u["urn"] for u in built["proqual-601-3577-3.json"]["units"]}


@pytest.mark.parametrize("ref", EXPECTED)
def test_unit_counts(document, ref):
    urn, level, credit, glh, los, acs = EXPECTED[ref]
    u = unit(document, ref)
    assert (u["urn"], u["level"], u["credit"], u["glh"]) == (urn, level, credit, glh)
    assert len(u["outcomes"]) == los
    assert sum(len(o["criteria"]) for o in u["outcomes"]) == acs
    for i, o in enumerate(u["outcomes"], 1):
        assert o["number"] == str(i)
        assert [c["number"] for c in o["criteria"]] == [f"{i}.{k}" for k in range(1, len(o["criteria"]) + 1)]


def test_titles_and_headings(document):
    assert unit(document, "Unit 220")["title"] == "Support customers using self-service equipment"
    assert unit(document, "Unit 213")["title"] == "Deliver customer service whilst working on customer’s premises"
    assert unit(document, "Unit 225")["title"] == "Provide reception services"  # heading glued to unit 224
    assert unit(document, "Unit 322")["rationale"].startswith("This is the ability to select and use")
    assert unit(document, "Unit 228")["extra"]["assessment_type"] == \
        "Short Answer Questions (C&G) Assignment or Skills CFA on-line ERR workbook"
    assert unit(document, "Unit 206")["extra"]["nos_codes"] == ["CFACSA3", "CFACSB6"]


def _texts(document: dict):
    """(where, field, value) for every text taken from the pack."""
    for u in document["units"]:
        yield unit_path(u["urn"]), "title", u["title"]
        for key in ("mapping", "rationale"):
            yield unit_path(u["urn"]), key, u[key]
        for key, value in u["extra"].items():
            if key == "nos_codes":
                continue
            for i, v in enumerate(value) if isinstance(value, list) else [(None, value)]:
                yield unit_path(u["urn"]), f"extra.{key}" + ("" if i is None else f"[{i}]"), v
        for o in u["outcomes"]:
            where = unit_path(u["urn"], f"outcomes[{o['number']}]")
            yield where, "text", o["text"]
            for key, value in o["extra"].items():
                for i, v in enumerate(value) if isinstance(value, list) else [(None, value)]:
                    yield where, f"extra.{key}" + ("" if i is None else f"[{i}]"), v
            for c in o["criteria"]:
                cwhere = unit_path(u["urn"], f"outcomes[{o['number']}]", f"criteria[{c['number']}]")
                yield cwhere, "text", c["text"]
                yield cwhere, "guidance", c["guidance"]


def test_every_text_is_printed_or_listed(document, source_text):
    listed: dict[tuple, list[dict]] = {}
    for c in document["corrections"]:
        listed.setdefault((c["where"], c["field"]), []).append(c)
        assert tidy(c["original"]) in source_text, c
    for where, field, value in _texts(document):
        if value is None or tidy(value) in source_text:
            continue
        assert any(c["corrected"] == value for c in listed[(where, field)]), (where, field)


def test_restored_bullets_are_listed(document):
    listed = {(c["where"], c["field"]) for c in document["corrections"] if c["kind"] == "bullets-restored"}
    bulleted = {(where, field) for where, field, value in _texts(document) if value and "• " in value}
    assert bulleted == listed
    assert len(listed) > 90


def test_lettered_sub_items_stay_in_their_criterion(document):
    assert criterion(document, "Unit 225", "1.4")["text"] == \
        "explain the:\na. health\nb. safety\nc. security\nimplications of visitors to a building"
    assert criterion(document, "Unit 228", "1.6")["text"].endswith("of representative bodies and their relevance to "
                                                                    "their own role.")


def test_guidance_lines_with_ac_numbers_are_not_criteria(document):
    o = outcome(document, "Unit 305/695", "3")
    assert [c["number"] for c in o["criteria"]] == ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6"]
    assert "\n3.2 Relationship:\nHow customer service and its delivery effects" in o["extra"]["assessment_guidance"]
    for ref, count in PER_AC_GUIDANCE.items():
        u = unit(document, ref)
        assert sum(1 for o in u["outcomes"] for c in o["criteria"] if c["guidance"]) == count
        assert all(o["extra"] == {} for o in u["outcomes"])
    assert criterion(document, "Unit 313", "1.1")["guidance"].startswith("Equality is a quality of being the same")
    assert criterion(document, "Unit 314", "1.2")["guidance"].startswith("There are three basic principles")


def test_unlabelled_per_ac_guidance(document):
    assert criterion(document, "Unit 308", "3.2")["guidance"].endswith("is effective in improving performance.")
    assert criterion(document, "Unit 308", "3.3")["guidance"].startswith("Review mechanisms in the development plan")
    assert criterion(document, "Unit 308", "3.4")["guidance"].startswith("The personal professional development plan")
    moved = [c for c in document["corrections"] if c["where"].startswith("units[T/506/2952].outcomes[3]")]
    assert {c["where"][-9:] for c in moved} >= {"eria[3.3]", "eria[3.4]"}


def test_evidence_lists_range_and_notes(document):
    lo1, lo2 = unit(document, "Unit 206")["outcomes"]
    assert lo1["extra"]["evidence_may_be_supplied_by"] == ["professional discussion", "reflective account",
                                                           "questioning"]
    assert lo2["extra"]["evidence_may_be_supplied_by"][-1] == \
        "organisational policies and , legal and ethical requirements*"
    assert lo1["extra"]["assessment_guidance"].startswith(
        "The tone of voice, choice of expression and body language used when dealing with customers can show:\n"
        "• confidence or lack of it\n")
    assert outcome(document, "Unit 404", "2")["extra"]["evidence_may_be_supplied_by"][6] == \
        "report on building and maintaining effective customer relations"
    assert "3" not in outcome(document, "Unit 317", "5")["extra"]["evidence_may_be_supplied_by"]  # page number
    assert outcome(document, "Unit 306/696", "1")["extra"]["range"].startswith("Customer experience:\n")
    assert outcome(document, "Unit 225", "1")["extra"]["evidence_may_be_supplied_by"] == []
    assert "at least three customers over time" in unit(document, "Unit 222")["extra"]["notes"][0]
    assert "observed at least on one occasion" in unit(document, "Unit 304")["extra"]["notes"][0]
    assert unit(document, "Unit 206")["extra"]["notes"][0].startswith("Note: this unit is about communicating verbally")
    portfolio = unit(document, "Unit 305/695")["extra"]["additional_guidance_if_delivered_as_portfolio_based"]
    assert "3000 words" in portfolio
    assert unit(document, "Unit 303")["extra"]["supporting_information"].startswith("Guidance\nWhilst working")


def test_known_contradictions_flagged(document):
    [credit] = flags(document, "units[L/506/2181]", "credit")
    assert [v["value"] for v in credit["values"]] == [6, 4]
    assert flags(document, "units[J/502/4397]", "outcomes")
    [editorial] = flags(document, unit_path("R/506/2179", "outcomes[1]", "criteria[1.2]"), "text")
    assert editorial["values"][0]["value"].endswith("do we need to give examples of techniques here?")
    [glh] = flags(document, "units[D/506/2170]", "glh")
    assert [v["value"] for v in glh["values"]] == [22, 24]
    assert flags(document, "units[H/506/2977]", "mapping")
