"""Every control of the visit screens can be named by a screen reader (the same check as the window's)."""

from assessor_app.gui.comments_log import open_comments
from assessor_app.gui.evidence_form import open_evidence_form
from assessor_app.gui.evidence_register import open_register
from assessor_app.gui.observation import open_observation
from assessor_app.gui.professional_discussion import open_professional_discussion
from assessor_app.gui.witness_testimony import open_witness_testimony
from tests.gui.helpers import open_window
from tests.gui.test_accessibility import unnamed


def test_visit_screens_name_every_control(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    learner_id = next(learner.id for learner in session.roster.learners() if learner.name == "Amelia Hart")
    missing = []
    for opener in (open_observation, open_witness_testimony, open_professional_discussion, open_evidence_form,
                   open_register, open_comments):
        screen = opener(window.context, learner_id)
        # the editor inside a spin box or time field: the outer control carries the name
        missing += [m for m in unnamed(screen) if "qt_spinbox_lineedit" not in m]
        screen.close()
    assert missing == [], "\n".join(missing)
    session.store.close()
