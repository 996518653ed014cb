"""A unit's place in the overview says, in words, what it needs next."""

from assessor_app.domain.overview import NEEDS_ACTION, UnitOverview


def _unit(covered=3, total=3, missing=(), signed_on="", iv_decision=""):
    return UnitOverview("urn", "CS 7", "Title", "Mandatory", 5, covered, total, missing, signed_on, iv_decision)


def test_each_state_in_words():
    assert _unit(1, 3, ("1.2", "1.3")).state == "2 ACs missing"
    assert _unit(2, 3, ("1.3",)).state == "1 AC missing"
    assert _unit().state == "Awaiting sign-off"
    assert _unit(signed_on="2026-03-10").state == "Signed off, awaiting IV"
    assert _unit(signed_on="2026-03-10", iv_decision="agreed").state == "Signed off, IV agreed"
    assert _unit(signed_on="2026-03-10", iv_decision=NEEDS_ACTION).state == "Referred back: needs action"
