"""The first-run profile: the assessor this installation signs for, with PIN No and specimen signature."""

import pytest

from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services.opening import open_session
from assessor_app.services.session import ServiceError
from tests.services.conftest import PNG


def test_profile_is_made_once_remembered_and_checks_the_pin(session, data_dir, tmp_path):
    signature = tmp_path / "signature.png"
    signature.write_bytes(PNG)
    assert session.profile.current() is None
    with pytest.raises(ServiceError, match="PIN No"):
        session.profile.create("Priya Shah", "", signature)
    with pytest.raises(ServiceError, match="signature"):
        session.profile.create("Priya Shah", "4417", None)
    person, changes = session.profile.create("Priya Shah", "4417", signature)
    assert changes.person and person.role == "assessor" and person.signature_sha256
    assert session.profile.check_pin("4417") and not session.profile.check_pin("4418")
    assert session.audit_trail.events(person.id)[0].action == "create"
    session.store.close()
    folder = DataFolder(data_dir)
    reopened = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    assert reopened.profile.current().name == "Priya Shah" and reopened.actor == "Priya Shah"
    reopened.store.close()


def test_adopt_an_existing_assessor_but_not_a_witness(world):
    s = world.session
    with pytest.raises(ServiceError, match="not recorded as an assessor"):
        s.profile.adopt(world.witness.id)
    s.profile.adopt(world.assessor.id)
    assert s.profile.current().id == world.assessor.id and s.profile.check_pin("4417")
