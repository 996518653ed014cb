"""Checks the IMI Level 2 Diploma in Customer Service file against the printed Learner Assessment Record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessor_app.domain.catalogue import qualification_from_dict
from tools.qualgen import imi
from tools.qualgen.common import dump, find_source, tidy

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})

# DIGEST section 1.1, checked line by line against the text: ref -> (URN, credit, level, GLH, ACs, guidance rows)
EXPECTED = {
    "CS 7": ("A/506/2130", 5, 2, 27, 20, 4), "CS 8": ("F/506/2131", 2, 2, 17, 9, 2),
    "CS 9": ("J/506/2132", 4, 2, 34, 23, 9), "B&A 38": ("A/506/1964", 4, 2, 40, 6, 1),
    "M&L 1": ("L/506/1788", 4, 2, 18, 20, 0), "CS 5": ("D/506/2119", 3, 2, 14, 16, 5),
    "CS 6": ("T/506/2126", 3, 2, 20, 11, 3), "CS 10": ("H/506/2154", 3, 2, 16, 18, 3),
    "CS 11": ("K/506/2155", 3, 2, 16, 21, 1), "CS 12": ("L/506/2133", 2, 2, 14, 8, 2),
    "CS 13": ("R/506/2134", 3, 2, 14, 11, 8), "CS 14": ("Y/506/2135", 3, 2, 15, 10, 4),
    "CS 15": ("T/506/2143", 4, 2, 20, 13, 1), "CS 16": ("T/506/2157", 3, 2, 15, 12, 3),
    "CS 17": ("A/506/2158", 5, 2, 22, 16, 4), "CS 18": ("F/506/2159", 3, 2, 16, 14, 4),
    "CS 19": ("Y/506/2149", 3, 2, 18, 12, 5), "CS 20": ("T/506/2160", 3, 2, 12, 9, 4),
    "CS 21": ("A/506/2161", 3, 2, 15, 11, 2), "CS 22": ("H/506/2977", 3, 2, 18, 10, 1),
    "CS 23": ("J/506/2163", 3, 2, 18, 11, 1), "CS 24": ("K/506/2978", 5, 2, 22, 11, 6),
    "CS 31": ("R/506/2151", 4, 3, 22, 17, 4), "CS 32": ("D/506/2170", 5, 3, 24, 19, 8),
    "HSPW2": ("T/505/4673", 2, 2, 16, 8, 0), "B&A 13": ("L/506/1807", 2, 2, 12, 10, 3),
    "B&A 19": ("H/506/1814", 3, 2, 15, 12, 2), "B&A 27": ("L/506/1869", 3, 2, 23, 16, 8),
    "B&A 35": ("M/506/1895", 3, 2, 19, 13, 2), "B&A 39": ("L/506/1905", 2, 2, 16, 10, 0),
    "M&L 2": ("R/506/1789", 3, 2, 19, 13, 1), "M&L 7": ("J/506/1806", 2, 2, 10, 8, 2),
    "SAL2-7": ("M/502/8587", 2, 2, 17, 19, 0), "SAL2-13": ("R/502/8601", 3, 2, 14, 10, 0),
    "SAL2-14": ("M/502/8606", 3, 2, 22, 24, 0), "CC38": ("K/503/0421", 7, 2, 40, 18, 0),
    "CC19": ("L/503/0394", 5, 2, 15, 23, 0), "B&A 42": ("H/506/1912", 4, 3, 18, 14, 0),
    "BS2": ("F/502/4396", 3, 2, 20, 9, 0),
}
GROUPS = {"A": ["CS 7", "CS 8", "CS 9", "B&A 38", "M&L 1"], "B": ["CS 5", "CS 6"],
          "C": ["CS 10", "CS 11", "CS 12", "CS 13", "CS 14", "CS 15", "CS 16", "CS 17", "CS 18", "CS 19", "CS 20",
                "CS 21", "CS 22", "CS 23", "CS 24", "CS 31", "CS 32"],
          "D": ["HSPW2", "B&A 13", "B&A 19", "B&A 27", "B&A 35", "B&A 39", "M&L 2", "M&L 7", "SAL2-7", "SAL2-13",
                "SAL2-14", "CC38", "CC19", "B&A 42", "BS2"]}


@pytest.fixture(scope="module")
def document() -> dict:
    if not SEEDS.is_dir():
        pytest.skip("the seeds folder ../shared/seeds is absent")
    [(name, doc)] = imi.build(SEEDS)
    assert name == "imi-601-3456-2.json"
    return doc


@pytest.fixture(scope="module")
def source_text() -> str:
    return tidy("\n".join(find_source(SEEDS, imi.SIGNATURE))).translate(QUOTES)


def unit(document: dict, ref: str) -> dict:
    return next(u for u in document["units"] if u["ref"] == ref)


def criterion(document: dict, ref: str, number: str) -> dict:
    return next(c for o in unit(document, ref)["outcomes"] for c in o["criteria"] if c["number"] == number)


def test_file_in_qualifications_is_generator_output(document):
    assert (ROOT / "qualifications" / "imi-601-3456-2.json").read_text(encoding="utf-8") == dump(document)


def test_loads_as_a_qualification(document):
    q = qualification_from_dict(document)
    assert (q.kind, q.number, q.level, q.credits, q.glh_min, q.glh_max) == ("qualification", "601/3456/2", 2, 45,
                                                                            245, 305)
    assert document["source"]["version"] == "Version 1: September 2014"
    assert len(q.units) == 39
    assert sum(len(u.criteria) for u in q.units) == 535


def test_every_unit_matches_the_structure_table_and_its_counts(document):
    assert [u["ref"] for u in document["units"]] == list(EXPECTED)
    for ref, (urn, credit, level, glh, acs, rows) in EXPECTED.items():
        u = unit(document, ref)
        assert (u["urn"], u["credit"], u["level"], u["glh"]) == (urn, credit, level, glh), ref
        assert sum(len(o["criteria"]) for o in u["outcomes"]) == acs, ref
        assert len(u["extra"]["guidance_table"]) == rows, ref
        assert u["title_on_unit_page"] is not None and u["extra"]["urn_as_printed"].replace(" ", "") == urn
        assert (u["guidance_intro"] is None) == (rows == 0), ref
        for o in u["outcomes"]:
            assert all(c["number"].split(".")[0] == o["number"] for c in o["criteria"]), ref


def test_groups_and_rules(document):
    urn = {ref: e[0] for ref, e in EXPECTED.items()}
    groups = {g["name"]: g for g in document["groups"]}
    assert {n: g["units"] for n, g in groups.items()} == {n: [urn[r] for r in refs] for n, refs in GROUPS.items()}
    assert [(g["caption"], g["mandatory"], g["min_credits"], g["max_credits"]) for g in document["groups"]] == [
        ("Mandatory Group A: 19 Credits", True, 19, 19),
        ("Optional Group B: Minimum of 3 Credits", False, 3, None),
        ("Optional Group C: Minimum of 16 Credits", False, 16, None),
        ("Optional Group D: Maximum of 7 Credits", False, None, 7),
    ]
    rules = document["rules"]
    assert rules["min_credits"] == 45
    assert rules["min_credits_at_or_above_level"] == {"level": 2, "credits": 45}
    assert rules["statement"][0].startswith("To achieve a Level 2 Diploma in Customer Service, learners must")
    assert rules["statement"][2:] == ["Group A: 19 credits must be achieved",
                                      "Group B: A minimum of 3 credits must be achieved",
                                      "Group C: A minimum of 16 credits must be achieved",
                                      "Group D: A maximum of 7 credits may be achieved"]


def test_printed_glh_range_is_the_cheapest_and_dearest_45_credit_route(document):
    units = {u["urn"]: u for u in document["units"]}
    total = {0: (0, 0)}
    for g in document["groups"]:
        options = {0: (0, 0)}
        for urn in g["units"]:
            c, h = units[urn]["credit"], units[urn]["glh"]
            for have, (lo, hi) in list(options.items()):
                old = options.get(have + c, (lo + h, hi + h))
                options[have + c] = (min(old[0], lo + h), max(old[1], hi + h))
        options = {k: v for k, v in options.items() if (g["min_credits"] or 0) <= k <= (g["max_credits"] or 999)}
        combined: dict[int, tuple[int, int]] = {}
        for a, (l1, h1) in total.items():
            for b, (l2, h2) in options.items():
                old = combined.get(a + b, (l1 + l2, h1 + h2))
                combined[a + b] = (min(old[0], l1 + l2), max(old[1], h1 + h2))
        total = combined
    assert total[45] == (document["glh_min"], document["glh_max"])


def test_misattributed_guidance_rows_land_on_the_right_ac(document):
    assert criterion(document, "CS 8", "2.1")["guidance"].startswith("Service offer is defined")
    assert criterion(document, "CS 8", "2.4")["guidance"] is None
    assert criterion(document, "CS 5", "2.2")["guidance"].startswith("Listening actively refers to:")
    assert criterion(document, "CS 5", "2.4")["guidance"] is None
    assert criterion(document, "CS 15", "1.5")["guidance"].startswith("Risks are situations")
    assert criterion(document, "CS 15", "1.1")["guidance"] is None
    assert criterion(document, "M&L 2", "1.3")["guidance"].startswith("Conflict management techniques")
    assert criterion(document, "M&L 2", "1.1")["guidance"] is None
    assert criterion(document, "CS 11", "1.6")["guidance"].startswith("Questioning techniques")
    ba27 = unit(document, "B&A 27")
    assert ba27["extra"]["guidance_table"] == ["1.1", "1.2", "1.3", "3.2", "2.3", "2.5", "3.1", "3.3"]
    assert criterion(document, "B&A 27", "1.2")["guidance"] is None
    assert criterion(document, "B&A 27", "3.2")["guidance"] is None
    assert criterion(document, "B&A 27", "3.1")["guidance"].startswith("The layout includes")
    moved = {(c["where"], c["original"].split(" ")[0])
             for c in document["corrections"] if c["kind"] == "guidance-moved"}
    assert moved == {
        ("units[F/506/2131].outcomes[2].criteria[2.1]", "2.4"), ("units[D/506/2119].outcomes[2].criteria[2.2]", "2.4"),
        ("units[T/506/2143].outcomes[1].criteria[1.5]", "1.1"), ("units[R/506/1789].outcomes[1].criteria[1.3]", "1.1"),
        ("units[L/506/1869].outcomes[3].criteria[3.2]", "3.1"),
    }


def test_continuation_rows_join_the_row_above(document):
    assert criterion(document, "CS 5", "1.5")["guidance"] == (
        "A verbal signal is a phrase or statement said by the customer.\n"
        "A non-verbal signal is the body language of the customer")
    assert criterion(document, "CS 13", "2.3")["guidance"].endswith(
        "\nTimely manner , in line with organisational procedures")
    assert criterion(document, "B&A 27", "3.3")["guidance"].count("\n") == 1
    assert criterion(document, "M&L 7", "1.5")["guidance"].endswith("\n• Equality Act 2010")


def test_html_residue_is_removed_and_listed(document):
    cs14 = unit(document, "CS 14")
    with_guidance = [c["number"] for o in cs14["outcomes"] for c in o["criteria"] if c["guidance"]]
    assert with_guidance == ["1.2", "1.3", "1.4", "2.4"]
    assert "\n• Equality Act 2010\n" in criterion(document, "CS 14", "1.2")["guidance"]
    assert criterion(document, "CS 7", "1.6")["guidance"].endswith("\n• customer feedback\n• peer feedback\n"
                                                                    "• reviewing performance against targets")
    assert "interruptions\n• Using" in criterion(document, "CS 10", "2.4")["guidance"]
    assert unit(document, "CS 9")["rationale"].startswith("This unit aims to develop knowledge")
    assert unit(document, "CS 10")["rationale"].startswith("This unit aims to develop the knowledge")
    assert unit(document, "CS 6")["guidance_intro"].endswith("is not intended to be exhaustive")
    for u in document["units"]:
        values = [u["rationale"], u["guidance_intro"]] + [c["guidance"] for o in u["outcomes"] for c in o["criteria"]]
        assert not any(v and ("<" in v or "#" in v) for v in values), u["ref"]
    html = [c for c in document["corrections"] if c["kind"] == "html-removed"]
    assert {c["field"] for c in html} == {"guidance", "rationale", "guidance_intro"}
    assert sum(c["field"] == "guidance_intro" for c in html) == 3  # CS 9, CS 14, B&A 27


def test_long_tables_keep_acs_after_the_repeated_header(document):
    def numbers(ref):
        return [c["number"] for o in unit(document, ref)["outcomes"] for c in o["criteria"]]
    assert numbers("CS 9")[-5:] == ["4.1", "4.2", "4.3", "4.4", "4.5"]
    assert numbers("M&L 1")[-5:] == ["4.1", "4.2", "4.3", "4.4", "4.5"]
    assert numbers("SAL2-14")[9] == "1.10" and "3.6" in numbers("SAL2-14")
    assert numbers("CC38")[-1] == "3.8" and numbers("CC19")[-1] == "5.8" and numbers("BS2")[0] == "1.1"
    assert "2.10" in numbers("CS 5") and numbers("CS 5").index("2.10") == numbers("CS 5").index("2.9") + 1


def test_number_glitches_are_restored_and_listed(document):
    restored = {(c["where"], c["corrected"]) for c in document["corrections"] if c["kind"] == "number-restored"}
    assert restored == {("units[J/506/2163].outcomes[1].criteria[1.5]", "1.5"),
                        ("units[D/506/2170].outcomes[1].criteria[1.9]", "1.9"),
                        ("units[K/503/0421].outcomes[2]", "2"), ("units[L/503/0394].outcomes[3]", "3")}
    assert [o["number"] for o in unit(document, "CC38")["outcomes"]] == ["1", "2", "3"]
    assert criterion(document, "CS 23", "1.5")["text"].startswith("Explain the etiquette")


def test_printed_oddities_are_kept_and_flagged(document):
    assert criterion(document, "HSPW2", "1.2")["text"] == (
        "Describe two health and safety laws affecting affecting the workplace.")
    assert criterion(document, "CS 5", "1.3")["text"] == "Explain why “customer service language” is used"
    cs15 = unit(document, "CS 15")
    assert cs15["title"] == "Deliver customer service whilst working on customer's premises"
    assert cs15["title_on_unit_page"] == "DELIVER CUSTOMER SERVICE WHILST WORKING ON CUSTOMERS' PREMISES"
    flagged = {(f["where"], f["field"]) for f in document["flags"]}
    assert ("units[T/506/2143]", "title") in flagged and ("units[L/506/1788]", "rationale") in flagged
    assert unit(document, "HSPW2")["mapping"] == "None" and unit(document, "CC38")["mapping"] == "N/A"
    assert unit(document, "CS 7")["extra"]["nos_codes"][-1] == "CFACSF2"


def test_every_value_is_word_for_word_or_corrected(document, source_text):
    corrected = {(c["where"], c["field"], c["corrected"]) for c in document["corrections"]
                 if c["original"] is not None and tidy(str(c["original"])).translate(QUOTES) in source_text}
    for u in document["units"]:
        where = f"units[{u['urn']}]"
        for field in ("title", "title_on_unit_page", "rationale", "guidance_intro", "mapping"):
            v = u[field]
            ok = v is None or tidy(v).translate(QUOTES) in source_text or (where, field, v) in corrected
            assert ok, (where, field)
        for o in u["outcomes"]:
            o_where = f"{where}.outcomes[{o['number']}]"
            assert tidy(o["text"]).translate(QUOTES) in source_text, o_where
            for c in o["criteria"]:
                c_where = f"{o_where}.criteria[{c['number']}]"
                for field in ("text", "guidance"):
                    v = c[field]
                    assert (v is None or tidy(v).translate(QUOTES) in source_text
                            or (c_where, field, v) in corrected), (c_where, field)


def test_corrections_file_is_small_json():
    data = json.loads((ROOT / "tools" / "qualgen" / "corrections" / "imi-601-3456-2.json").read_text(encoding="utf-8"))
    assert len(data["guidance_moved"]) == 5
