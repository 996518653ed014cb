"""The window passcode: set, changed only with the current one, and reset without it for a centre's IT (audited)."""

import pytest

from assessor_app.services.session import ServiceError


def test_a_forgotten_passcode_is_reset_and_the_reset_is_audited(session):
    session.passcode.set("kingfisher")
    with pytest.raises(ServiceError, match="not right"):
        session.passcode.clear("heron")
    session.passcode.reset()
    assert not session.passcode.is_set() and session.passcode.verify("")
    [event] = [e for e in session.audit_trail.events() if e.after == {"passcode": "reset without it"}]
    assert event.before == {"passcode": "set"} and event.table_name == "app_setting"
    with pytest.raises(ServiceError, match="no passcode is set"):
        session.passcode.reset()
