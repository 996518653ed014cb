"""Checks the Pearson BTEC Level 2 Award and Certificate in Principles of Customer Service files against the spec."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.domain.catalogue import qualification_from_dict
from tools.qualgen import pearson
from tools.qualgen.common import dump, find_source, tidy

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
AWARD, CERTIFICATE = "pearson-601-5358-1.json", "pearson-601-5359-3.json"

# Counted by hand in the unit tables (DIGEST 1.5 agrees once its lost numbers are restored):
# ref -> (URN, title, level, credit, GLH, learning outcomes, ACs, ACs carrying amplification)
UNITS = {
    "Unit 1": ("K/506/9011", "Customer Service Principles", 2, 4, 32, 4, 18, 18),
    "Unit 2": ("M/506/9012", "Understanding Customer Service Delivery", 2, 3, 22, 3, 15, 15),
    "Unit 3": ("T/506/9013", "Communicating with Customers", 2, 2, 15, 3, 10, 10),
    "Unit 4": ("L/506/9017", "Understanding How to Support Customer Service Improvements", 2, 2, 18, 3, 11, 11),
    "Unit 5": ("R/506/9018", "Understanding How to Handle Customer Problems", 2, 2, 17, 3, 11, 11),
    "Unit 6": ("Y/506/9019", "Social Media in Customer Service Delivery", 2, 2, 18, 2, 9, 9),
    "Unit 7": ("R/506/8662", "Employee Rights and Responsibilities", 2, 3, 20, 3, 9, 9),
    "Unit 8": ("K/506/8666", "Understanding Personal Development", 2, 4, 30, 3, 9, 9),
    "Unit 9": ("L/506/9020", "Principles of Direct Selling", 2, 3, 23, 4, 16, 16),
    "Unit 10": ("F/505/6927", "Health and Safety at Work", 1, 2, 20, 4, 11, 11),
    "Unit 11": ("A/506/1964", "Understand Employer Organisations", 2, 4, 40, 2, 6, 5),
}
# Every AC number the tables lose, merge with text or print wrongly: (URN, AC, kind)
NUMBER_REPAIRS = {
    ("K/506/9011", "1.2", "split-repaired"), ("K/506/9011", "1.3", "number-restored"),
    ("K/506/9011", "1.5", "split-repaired"), ("K/506/9011", "1.6", "split-repaired"),
    ("K/506/9011", "2.3", "split-repaired"), ("M/506/9012", "1.2", "split-repaired"),
    ("M/506/9012", "3.3", "split-repaired"), ("T/506/9013", "3.1", "split-repaired"),
    ("L/506/9017", "1.2", "split-repaired"), ("L/506/9017", "3.1", "number-restored"),
    ("L/506/9017", "3.2", "split-repaired"), ("L/506/9017", "3.5", "split-repaired"),
    ("R/506/9018", "3.2", "split-repaired"), ("Y/506/9019", "2.4", "number-restored"),
    ("R/506/8662", "3.2", "split-repaired"), ("A/506/1964", "2.3", "split-repaired"),
}


@pytest.fixture(scope="module")
def built() -> dict[str, dict]:
    if not SEEDS.is_dir():
        pytest.skip("the seeds folder ../shared/seeds is absent")
    return dict(pearson.build(SEEDS))


@pytest.fixture(scope="module")
def source_text() -> str:
    return tidy("\n".join(find_source(SEEDS, pearson.SIGNATURE)))


def _units(document: dict) -> dict[str, dict]:
    return {u["ref"]: u for u in document["units"]}


def _criterion(unit: dict, number: str) -> dict:
    return next(c for o in unit["outcomes"] for c in o["criteria"] if c["number"] == number)


def test_builds_exactly_the_two_files(built):
    assert sorted(built) == [AWARD, CERTIFICATE]


@pytest.mark.parametrize("name", [AWARD, CERTIFICATE])
def test_committed_file_equals_generator_output(built, name):
    assert (ROOT / "qualifications" / name).read_text(encoding="utf-8") == dump(built[name])


@pytest.mark.parametrize("name", [AWARD, CERTIFICATE])
def test_file_loads_as_a_qualification(built, name):
    q = qualification_from_dict(built[name])
    assert q.kind == "qualification" and q.awarding_body == "Pearson" and q.level == 2


def test_award_structure(built):
    award = built[AWARD]
    assert (award["number"], award["credits"], award["tqt"], award["glh_min"]) == ("601/5358/1", 7, 70, 54)
    assert award["title"] == "Pearson BTEC Level 2 Award in Principles of Customer Service"
    assert [u["ref"] for u in award["units"]] == ["Unit 1", "Unit 2"]
    assert award["groups"] == [{"name": "Mandatory", "caption": "Mandatory units", "mandatory": True,
                                "min_credits": 7, "max_credits": 7, "units": ["K/506/9011", "M/506/9012"]}]
    assert award["rules"]["statement"] == [
        "The learner will need to meet the requirements outlined below before Pearson can award the qualification.",
        "7 credits must be achieved from the 2 mandatory units."]
    assert sum(u["credit"] for u in award["units"]) == 7


def test_certificate_structure(built):
    cert = built[CERTIFICATE]
    assert (cert["number"], cert["credits"], cert["tqt"], cert["glh_min"]) == ("601/5359/3", 15, 150, 112)
    assert [u["ref"] for u in cert["units"]] == [f"Unit {n}" for n in range(1, 12)]
    mandatory, optional = cert["groups"]
    assert (mandatory["mandatory"], mandatory["min_credits"], mandatory["max_credits"]) == (True, 9, 9)
    assert mandatory["units"] == ["K/506/9011", "M/506/9012", "T/506/9013"]
    assert (optional["mandatory"], optional["min_credits"], optional["max_credits"]) == (False, 6, None)
    assert optional["units"] == [UNITS[f"Unit {n}"][0] for n in range(4, 12)]
    by_urn = {u["urn"]: u for u in cert["units"]}
    assert sum(by_urn[urn]["credit"] for urn in mandatory["units"]) == 9
    assert cert["rules"]["statement"] == [
        "The learner will need to meet the requirements outlined in the table below before Pearson can award the "
        "qualification.",
        "Number of credits that must be achieved 15",
        "Number of mandatory credits that must be achieved 9",
        "Minimum number of optional credits that must be achieved 6"]


@pytest.mark.parametrize("name", [AWARD, CERTIFICATE])
def test_rule_sentences_are_printed(built, source_text, name):
    for sentence in built[name]["rules"]["statement"]:
        assert sentence in source_text


@pytest.mark.parametrize("ref", sorted(UNITS))
def test_unit_header_and_counts(built, ref):
    urn, title, level, credit, glh, n_outcomes, n_criteria, n_guided = UNITS[ref]
    unit = _units(built[CERTIFICATE])[ref]
    criteria = [c for o in unit["outcomes"] for c in o["criteria"]]
    assert (unit["urn"], unit["title"], unit["level"], unit["credit"], unit["glh"]) == (urn, title, level, credit, glh)
    assert (len(unit["outcomes"]), len(criteria), sum(1 for c in criteria if c["guidance"])) == (
        n_outcomes, n_criteria, n_guided)
    for outcome in unit["outcomes"]:  # numbers run 1.1, 1.2, ... with none lost or doubled
        assert [c["number"] for c in outcome["criteria"]] == [
            f"{outcome['number']}.{k}" for k in range(1, len(outcome["criteria"]) + 1)]
    assert unit["extra"]["delivery_guidance"] and unit["extra"]["assessment_guidance"]
    assert unit["rationale"]


def test_total_criteria(built):
    assert sum(len(o["criteria"]) for u in built[CERTIFICATE]["units"] for o in u["outcomes"]) == 125
    assert sum(len(o["criteria"]) for u in built[AWARD]["units"] for o in u["outcomes"]) == 33


def test_shared_units_are_identical_in_both_files(built):
    award, cert = _units(built[AWARD]), _units(built[CERTIFICATE])
    for ref in award:
        assert award[ref] == cert[ref]
    award_fixes = built[AWARD]["corrections"]
    cert_fixes = [c for c in built[CERTIFICATE]["corrections"]
                  if any(c["where"].startswith(f"units[{u['urn']}]") for u in award.values())]
    assert award_fixes == cert_fixes


def test_every_repaired_ac_number_is_listed(built, source_text):
    fixes = [c for c in built[CERTIFICATE]["corrections"] if c["field"] == "number"]
    found = {(c["where"].split("]")[0][6:], c["corrected"], c["kind"]) for c in fixes}
    assert found == NUMBER_REPAIRS
    for c in fixes:
        assert c["reason"] and c["original"] in source_text
        assert c["where"].endswith(f"criteria[{c['corrected']}]")


def test_award_lists_its_own_units_repairs(built):
    fixes = {(c["where"].split("]")[0][6:], c["corrected"]) for c in built[AWARD]["corrections"]
             if c["field"] == "number"}
    assert fixes == {(u, n) for u, n, _ in NUMBER_REPAIRS if u in ("K/506/9011", "M/506/9012")}


@pytest.mark.parametrize("name", [AWARD, CERTIFICATE])
def test_text_is_word_for_word_or_corrected(built, source_text, name):
    document = built[name]
    corrections = {(c["where"], c["field"]): c for c in document["corrections"]}
    for c in document["corrections"]:
        assert c["original"] is None or tidy(c["original"]) in source_text, c
    for unit in document["units"]:
        assert unit["title"] in source_text
        values = []
        for o in unit["outcomes"]:
            values.append((f"units[{unit['urn']}].outcomes[{o['number']}]", "text", o["text"]))
            for c in o["criteria"]:
                where = f"units[{unit['urn']}].outcomes[{o['number']}].criteria[{c['number']}]"
                values += [(where, "text", c["text"]), (where, "guidance", c["guidance"])]
        for where, field, value in values:
            if value is None or tidy(value) in source_text:
                continue
            fix = corrections.get((where, field))
            assert fix and fix["corrected"] == value, (where, field, value)


def test_lost_and_merged_numbers_get_their_text(built):
    units = _units(built[CERTIFICATE])
    assert _criterion(units["Unit 1"], "1.3")["text"] == (
        "Explain how a brand affects an organisation's customer service offer")
    assert _criterion(units["Unit 6"], "2.4")["text"] == (
        "Explain the importance of security settings and how they are used on different social media platforms")
    assert _criterion(units["Unit 3"], "3.1")["text"] == "Listen 'actively' to what customers are saying"
    assert units["Unit 3"]["outcomes"][2]["text"] == (
        "Be able to communicate effectively with customers verbally and in writing")
    assert _criterion(units["Unit 4"], "3.2")["text"] == (
        "Explain why it is important to give a positive impression to customers about customer service changes")
    assert _criterion(units["Unit 7"], "3.2")["text"] == "Describe the type of information shown on a pay statement"
    assert units["Unit 7"]["outcomes"][2]["text"] == (
        "Know agreed ways of working that protect relationships with employer")
    assert units["Unit 1"]["outcomes"][0]["text"] == (
        "Understand the role and function of customer service in an organisation")
    assert units["Unit 9"]["outcomes"][0]["text"] == (
        "Understand the interaction between the consumer buying decision-making process and the sales cycle")


def test_garbled_text_is_kept_and_flagged(built):
    document = built[CERTIFICATE]
    flagged = {(f["where"], f["field"]) for f in document["flags"]}
    unit4 = _units(document)["Unit 4"]
    assert unit4["outcomes"][2]["text"] == "and organisation-led changes to customer service"
    assert _criterion(unit4, "3.1")["text"] == "positively with others to support improvements"
    for where in ("outcomes[3]", "outcomes[1].criteria[1.2]", "outcomes[1].criteria[1.3]", "outcomes[3].criteria[3.1]"):
        assert (f"units[L/506/9017].{where}", "text") in flagged
    assert ("units[K/506/9011].outcomes[1].criteria[1.5]", "text") in flagged
    assert ("units[A/506/1964].outcomes[1].criteria[1.1]", "guidance") in flagged


def test_amplification_spilling_into_the_next_row_is_moved_back(built):
    unit5 = _units(built[CERTIFICATE])["Unit 5"]
    assert _criterion(unit5, "3.1")["guidance"].endswith("incentives, e.g. discounts, prize draws; order status email")
    assert _criterion(unit5, "3.2")["guidance"].startswith(
        "Sharing customer feedback: passing on feedback, e.g. team leader, line manager, colleagues in other teams")
    [moved] = [c for c in built[CERTIFICATE]["corrections"] if c["kind"] == "guidance-moved"]
    assert moved["where"] == "units[R/506/9018].outcomes[3].criteria[3.1]"


def test_amplification_rows_and_topics(built):
    units = _units(built[CERTIFICATE])
    assert _criterion(units["Unit 1"], "1.1")["guidance"] == (
        "Purpose: customer satisfaction; positive reputation/image for organisation; customer loyalty; "
        "meeting/exceeding sales and service targets\nScope: pre-sale; during transaction process; post sale")
    assert _criterion(units["Unit 3"], "2.1")["guidance"].split("\n") == [
        "Tone of voice: pitch, volume, speed; professionalism; friendliness",
        "Body language: facial expression, posture, movements, distance between people; open and closed body language"]
    assert _criterion(units["Unit 7"], "2.2")["guidance"].startswith(
        "Support gained through Health and Safety legislation: key health and safety rules;")
    assert "• Belbin's team roles" in _criterion(units["Unit 8"], "1.2")["guidance"]
    trial = _criterion(units["Unit 9"], "4.2")["guidance"]
    assert trial.startswith("Trial close : definition") and "<i>" not in trial
    assert _criterion(units["Unit 11"], "1.1")["guidance"] is None
    assert _criterion(units["Unit 1"], "1.6")["guidance"].startswith("Features of effective follow up:")


def test_tutor_information_is_kept_verbatim(built, source_text):
    units = _units(built[CERTIFICATE])
    for unit in units.values():
        for key in ("essential_resources", "delivery_guidance", "assessment_guidance", "suggested_resources"):
            for paragraph in unit["extra"][key]:
                assert paragraph in source_text, (unit["ref"], key, paragraph[:60])
    assert any("key principles of the legislation" in p for p in units["Unit 1"]["extra"]["assessment_guidance"])
    assert units["Unit 2"]["extra"]["essential_resources"] == []
    assert units["Unit 10"]["extra"]["essential_resources"][0].startswith("For this unit, centres need")
    assert units["Unit 2"]["guidance_intro"] is None
    assert units["Unit 1"]["guidance_intro"].startswith("To pass this unit, the learner needs to demonstrate")


def test_output_is_deterministic(built):
    again = dict(pearson.build(SEEDS))
    assert {n: dump(d) for n, d in again.items()} == {n: dump(d) for n, d in built.items()}


@pytest.mark.parametrize("name", [AWARD, CERTIFICATE])
def test_garbled_unit_1_acs_carry_their_likely_wording_as_a_correction_and_keep_their_flag(built, source_text, name):
    document = built[name]
    unit = next(u for u in document["units"] if u["urn"] == "K/506/9011")
    texts = {c["number"]: c["text"] for o in unit["outcomes"] for c in o["criteria"]}
    likely = {"1.5": "State the importance of keeping up to date with knowledge of competitors' activities",
              "1.6": "Describe the features of effective follow-up service"}
    printed = {"1.5": "State the import keeping up to do knowledge of coactivities",
               "1.6": "Describe the fea effective follow-"}
    for number in ("1.5", "1.6"):
        where = f"units[K/506/9011].outcomes[1].criteria[{number}]"
        assert texts[number] == likely[number]
        [fix] = [c for c in document["corrections"] if c["where"] == where and c["field"] == "text"]
        assert (fix["kind"], fix["original"], fix["corrected"]) == ("wording-inferred", printed[number], likely[number])
        assert printed[number] in source_text and "Inferred" in fix["reason"]
        [flag] = [f for f in document["flags"] if f["where"] == where and f["field"] == "text"]
        assert flag["values"] == [{"source": "as printed", "value": printed[number]}]
