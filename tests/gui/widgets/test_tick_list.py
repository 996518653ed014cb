"""The tick list's filter: Enter goes into the list on the first AC found, and never presses the dialog's Save."""

from PySide6.QtCore import Qt

from assessor_app.gui.evidence_form import EvidenceForm
from assessor_app.gui.widgets.tick_list import KEY_ROLE
from tests.gui.helpers import open_screen


def test_enter_in_the_filter_of_an_evidence_form_goes_to_the_first_ac_and_does_not_save(qtbot, demo_dir):
    window, session, form = open_screen(qtbot, demo_dir, "Amelia Hart", "action_witness_testimony", EvidenceForm)
    form.witness_name.setText("Sandra Okafor")
    form.narrative.setPlainText("Amelia runs the service desk on Saturdays.")  # a form Save would accept
    before = len(session.evidence.register(form.learner_id))
    qtbot.keyClicks(form.ticks.filter, "CS 9")
    qtbot.keyClick(form.ticks.filter, Qt.Key.Key_Return)
    assert form.isVisible() and len(session.evidence.register(form.learner_id)) == before
    assert form.ticks.current_key() is not None  # on the first AC found (focus needs a real screen)
    assert form.ticks.view.currentIndex().data(KEY_ROLE) == form.ticks.current_key()
    session.store.close()
