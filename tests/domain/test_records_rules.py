"""Pure rules of the records: Ref No / Date derivation, progress, evidence checks, refs, digests, secrets."""

from assessor_app.domain.catalogue import Criterion, Outcome, Unit
from assessor_app.domain.evidence import (EvidenceItem, EvidenceLink, LinkFact, QuestionAnswer, TimedNote,
                                          check_ref,
                                          draft_observation_comment, item_problems, next_ref, ref_key, sign_off_gaps)
from assessor_app.domain.progress import coverage, unit_progress
from assessor_app.domain.secrets import hash_secret, verify_secret
from assessor_app.domain.signoff import digest_version, evidence_digest, evidence_state, sign_off_problems

UNIT = Unit("A/000/0001", "U1", "Test unit", 2, 3, 20, (
    Outcome("1", "Know things", (Criterion("1.1", "a"), Criterion("1.2", "b"))),
    Outcome("2", "Do things", (Criterion("2.1", "c"), Criterion("2.2", "d"), Criterion("2.10", "e"))),
))


def fact(ref, number, date, urn="A/000/0001"):
    return LinkFact(f"l-{ref}-{number}", f"e-{ref}", ref, "r", urn, number, date)


def test_ref_no_lists_every_ref_in_date_then_natural_order_and_date_is_first_met():
    covered = coverage([fact("E10", "1.1", "2026-03-05"), fact("E7", "1.1", "2026-03-01"),
                        fact("E2", "1.1", "2026-03-05"), fact("E7", "1.2", "2026-03-01")])
    assert covered[("A/000/0001", "1.1")].ref_no == "E7, E2, E10"
    assert covered[("A/000/0001", "1.1")].date == "2026-03-01"
    # Later evidence adds a ref but never moves the date.
    more = coverage([fact("E7", "1.1", "2026-03-01"), fact("E20", "1.1", "2026-04-01")])
    assert more[("A/000/0001", "1.1")].date == "2026-03-01"
    assert more[("A/000/0001", "1.1")].ref_no == "E7, E20"


def test_unit_progress_says_what_is_missing_per_outcome():
    progress = unit_progress(UNIT, coverage([fact("E1", "1.1", "2026-01-01"), fact("E1", "1.2", "2026-01-01"),
                                             fact("E2", "2.10", "2026-01-02")]))
    assert (progress.covered, progress.total) == (3, 5)
    assert [(o.number, o.complete, o.missing) for o in progress.outcomes] == [
        ("1", True, ()), ("2", False, ("2.1", "2.2"))]
    assert progress.missing == ("2.1", "2.2") and not progress.achieved


def test_refs_are_natural_ordered_and_never_reused():
    assert sorted(["E10", "E2", "X1", "E1"], key=ref_key) == ["E1", "E2", "E10", "X1"]
    assert next_ref([]) == "E1"
    assert next_ref(["E1", "E7", "WT-3", "e9"]) == "E10"
    assert check_ref("E1, E2") is not None and check_ref("") is not None and check_ref("WT/3") is None


def item(**overrides):
    values = dict(id="i", learner_id="l", ref="E1", kind="observation", date="2026-03-01")
    values.update(overrides)
    return EvidenceItem(**values)


def test_each_kind_checks_its_own_fields():
    assert item_problems(item(), {}) == []
    assert item_problems(item(kind="seance"), {})[0].startswith("unknown kind")
    assert any("not a date" in p for p in item_problems(item(date="1/3/2026"), {}))
    assert any("not a time" in p for p in item_problems(item(time="25:00"), {}))
    assert any("no time or duration" in p for p in item_problems(item(kind="product", time="10:00"), {}))
    assert any("needs its witness" in p for p in item_problems(item(kind="witness_testimony"), {}))
    assert item_problems(item(kind="witness_testimony", person_ids=("w",)), {"w": "witness"}) == []
    assert any("expert witness" in p for p in item_problems(item(expert_witness=True), {}))
    doc = item(kind="workplace_document")
    assert len(item_problems(doc, {})) == 2
    assert item_problems(item(kind="workplace_document", document_location="HR office, cabinet 2",
                              document_relevance="complaints policy for 3.2"), {}) == []
    assert any("at least one question" in p for p in item_problems(item(kind="questioning"), {}))


def test_oral_evidence_must_be_written_up_before_sign_off():
    assert sign_off_gaps(item()) == ["E1 (observation) has no narrative or answered questions"]
    assert sign_off_gaps(item(narrative="Greeted and served")) == []
    unanswered = item(kind="questioning", questions=(QuestionAnswer("Why?", ""),))
    assert any("unanswered" in g for g in sign_off_gaps(unanswered))
    assert sign_off_gaps(item(kind="workplace_document", document_location="x", document_relevance="y")) == []


def test_draft_comment_names_the_observation():
    text = draft_observation_comment(item(time="10:00", duration_minutes=45, location="Till", title="Busy Saturday"))
    assert text.startswith("Observation E1 (10:00, 45 min, Till): Busy Saturday.")


def test_digest_is_stable_and_sees_every_change():
    links = [EvidenceLink("l1", "i", "r", UNIT.urn, "1.1"), EvidenceLink("l2", "i", "r", UNIT.urn, "1.2")]
    items = {"i": item(narrative="n")}
    digest = evidence_digest(evidence_state(UNIT, links, items))
    assert digest == evidence_digest(evidence_state(UNIT, list(reversed(links)), items))
    assert digest != evidence_digest(evidence_state(UNIT, links[:1], items))
    assert digest != evidence_digest(evidence_state(UNIT, links, {"i": item(narrative="m")}))
    assert digest != evidence_digest(evidence_state(UNIT, links, {"i": item(narrative="n", date="2026-03-02")}))


def test_digest_version_2_signs_the_visit_fields_and_version_1_is_unchanged():
    links = [EvidenceLink("l1", "i", "r", UNIT.urn, "1.1")]
    before = item(narrative="n")
    after = item(narrative="n", activity="Serving at the counter", notes=(TimedNote("10:02", "Greets"),),
                 topics="complaints", word_count=1800, status="open")
    v1 = evidence_digest(evidence_state(UNIT, links, {"i": before}, 1), 1)
    assert len(v1) == 64 and digest_version(v1) == 1  # the bare hex sign-offs were made with before versioning
    assert v1 == evidence_digest(evidence_state(UNIT, links, {"i": after}, 1), 1)  # v1 never saw these fields
    v2 = evidence_digest(evidence_state(UNIT, links, {"i": before}))
    assert v2.startswith("v2:") and digest_version(v2) == 2 and v2[3:] != v1
    for change in (dict(activity="Stock check"), dict(notes=(TimedNote("10:02", "Greets"),)),
                   dict(topics="returns"), dict(word_count=900), dict(status="open")):
        assert evidence_digest(evidence_state(UNIT, links, {"i": item(narrative="n", **change)})) != v2, change


def test_sign_off_rules():
    partial = coverage([fact("E1", "1.1", "2026-03-01")])
    problems = sign_off_problems(UNIT, partial, [item(narrative="n")], "2026-03-10")
    assert problems == ["4 of 5 criteria of unit U1 have no evidence: 1.2, 2.1, 2.2, 2.10"]
    full = coverage([fact("E1", n, "2026-03-01") for n in ("1.1", "1.2", "2.1", "2.2", "2.10")])
    assert sign_off_problems(UNIT, full, [item(narrative="n")], "2026-03-10") == []
    early = sign_off_problems(UNIT, full, [item(narrative="n")], "2026-02-01")
    assert early and "before the evidence" in early[0]


def test_passcode_hash_is_slow_kdf_and_salted():
    # Letters outside a-f, so the secret can never turn up by chance inside the hex digest and salt.
    secret = "kingfisher"
    first, second = hash_secret(secret, n=2 ** 10), hash_secret(secret, n=2 ** 10)
    assert first != second and first.startswith("scrypt$1024$")
    assert verify_secret(secret, first) and not verify_secret("kingfishes", first)
    assert not verify_secret(secret, "garbage") and secret not in first
