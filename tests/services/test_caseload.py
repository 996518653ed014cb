"""The caseload read models: list rows (progress, awaiting sign-off / IV) and a learner's overview against the rules."""

from assessor_app.domain.caseload import fold
from tests.services.conftest import CS7, cover_unit


def test_fold_ignores_case_accents_and_punctuation():
    assert "wis" in fold("Wiśniewski") and fold("Ó'Brien") == "obrien" and fold("Łukasz") == "lukasz"


def test_rows_follow_progress_signoff_and_iv(world):
    s, reg = world.session, world.registration.id
    [row] = s.caseload.rows()
    assert row.learner_id == world.learner.id and row.qualifications == ("601/3456/2",)
    assert (row.name, row.registration_no) == (world.learner.name, world.learner.registration_no)
    assert row.covered == 0 and row.total > 20 and row.awaiting_signoff == 0
    cover_unit(world)
    [row] = s.caseload.rows()
    assert row.covered == 20 and row.awaiting_signoff == 1 and row.awaiting_iv == 0
    s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-10")
    [row] = s.caseload.rows()
    assert row.awaiting_signoff == 0 and row.awaiting_iv == 1
    s.signoffs.sample(reg, CS7, world.iv.id, "2026-03-12", "referred_back", actions="Add a witness statement")
    [row] = s.caseload.rows()
    assert row.awaiting_iv == 0 and row.referred_back == 1
    assert "brickendon" in row.search_key and "amelia" in row.search_key


def test_overview_says_what_is_missing_and_where_each_unit_stands(world):
    s, reg = world.session, world.registration.id
    item, _ = s.evidence.add(world.learner.id, "observation", "2026-03-02", narrative="n")
    s.mapping.link(item.id, reg, CS7, ["1.1"])
    [overview] = s.caseload.overview(world.learner.id).registrations
    cs7 = next(u for u in overview.units if u.urn == CS7)
    assert cs7.covered == 1 and "1.2" in cs7.missing and "1.1" not in cs7.missing
    assert cs7.state == f"{cs7.total - 1} ACs missing"
    assert overview.credits_achieved == 0 and overview.credits_required == 45
    assert [g.name for g in overview.groups] and sum(g.chosen_credits for g in overview.groups) >= 45
    assert overview.route_problems == () and overview.sentences
    s.mapping.link(item.id, reg, CS7, [c.number for c in s.catalogue.get("601/3456/2").unit(CS7).criteria
                                       if c.number != "1.1"])
    s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-10")
    [overview] = s.caseload.overview(world.learner.id).registrations
    cs7 = next(u for u in overview.units if u.urn == CS7)
    assert cs7.signed_on == "2026-03-10" and cs7.state == "Signed off, awaiting IV"
    assert overview.awaiting_iv == (cs7,) and overview.credits_achieved == cs7.credit


def test_short_route_names_the_group_and_the_credits(world):
    s, reg = world.session, world.registration
    mandatory = [u for g in s.catalogue.get("601/3456/2").groups if g.mandatory for u in g.units]
    s.roster.change_units(reg.id, mandatory, allow_incomplete=True)
    [overview] = s.caseload.overview(world.learner.id).registrations
    short = [g for g in overview.groups if g.credits_short]
    assert short and overview.route_problems
    assert any(str(short[0].credits_short) in p for p in overview.route_problems)


def test_rows_on_a_connection_of_their_own_match_and_see_committed_writes(world):
    s = world.session
    cover_unit(world)
    import threading

    found = []
    reader = threading.Thread(target=lambda: found.extend(s.caseload.rows_on_own_connection()))
    reader.start()
    reader.join(10)
    assert found == s.caseload.rows() and found[0].awaiting_signoff == 1
