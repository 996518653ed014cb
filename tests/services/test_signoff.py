"""Unit sign-off: refused while an AC is uncovered, read-only afterwards, reopened only with a reason; IV sampling."""

import pytest

from assessor_app.services.session import LockedError, ServiceError
from tests.services.conftest import CS7, CS8, cover_unit


def test_sign_off_is_refused_while_an_ac_is_uncovered(world):
    s, reg = world.session, world.registration.id
    item, _ = s.evidence.add(world.learner.id, "observation", "2026-03-02", narrative="n")
    s.mapping.link(item.id, reg, CS7, ["1.1", "1.2"])
    with pytest.raises(ServiceError, match=r"cannot be signed off: 18 of 20 criteria of unit CS 7 have no evidence"):
        s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-10")
    assert s.signoffs.active(reg, CS7) is None and s.signoffs.problems(reg, CS7)


def test_sign_off_needs_written_up_evidence_a_pin_and_a_sensible_date(world):
    s, reg = world.session, world.registration.id
    for n, criterion in enumerate(s.catalogue.get("601/3456/2").unit(CS7).criteria):
        s.mapping.tick(reg, CS7, criterion.number, "2026-03-02", "E1")  # a live observation, not yet written up
    with pytest.raises(ServiceError, match="E1 \\(observation\\) has no narrative"):
        s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-10")
    item = s.evidence.by_ref(world.learner.id, "E1")
    s.evidence.update(item.id, narrative="Dealt with a queue of customers; all ACs seen.")
    with pytest.raises(ServiceError, match="before the evidence"):
        s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-01")
    with pytest.raises(ServiceError, match="not recorded as an assessor"):
        s.signoffs.sign(reg, CS7, world.witness.id, "2026-03-10")
    no_pin, _ = s.people.add("assessor", "New Assessor")
    with pytest.raises(ServiceError, match="no PIN number"):
        s.signoffs.sign(reg, CS7, no_pin.id, "2026-03-10")
    signoff, _ = s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-10")
    assert signoff.active


def test_signed_unit_is_read_only_until_reopened_with_a_reason(world, tmp_path):
    s, reg = world.session, world.registration.id
    item = cover_unit(world)
    other, _ = s.evidence.add(world.learner.id, "product", "2026-03-03", title="Log")
    signoff, changes = s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-10")
    assert (signoff.assessor_name, signoff.pin_no, signoff.signed_on) == ("Priya Shah", "4417", "2026-03-10")
    assert signoff.signature_sha256 == world.assessor.signature_sha256 and len(signoff.digest) == len("v2:") + 64
    assert changes.touches("unit_signoff")
    record = s.progress.unit_record(reg, CS7)
    assert record.signed and record.signoff.pin_no == "4417"
    assert world.assessor.id in {p.id for p in s.people.contacts(world.learner.id)}

    some_link = s.mapping.links(evidence_id=item.id, unit_urn=CS7)[0]
    attempts = [
        lambda: s.mapping.link(other.id, reg, CS7, "1.1"),
        lambda: s.mapping.unlink(some_link.id),
        lambda: s.mapping.unlink(some_link.id),
        lambda: s.mapping.tick(reg, CS7, "1.1", "2026-03-11", "E9"),
        lambda: s.evidence.update(item.id, date="2026-03-01"),
        lambda: s.evidence.update(item.id, narrative="rewritten"),
        lambda: s.evidence.delete(item.id),
        lambda: s.attachments.attach(item.id, tmp_path / "never-read.jpg"),
        lambda: s.roster.change_units(reg, [u for u in world.registration.chosen_units if u != CS7]),
    ]
    for attempt in attempts:
        with pytest.raises(LockedError, match="signed.off"):
            attempt()
    assert s.signoffs.current_digest(reg, CS7) == signoff.digest  # nothing moved
    # Other units, and evidence not used by the signed unit, stay editable.
    s.mapping.link(item.id, reg, CS8, "1.1")
    s.evidence.update(other.id, title="Feedback log")
    with pytest.raises(ServiceError, match="needs a reason"):
        s.signoffs.reopen(reg, CS7, "   ")
    with pytest.raises(ServiceError, match="signed off already"):
        s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-11")

    reopening, changes = s.signoffs.reopen(reg, CS7, "IV asked for the date of E1 to be corrected", "2026-03-12")
    assert changes.touches("unit_signoff") and s.signoffs.active(reg, CS7) is None
    assert not s.progress.unit_record(reg, CS7).signed
    [voided] = s.signoffs.signoffs(reg, CS7)
    assert not voided.active and voided.reopening.reason == "IV asked for the date of E1 to be corrected"
    event = s.audit_trail.events(signoff.id)[0]
    assert event.action == "reopen" and event.before["digest"] == signoff.digest
    assert event.after["reason"] == reopening.reason

    s.evidence.update(item.id, date="2026-03-01")  # editable again
    again, _ = s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-12")
    assert again.digest != signoff.digest
    assert [x.active for x in s.signoffs.signoffs(reg, CS7)] == [False, True]


def test_sign_off_records_cannot_be_rewritten_in_the_file(world):
    s, reg = world.session, world.registration.id
    cover_unit(world)
    s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-10")
    with pytest.raises(Exception, match="never changed"):
        s.store.db.execute("UPDATE unit_signoff SET pin_no = '0000'")


def test_iv_samples_a_signed_unit_agrees_or_refers_back_and_countersigns(world):
    s, reg = world.session, world.registration.id
    with pytest.raises(ServiceError, match="not signed off"):
        s.signoffs.sample(reg, CS7, world.iv.id, "2026-03-20", "agreed")
    cover_unit(world)
    signoff, _ = s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-10")
    with pytest.raises(ServiceError, match="needs the actions"):
        s.signoffs.sample(reg, CS7, world.iv.id, "2026-03-20", "referred_back", feedback="Thin on 3.2")
    with pytest.raises(ServiceError, match="unknown IV decision"):
        s.signoffs.sample(reg, CS7, world.iv.id, "2026-03-20", "maybe")
    with pytest.raises(ServiceError, match="not recorded as an IV"):
        s.signoffs.sample(reg, CS7, world.assessor.id, "2026-03-20", "agreed")
    referred, _ = s.signoffs.sample(reg, CS7, world.iv.id, "2026-03-20", "referred_back",
                                    feedback="Evidence for 3.2 is thin", actions="Add a witness testimony for 3.2")
    assert referred.signoff_id == signoff.id and referred.iv_name == "Grace Mensah" and not referred.countersigned
    signed, changes = s.signoffs.countersign(referred.id, "2026-03-21")
    assert signed.countersigned_on == "2026-03-21" and signed.countersignature_sha256 == world.iv.signature_sha256
    with pytest.raises(ServiceError, match="countersigned already"):
        s.signoffs.countersign(referred.id, "2026-03-22")
    agreed, _ = s.signoffs.sample(reg, CS7, world.iv.id, "2026-04-01", "agreed", feedback="Sound decisions")
    assert [x.decision for x in s.signoffs.iv_samples(reg, CS7)] == ["referred_back", "agreed"]
    assert world.iv.id in {p.id for p in s.people.contacts(world.learner.id)}
    assert s.audit_trail.events(referred.id)[0].action == "countersign"


def test_achieved_units_count_towards_the_qualification(world):
    s, reg = world.session, world.registration.id
    cover_unit(world)
    s.signoffs.sign(reg, CS7, world.assessor.id, "2026-03-10")
    progress = s.progress.progress(reg)
    assert progress.achieved_units == (CS7,) and not progress.achieved
    assert next(u for u in progress.units if u.urn == CS7).achieved
    file = s.progress.learner_file(world.learner.id)
    [registration] = file.registrations
    assert set(registration.signoffs) == {CS7} and registration.progress.achieved_units == (CS7,)
