"""Holistic mapping: one item to many ACs across units; derived Ref No and Date; progress; the tick API."""

import pytest

from assessor_app.services.session import ServiceError
from tests.conftest import IMI
from tests.services.conftest import CS7, CS8


def test_one_item_covers_acs_across_units_and_the_page_shows_refs_and_first_date(world):
    s, reg = world.session, world.registration.id
    e1, _ = s.evidence.add(world.learner.id, "observation", "2026-03-02", narrative="n")
    e2, _ = s.evidence.add(world.learner.id, "professional_discussion", "2026-03-09", narrative="pd")
    links, changes = s.mapping.link(e1.id, reg, CS7, ["1.1", "1.2", "2.1"])
    s.mapping.link(e1.id, reg, CS8, "1.1")
    s.mapping.link(e2.id, reg, CS7, ["1.1", "1.3"])
    assert len(links) == 3 and changes.link and changes.touches("evidence_link")
    assert s.mapping.link(e1.id, reg, CS7, ["1.1"])[0] == []  # already covered by E1: skipped
    rows = {r.number: r for r in s.progress.unit_record(reg, CS7).rows}
    assert (rows["1.1"].ref_no, rows["1.1"].date) == ("E1, E2", "2026-03-02")
    assert (rows["1.3"].ref_no, rows["1.3"].date) == ("E2", "2026-03-09")
    assert (rows["1.4"].ref_no, rows["1.4"].date) == ("", "")
    assert {r.number for r in s.progress.unit_record(reg, CS8).rows if r.met} == {"1.1"}
    assert {lk.unit_urn for lk in s.mapping.links(evidence_id=e1.id)} == {CS7, CS8}


def test_a_later_item_dated_earlier_moves_the_date_back(world):
    s, reg = world.session, world.registration.id
    late, _ = s.evidence.add(world.learner.id, "product", "2026-05-01")
    early, _ = s.evidence.add(world.learner.id, "product", "2026-01-15")
    s.mapping.link(late.id, reg, CS7, "1.1")
    s.mapping.link(early.id, reg, CS7, "1.1")
    row = s.progress.unit_record(reg, CS7).rows[0]
    assert (row.ref_no, row.date) == ("E2, E1", "2026-01-15")
    s.evidence.delete(early.id)  # deleted evidence stops counting
    row = s.progress.unit_record(reg, CS7).rows[0]
    assert (row.ref_no, row.date) == ("E1", "2026-05-01")


def test_mapping_refuses_what_is_not_on_the_route_or_not_the_learners(world):
    s, reg = world.session, world.registration.id
    item, _ = s.evidence.add(world.learner.id, "product", "2026-03-01")
    with pytest.raises(ServiceError, match="no criterion 9.9"):
        s.mapping.link(item.id, reg, CS7, ["1.1", "9.9"])
    assert s.mapping.links(evidence_id=item.id) == []  # nothing half-done
    not_chosen = next(u.urn for u in s.catalogue.get(IMI).units if u.urn not in world.registration.chosen_units)
    with pytest.raises(ServiceError, match="not on this learner's route"):
        s.mapping.link(item.id, reg, not_chosen, "1.1")
    other, _ = s.roster.add("Tomasz", "IMI-2")
    theirs, _ = s.evidence.add(other.id, "product", "2026-03-01")
    with pytest.raises(ServiceError, match="another learner"):
        s.mapping.link(theirs.id, reg, CS7, "1.1")


def test_progress_per_outcome_unit_and_qualification(world):
    s, reg = world.session, world.registration.id
    item, _ = s.evidence.add(world.learner.id, "observation", "2026-03-02", narrative="n")
    unit = s.catalogue.get(IMI).unit(CS7)
    lo1 = [c.number for c in unit.outcomes[0].criteria]
    s.mapping.link(item.id, reg, CS7, lo1)
    progress = s.progress.unit_progress(reg, CS7)
    assert progress.outcomes[0].complete and not progress.outcomes[1].complete
    assert progress.covered == len(lo1) and progress.total == len(unit.criteria)
    assert progress.missing[0] == unit.outcomes[1].criteria[0].number
    overall = s.progress.progress(reg)
    assert [u.urn for u in overall.units] == list(world.registration.chosen_units)
    assert overall.covered == len(lo1) and not overall.achieved and overall.achieved_units == ()
    assert any("credits" in sentence for sentence in overall.sentences)


def test_tick_api_creates_or_extends_the_item_under_the_ref(world):
    s, reg = world.session, world.registration.id
    tick, changes = s.mapping.tick(reg, CS7, "1.1", "2026-03-02", "E1")
    assert changes.link and (tick.evidence_ref, tick.met_on) == ("E1", "2026-03-02")
    [item] = s.evidence.register(world.learner.id)
    assert (item.ref, item.kind, item.date) == ("E1", "observation", "2026-03-02")
    second, _ = s.mapping.tick(reg, CS7, "1.2", "2026-03-04", "e1")  # same item; its own date
    assert len(s.evidence.register(world.learner.id)) == 1 and second.evidence_ref == "E1"
    unnamed, _ = s.mapping.tick(reg, CS7, "1.3", "2026-03-05", "")
    assert unnamed.evidence_ref == "E2"
    assert [(t.criterion_number, t.met_on, t.evidence_ref) for t in s.mapping.ticks(reg, CS7)] == [
        ("1.1", "2026-03-02", "E1"), ("1.2", "2026-03-04", "E1"), ("1.3", "2026-03-05", "E2")]
    with pytest.raises(ServiceError, match="already covered by E1"):
        s.mapping.tick(reg, CS7, "1.1", "2026-03-06", "E1")
    s.mapping.unlink(tick.id)
    assert "1.1" not in {t.criterion_number for t in s.mapping.ticks(reg)}
    s.mapping.restore_link(tick.id)
    assert [t.id for t in s.mapping.ticks(reg, CS7)][0] == tick.id
    assert [e.action for e in s.audit_trail.events(tick.id)] == ["restore", "delete", "create"]


def test_changing_optional_units_never_deletes_evidence(world):
    s, reg = world.session, world.registration
    optional = reg.chosen_units[-1]
    item, _ = s.evidence.add(world.learner.id, "product", "2026-03-01")
    s.mapping.link(item.id, reg.id, optional, "1.1")
    spare = [u.urn for u in s.catalogue.get(IMI).units if u.urn not in reg.chosen_units]
    for urn in spare:  # the route stays valid by adding before dropping
        try:
            changed, _ = s.roster.change_units(reg.id, [u for u in reg.chosen_units if u != optional] + [urn])
            break
        except ServiceError:
            continue
    assert optional not in changed.chosen_units
    assert optional not in {lk.unit_urn for lk in s.mapping.links(registration_id=reg.id)
                            if lk.unit_urn in changed.chosen_units}
    s.roster.change_units(reg.id, list(reg.chosen_units))
    assert s.progress.unit_record(reg.id, optional).rows[0].ref_no == "E1"
