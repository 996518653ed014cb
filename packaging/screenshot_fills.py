"""What each guide picture's screen is filled in with before it is grabbed, typed and drawn through its own widgets."""

from __future__ import annotations

import math
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLineEdit

# Key clicks, mouse strokes and button clicks, as a person makes them: nothing is written through the services
# behind a screen. Each fill function takes screenshots.Fill and returns (the widget to save, or None when it saved
# the picture itself; how to close the screen, or None for close()). Everyone here is made up: phone numbers are in
# Ofcom's drama range, email addresses at example.com.
PASSCODE = "lantern42"
DEMO_PIN = "40213"  # Helen Barker's PIN No in services/demo.py
LEARNER = {
    "name": "Priya Shah", "registration_no": "IMI-2026-0004", "address": ["14 Mill Lane", "Leeds LS6 2QT"],
    "tel": "0113 496 0721", "email": "priya.shah@example.com", "employer_contact": "Dev Patel, Store Manager",
    "employer_name_address": ["Northgate Home Store", "2 Market Street, Leeds LS1 6DT"],
    "employer_tel": "0113 496 0500",
}
MIS_EXPORT = ("Learner Name,Learner Registration No,Learner Email,Employer Name & Address\n"
              "Jordan Ellis,IMI-2026-0005,jordan.ellis@example.com,\"Northgate Home Store, Leeds\"\n"
              "Kerry Walsh,IMI-2026-0006,kerry.walsh@example,\"Northgate Home Store, Leeds\"\n")


# -- waiting and saving ------------------------------------------------------------------------------------------
def settle(app, milliseconds: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()
    app.processEvents()


def wait_for(app, condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        settle(app, 50)


def save(widget, path: Path) -> None:
    widget.grab().save(str(path), "PNG")


# -- typing, clicking and signing as a person would ----------------------------------------------------------------
def type_into(widget, text: str) -> None:
    """Key clicks into `widget`; a line break in a multi-line box is the Return key."""
    widget.setFocus()
    for number, line in enumerate(text.split("\n")):
        if number:
            QTest.keyClick(widget, Qt.Key.Key_Return)
        QTest.keyClicks(widget, line)


def press(widget, key: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        QTest.keyClick(widget, key)


def click(button: QAbstractButton) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def button(screen, text: str) -> QAbstractButton:
    return next(b for b in screen.findChildren(QAbstractButton) if b.text().replace("&", "") == text)


def sign(pad, seed: int = 0) -> None:
    """A signature in two strokes, a looped name and a flourish under it, drawn with the mouse."""
    width, height = pad.width(), pad.height()
    loops = 5 + seed

    def at(x: float, y: float) -> QPoint:
        return QPoint(int(x * width), int(y * height))

    name = [at(0.08 + 0.5 * t + 0.035 * math.cos(2 * math.pi * loops * t),
               0.5 - (0.22 - 0.1 * t) * math.sin(2 * math.pi * loops * t)) for t in (i / 120 for i in range(121))]
    flourish = [at(0.1 + 0.55 * t, 0.78 - 0.08 * t - 0.05 * math.sin(math.pi * t)) for t in (i / 30 for i in range(31))]
    for stroke in (name, flourish):
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, stroke[0])
        for point in stroke[1:]:
            QTest.mouseMove(pad, point)
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, stroke[-1])


def tick(tick_list, query: str, rows: list[int]) -> None:
    """Filter the tick list, go into it with Return, and tick the given rows (counted from the first AC) with Space."""
    type_into(tick_list.filter, query)
    press(tick_list.filter, Qt.Key.Key_Return)
    at = 0
    for row in rows:
        press(tick_list.view, Qt.Key.Key_Down, row - at)
        press(tick_list.view, Qt.Key.Key_Space)
        at = row


def line_edit_of(dialog) -> QLineEdit:
    return dialog.findChild(QLineEdit)


# -- the screens -------------------------------------------------------------------------------------------------
def fill_first_run(fill):
    dialog = fill.screen
    type_into(dialog.name, "Sam Whitfield")
    type_into(dialog.pin, "51877")
    sign(dialog.pad, 1)
    return dialog, None


def fill_find_learner(fill):
    """Find learner puts the cursor in the search box: "obrien" finds Zoë Ó'Brien-Łukasiewicz, accents and all."""
    learners = fill.window.learners
    before = learners.current_learner_id()
    type_into(learners.filter, "obrien")

    def close():  # the next pictures are of the learner chosen before
        learners.filter.clear()
        learners.select(before)

    return fill.window, close


def fill_new_learner(fill):
    form = fill.screen
    for name, value in LEARNER.items():
        type_into(form.fields[name], "\n".join(value) if isinstance(value, list) else value)
    for person in ("Dev Patel (Witness)", "Marcus Reid (Internal verifier)"):
        form.existing.setCurrentIndex(form.existing.findText(person))
        click(button(form, "Add existing"))
    form.fields["name"].setFocus()
    return form, None


def fill_import(fill):
    (Path.home() / "Documents" / "mis-export.csv").write_text(MIS_EXPORT, encoding="utf-8")
    dialog = fill.screen
    type_into(dialog.path, "~/Documents/mis-export.csv")  # the made-up home folder the script gives the app
    click(dialog.import_button)
    wait_for(fill.app, lambda: dialog.report is not None)
    dialog.path.setCursorPosition(len(dialog.path.text()))
    return dialog, None


def fill_unit_page(fill):
    window = fill.window
    session = window.session
    learner = next(iter(session.roster.learners()))
    registration = next(iter(session.roster.registrations(learner.id)))
    window.go_to(learner.id, registration.chosen_units[0])
    window.tabs.setCurrentWidget(window.criteria)
    page = window.criteria
    guided = {criterion.number for criterion in page.record.unit.criteria if criterion.guidance}
    row = next(r for r, criterion in enumerate(page.record.rows) if criterion.number in guided)
    page.view.scrollTo(page.model.index(row, 1))
    QTest.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     page.view.visualRect(page.model.index(row, 1)).center())
    return window, None


def fill_observation(fill):
    window = fill.screen
    type_into(window.location, "Shop floor, customer service desk")
    press(window.location, Qt.Key.Key_Return)
    type_into(window.activity, "Handling a customer's refund at the service desk")
    press(window.activity, Qt.Key.Key_Return)
    tick(window.ticks, "CS 9", [0, 1, 3])
    for note in ("Greets the customer by name and asks to see the receipt",
                 "Explains the refund policy clearly; offers an exchange first"):
        type_into(window.note_entry, note)
        press(window.note_entry, Qt.Key.Key_Return)
    type_into(window.question_entry, "What would you do if the customer had no receipt?")
    press(window.question_entry, Qt.Key.Key_Return)
    type_into(window.answer_entry, "Offer a credit note and ask the duty manager to authorise it")
    press(window.answer_entry, Qt.Key.Key_Return)
    window.ticks.view.setFocus()
    return window, None  # close() is Leave for now: the observation stays open, as after a real visit


def fill_witness_testimony(fill):
    form = fill.screen
    type_into(form.title, "Dealing with complaints at the service desk")
    type_into(form.witness_name, "Sandra Okafor")
    type_into(form.witness_job, "Duty Manager")
    type_into(form.witness_relationship, "Line manager")
    type_into(form.narrative, "I have worked with Amelia for eight months. On Saturdays she runs the service desk "
                              "on her own. She listens to the customer, apologises, checks what they want and "
                              "explains what we can offer.\nWhen a customer asked for a refund outside the "
                              "policy she called me over rather than refusing outright.")
    tick(form.ticks, "CS 9", [4, 5])
    sign(form.witness_pad.pad, 2)
    return form, None


def fill_discussion(fill):
    form = fill.screen
    type_into(form.title, "Complaints and the refund policy")
    form.duration.lineEdit().selectAll()
    type_into(form.duration.lineEdit(), "25")
    type_into(form.location, "Staff room")
    type_into(form.topics, "Handling complaints; the refund policy; data protection at the till")
    type_into(form.narrative, "Amelia described three complaints from the last month and how each was put "
                              "right, and explained when a refund needs a manager.")
    tick(form.ticks, "CS 9", [6])
    return form, None


def fill_add_evidence(fill):
    form = fill.screen
    form.kind.setCurrentIndex(form.kind.findText("Workplace document held on site"))
    type_into(form.title, "Customer feedback log, weeks 44-46")
    type_into(form.document_location, "Service desk, blue folder on the top shelf")
    type_into(form.document_relevance, "Amelia records each complaint and the follow-up call she made")
    type_into(form.narrative, "Seen on site and checked with the duty manager; 14 entries in Amelia's hand.")
    tick(form.ticks, "CS 9", [8])
    return form, None


def fill_attach_files(fill):
    """The file dialog is given a photo's path and opened; the picture is the evidence with the photo attached."""
    photo = receipt_photo(fill.scratch)
    chooser = fill.screen
    name = chooser.findChild(QLineEdit, "fileNameEdit") or line_edit_of(chooser)
    type_into(name, str(photo))

    def grab_editor():
        editor = next(w for w in fill.app.topLevelWidgets() if w.isVisible() and type(w).__name__ == "EvidenceEditor")
        wait_for(fill.app, lambda: editor.attachments.list.count() and "(on saving)" not in
                 editor.attachments.list.item(editor.attachments.list.count() - 1).text())
        settle(fill.app)
        save(editor, fill.picture)
        editor.close()

    fill.later.append(grab_editor)
    return None, chooser.accept


def fill_comment(fill):
    log = fill.screen
    click(log.new_button)
    for row in range(max(log.refs.count() - 2, 0), log.refs.count()):
        log.refs.item(row).setCheckState(Qt.CheckState.Checked)
    type_into(log.text, "Amelia handled the refund calmly and within the policy, and checked the customer was "
                        "happy before ending. Well done on offering an exchange first.\nNext visit: CS 9 "
                        "outcome 2, and a witness testimony from Sandra for the Saturday desk.")
    return log, None


def fill_sign_off(fill):
    dialog = fill.screen
    type_into(dialog.pin, DEMO_PIN)
    return dialog, None


def fill_reopen(fill):
    dialog = fill.screen
    type_into(dialog.reason, "IV referred back: 1.4 needs a second piece of evidence")
    return dialog, None


def fill_iv_sample(fill):
    dialog = fill.screen
    click(dialog.decision_buttons["agreed"])
    type_into(dialog.feedback, "Evidence is valid and sufficient; the witness testimony is signed and dated. "
                               "Good use of questioning to confirm knowledge.")
    sign(dialog.pad, 3)
    return dialog, None


def fill_set_passcode(fill):
    """New passcode, the same again, and the message that it is set: the first prompt is the picture."""
    app, prompt = fill.app, fill.screen
    type_into(line_edit_of(prompt), PASSCODE)

    def again():
        second = app.activeModalWidget()
        type_into(line_edit_of(second), PASSCODE)
        QTimer.singleShot(300, lambda: app.activeModalWidget() and app.activeModalWidget().close())
        second.accept()

    def close():
        QTimer.singleShot(300, again)
        prompt.accept()

    return prompt, close


def fill_unlock(fill):
    """What the app asks at start once a passcode is set (assessor_app.app calls the same unlock())."""
    from assessor_app.gui.passcode import unlock

    app = fill.app

    def type_and_grab():
        prompt = app.activeModalWidget()
        type_into(line_edit_of(prompt), PASSCODE)
        settle(app)
        save(prompt, fill.picture)
        prompt.accept()

    QTimer.singleShot(600, type_and_grab)
    if not unlock(fill.window.session):
        raise RuntimeError("the passcode set for the pictures did not unlock")
    return None, None


def receipt_photo(folder):
    """A photo of a refund receipt, drawn here (the guide's pictures use no outside artwork)."""
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("#8a7f72"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(400, 300)
    painter.rotate(-6)
    painter.fillRect(-170, -260, 340, 520, QColor("#fbfaf5"))
    painter.setPen(QColor("#2b2b2b"))
    painter.setFont(QFont("DejaVu Sans Mono", 15, QFont.Weight.Bold))
    painter.drawText(-150, -215, "NORTHGATE HOME STORE")
    painter.setFont(QFont("DejaVu Sans Mono", 13))
    for number, line in enumerate(("2 Market Street, Leeds", "", "REFUND", "Table lamp      24.99", "",
                                   "Total refunded  24.99", "To card ending 4417", "", "Served by: Amelia",
                                   "Authorised: S. Okafor")):
        painter.drawText(-150, -170 + 30 * number, line)
    painter.end()
    path = folder / "refund-receipt.jpg"
    if not image.save(str(path), "JPG", 85):
        path = path.with_suffix(".png")
        image.save(str(path), "PNG")
    return path
