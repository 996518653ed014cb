"""Learners with every CONTACT SHEET field; registrations validated by the rules of combination; the passcode."""

import pytest

from assessor_app.domain.records import CONTACT_SHEET_FIELDS
from assessor_app.services.demo import _demo_route
from assessor_app.services.session import ServiceError
from tests.conftest import IMI

BANK = "CFA-CS-L2"


def test_every_contact_sheet_field_is_kept_edited_and_audited(session):
    values = {name: f"value of {name}" for name, _ in CONTACT_SHEET_FIELDS}
    values["email"] = "ann@example.org"
    learner, changes = session.roster.add(**values)
    assert {name: getattr(learner, name) for name in values} == values and changes.touches("learner")
    edited, _ = session.roster.update(learner.id, employer_tel="01992 550200", name="Ann Hart")
    assert session.roster.learner(learner.id) == edited and edited.employer_tel == "01992 550200"
    assert session.audit_trail.events(learner.id)[0].before == {"employer_tel": "value of employer_tel",
                                                          "name": "value of name"}
    with pytest.raises(ServiceError, match="not an email"):
        session.roster.update(learner.id, email="ann at example")
    with pytest.raises(ServiceError, match="no field"):
        session.roster.update(learner.id, shoe_size="5")
    with pytest.raises(ServiceError, match="already used"):
        session.roster.add("Someone", values["registration_no"])
    session.roster.delete(learner.id)
    assert session.roster.learners() == []
    session.roster.restore(learner.id)
    assert [lr.id for lr in session.roster.learners()] == [learner.id]


def test_a_route_is_checked_against_the_rules_of_combination(session):
    learner, _ = session.roster.add("Ann", "R1")
    q = session.catalogue.get(IMI)
    route = _demo_route(q)
    with pytest.raises(ServiceError, match="mandatory unit"):
        session.roster.register(learner.id, IMI, route[1:])
    with pytest.raises(ServiceError, match="more credits needed"):
        session.roster.register(learner.id, IMI, route[:6])
    with pytest.raises(ServiceError, match="has no unit X/000/0000"):
        session.roster.register(learner.id, IMI, route + ["X/000/0000"])
    short, _ = session.roster.register(learner.id, IMI, route[:6], allow_incomplete=True)  # still choosing
    with pytest.raises(ServiceError, match="mandatory unit"):
        session.roster.register(learner.id, IMI, route[1:6], allow_incomplete=True)  # never without mandatory units
    registration, _ = session.roster.register(learner.id, IMI, route)
    assert registration.chosen_units == tuple(route)
    assert registration.qualification_fingerprint == session.catalogue.fingerprints[IMI]
    assert session.roster.route_check(IMI, route).valid
    changed, _ = session.roster.change_units(short.id, route)
    assert changed.chosen_units == tuple(route)


def test_a_unit_bank_has_no_rules_only_units(session):
    learner, _ = session.roster.add("Ann", "R1")
    bank = session.catalogue.get(BANK)
    registration, _ = session.roster.register(learner.id, BANK, [bank.units[3].urn])
    assert registration.chosen_units == (bank.units[3].urn,)
    assert session.roster.route_check(BANK, [bank.units[3].urn]) is None


def test_the_passcode_is_optional_and_only_its_slow_hash_is_stored(session):
    assert not session.passcode.is_set() and session.passcode.verify("anything")
    session.passcode.set("2468")
    assert session.passcode.is_set() and session.passcode.verify("2468") and not session.passcode.verify("1357")
    stored = session.store.db.execute("SELECT value FROM app_setting").fetchone()[0]
    assert stored.startswith("scrypt$") and "2468" not in stored
    with pytest.raises(ServiceError, match="current passcode"):
        session.passcode.set("9999", current="1111")
    with pytest.raises(ServiceError, match="at least 4"):
        session.passcode.set("12", current="2468")
    session.passcode.clear("2468")
    assert not session.passcode.is_set()
    assert all("2468" not in str(e.after) for e in session.audit_trail.events())
