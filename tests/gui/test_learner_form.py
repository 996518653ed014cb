"""Editing a learner's CONTACT SHEET fields and contact-sheet people; a refused change is explained in the form."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout

from assessor_app.domain.records import CONTACT_SHEET_FIELDS
from assessor_app.gui.learner_form import LearnerForm
from tests.gui.helpers import open_window, opened, select_learner, trigger


def test_every_contact_sheet_field_is_on_the_form_and_edits_are_stored(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    select_learner(window, "Amelia Hart")
    trigger(window, "action_edit_learner")
    form = opened(qtbot, window, LearnerForm)
    assert [name for name, _ in CONTACT_SHEET_FIELDS] == list(form.fields)
    assert form.value("name") == "Amelia Hart"
    form.fields["email"].clear()
    qtbot.keyClicks(form.fields["email"], "not an address")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "not an email address" in form.problem.text() and form.isVisible()
    form.fields["email"].clear()
    qtbot.keyClicks(form.fields["email"], "amelia.hart@example.org")
    form.existing.setCurrentIndex(form.existing.findText("Marcus Reid (Internal verifier)"))
    add_existing = next(b for b in form.findChildren(type(form.save_button)) if "existing" in b.text())
    qtbot.mouseClick(add_existing, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    learner = session.roster.find("Amelia Hart")
    assert learner.email == "amelia.hart@example.org"
    assert "Marcus Reid" in [p.name for p in session.people.contacts(learner.id)]
    session.store.close()


def test_an_ampersand_in_a_field_label_is_shown_as_written(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    trigger(window, "action_new_learner")
    form = opened(qtbot, window, LearnerForm)
    editor = form.fields["employer_name_address"]
    label = next(layout.labelForField(editor) for layout in form.findChildren(QFormLayout) if layout.labelForField(editor))
    # A single "&" makes the following space a mnemonic: drawn as "Employer Name _Address"
    assert label.text() == "Employer Name && Address:"
    session.store.close()
