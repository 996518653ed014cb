"""Checks the Skills CFA Customer Service Level 2 unit bank against its text and the IMI record it is repaired from."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.domain.catalogue import qualification_from_dict
from tools.qualgen import imi, skills_cfa
from tools.qualgen.common import dump, find_source, tidy
from tools.qualgen.skills_cfa_parse import SIGNATURE

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})

# ref -> (URN by way of the IMI structure table, ACs); ACs per unit are the IMI record's, counted in the Skills CFA text
EXPECTED = {
    "CS 5": ("D/506/2119", 16), "CS 6": ("T/506/2126", 11), "CS 7": ("A/506/2130", 20), "CS 8": ("F/506/2131", 9),
    "CS 9": ("J/506/2132", 23), "CS 10": ("H/506/2154", 18), "CS 11": ("K/506/2155", 21),
    "CS 12": ("L/506/2133", 8), "CS 13": ("R/506/2134", 11), "CS 14": ("Y/506/2135", 10),
    "CS 15": ("T/506/2143", 13), "CS 16": ("T/506/2157", 12), "CS 17": ("A/506/2158", 16),
    "CS 18": ("F/506/2159", 14), "CS 19": ("Y/506/2149", 12), "CS 20": ("T/506/2160", 9),
    "CS 21": ("A/506/2161", 11), "CS 22": ("H/506/2977", 10), "CS 23": ("J/506/2163", 11),
    "CS 24": ("K/506/2978", 11),
}


@pytest.fixture(scope="module")
def document() -> dict:
    if not SEEDS.is_dir():
        pytest.skip("the seeds folder ../shared/seeds is absent")
    [(name, doc)] = skills_cfa.build(SEEDS)
    assert name == "unit-bank-skills-cfa-cs-l2.json"
    return doc


@pytest.fixture(scope="module")
def imi_document() -> dict:
    [(_, doc)] = imi.build(SEEDS)
    return doc


@pytest.fixture(scope="module")
def source_text() -> str:
    return tidy("\n".join(find_source(SEEDS, SIGNATURE))).translate(QUOTES)


def at(document: dict, where: str) -> dict:
    """The unit, outcome or criterion a correction's `where` names."""
    parts = where.replace("]", "").split(".outcomes[")
    node = next(u for u in document["units"] if u["urn"] == parts[0][len("units["):])
    if len(parts) > 1:
        lo, *ac = parts[1].split(".criteria[")
        node = next(o for o in node["outcomes"] if o["number"] == lo)
        if ac:
            node = next(c for c in node["criteria"] if c["number"] == ac[0])
    return node


def criterion(document: dict, ref: str, number: str) -> dict:
    u = next(u for u in document["units"] if u["ref"] == ref)
    return next(c for o in u["outcomes"] for c in o["criteria"] if c["number"] == number)


def test_file_in_qualifications_is_generator_output(document):
    assert (ROOT / "qualifications" / "unit-bank-skills-cfa-cs-l2.json").read_text(encoding="utf-8") == dump(document)


def test_loads_as_a_unit_bank(document):
    q = qualification_from_dict(document)
    assert (q.kind, q.number, q.groups, q.level) == ("unit-bank", "CFA-CS-L2", (), 2)
    assert document["source"] == {"title": "Customer Service - QCF units of assessment Level 2",
                                  "publisher": "Skills CFA", "version": "V2.0 25 March 2014"}
    assert len(q.units) == 20 and sum(len(u.criteria) for u in q.units) == 266


def test_units_join_the_imi_record_by_cfa_ref(document, imi_document):
    imi_units = {u["ref"]: u for u in imi_document["units"]}
    cited = imi.cited_as(imi.read(SEEDS))
    assert [u["ref"] for u in document["units"]] == list(EXPECTED)
    for u in document["units"]:
        urn, acs = EXPECTED[u["ref"]]
        assert u["urn"] == urn == imi_units[u["ref"]]["urn"]
        assert sum(len(o["criteria"]) for o in u["outcomes"]) == acs, u["ref"]
        assert (u["level"], u["credit"], u["glh"]) == tuple(imi_units[u["ref"]][k] for k in ("level", "credit", "glh"))
        assert "blank" in u["extra"]["urn_source"] and cited in u["extra"]["urn_source"]
        assert u["extra"]["additional_information"]["Availability for use"] == "Shared"
    assert "A/506/213 0" in next(u for u in document["units"] if u["ref"] == "CS 7")["extra"]["urn_source"]


def test_every_repair_is_listed_and_equals_the_imi_text(document, imi_document, source_text):
    repaired = [c for c in document["corrections"] if c["kind"] == "text-repaired"]
    assert len(repaired) == 43
    cited = imi.cited_as(imi.read(SEEDS))
    by_urn = {u["urn"]: u for u in imi_document["units"]}
    for c in repaired:
        assert c["repaired_from"] == cited
        assert tidy(c["original"]).translate(QUOTES) in source_text, c["where"]
        mine = at(document, c["where"])
        assert mine["text"] == c["corrected"]
        theirs = at({"units": [by_urn[c["where"].split("]")[0][len("units["):]]]}, c["where"])
        assert c["corrected"] == theirs["text"], c["where"]
    # the worst-damaged places named in the digest are repaired
    where = {c["where"] for c in repaired}
    assert {"units[D/506/2119].outcomes[1]", "units[Y/506/2149].outcomes[1].criteria[1.7]",
            "units[J/506/2163].outcomes[1].criteria[1.7]", "units[F/506/2159].outcomes[2].criteria[2.2]",
            "units[T/506/2157].outcomes[1]", "units[K/506/2978].outcomes[2]"} <= where
    assert criterion(document, "CS 18", "2.2")["text"].endswith("without admitting liability")
    assert criterion(document, "CS 18", "2.4")["text"] == (
        "Explain to customers the reasons for an organisation's position and policy")


def test_intact_text_is_the_skills_cfa_printing(document):
    assert criterion(document, "CS 5", "1.3")["text"] == 'Explain why "customer service language" is used'
    assert criterion(document, "CS 9", "1.2")["text"] == 'Define the term "service offer"'
    assert criterion(document, "CS 5", "2.10")["text"].startswith("Adhere to organisational policies")
    assert criterion(document, "CS 6", "3.4")["text"].endswith("when communicating with customers in writing")
    assert criterion(document, "CS 12", "2.1")["text"].endswith("likely to improve the customer experience")
    assert criterion(document, "CS 18", "1.4")["text"] == (
        "Explain the difference between assertive and aggressive behaviour")
    cs21 = next(u for u in document["units"] if u["ref"] == "CS 21")
    assert [o["text"] for o in cs21["outcomes"]][:2] == [
        "Understand how to support customers through real-time online customer service",
        "Be able to establish the customer service support needed by customers"]
    assert criterion(document, "CS 9", "2.1")["text"].startswith("Describe how sales and consumer-related legislation")
    joined = [c for c in document["corrections"] if c["kind"] == "split-repaired" and c["field"] == "text"]
    assert [c["original"][:40] for c in joined] == ["Describe how sales and consumer- related"]


def test_genuine_wording_differences_are_kept_and_flagged(document):
    assert criterion(document, "CS 17", "1.1")["text"] == (
        "Describe an organisation's customer service and complaints procedures")
    assert criterion(document, "CS 22", "1.4")["text"].endswith("fault-reporting")
    assert "post transaction customer service" in criterion(document, "CS 24", "1.3")["text"]
    cs15 = next(u for u in document["units"] if u["ref"] == "CS 15")
    assert cs15["title"] == "Deliver customer service whilst working on customers' premises"
    flagged = {f["where"] for f in document["flags"]}
    assert {"units[A/506/2158].outcomes[1].criteria[1.1]", "units[H/506/2977].outcomes[1].criteria[1.4]",
            "units[K/506/2978].outcomes[1].criteria[1.3]", "units[T/506/2143]"} <= flagged


def test_titles_come_whole_from_the_contents(document):
    titles = {c["where"]: (c["original"], c["corrected"]) for c in document["corrections"] if c["field"] == "title"}
    assert titles["units[T/506/2126]"] == ("Communicate with cus stomers in writing",
                                           "Communicate with customers in writing")
    assert titles["units[T/506/2160]"][1] == "Support customer service improvements"
    assert len(titles) == 5


def test_missing_lo_numbers_are_restored_and_listed(document):
    restored = {c["where"] for c in document["corrections"] if c["kind"] == "number-restored"}
    assert "units[T/506/2126].outcomes[2]" in restored  # "Be able to plan written communications to customers"
    assert "units[J/506/2132].outcomes[3]" in restored  # preceded only by a page number
    assert "units[J/506/2132].outcomes[4]" not in restored  # printed "4. Understand the management ..."
    assert "units[A/506/2130].outcomes[4]" not in restored  # printed "4. Be able to\tprovide customer service"


def test_every_value_is_word_for_word_or_corrected(document, source_text):
    corrected = {(c["where"], c["field"], c["corrected"]) for c in document["corrections"]
                 if tidy(str(c["original"])).translate(QUOTES) in source_text}
    for u in document["units"]:
        where = f"units[{u['urn']}]"
        assert tidy(u["title"]) in source_text
        for o in u["outcomes"]:
            o_where = f"{where}.outcomes[{o['number']}]"
            assert tidy(o["text"]).translate(QUOTES) in source_text or (o_where, "text", o["text"]) in corrected
            for c in o["criteria"]:
                c_where = f"{o_where}.criteria[{c['number']}]"
                assert c["guidance"] is None
                assert (tidy(c["text"]).translate(QUOTES) in source_text
                        or (c_where, "text", c["text"]) in corrected), c_where
