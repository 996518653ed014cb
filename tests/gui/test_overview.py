"""The learner's overview: units and groups against the rules, what is missing, what waits for sign-off or IV."""

from tests.gui.helpers import open_window, select_learner


def test_overview_shows_missing_acs_credits_and_what_waits(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")
    window.show_overview()
    text = window.overview.text.toPlainText()
    [registration] = session.caseload.overview(window.learners.current_learner_id()).registrations
    assert f"Credits achieved: {registration.credits_achieved} of 45 required" in text
    for group in registration.groups:
        assert group.name in text
    unit = next(u for u in registration.units if u.missing)
    assert unit.ref in text and unit.missing[0] in text
    signed = next(u for u in registration.units if u.signed_on)
    assert signed.state in text
    session.store.close()


def test_a_hidden_overview_waits_until_it_is_shown(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Tomasz Wiśniewski")
    assert window.tabs.currentWidget() is window.criteria and window.overview.overview is None
    window.show_overview()
    assert window.overview.overview.learner.name == "Tomasz Wiśniewski"
    session.store.close()
