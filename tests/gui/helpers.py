"""Driving the window as a person would: open it, type (accents too), draw a signature, trigger an action."""

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QApplication

from assessor_app.app import build_window
from assessor_app.gui.criteria_model import CHECK_COLUMN


def open_window(qtbot, data_dir, **kwargs):
    window, session = build_window(data_dir, **kwargs)
    qtbot.addWidget(window)
    window.show()
    return window, session


def type_text(qtbot, widget, text):
    """Type as a keyboard would, letters beyond ASCII too (QTest's keyClicks only knows ASCII)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def draw_signature(qtbot, pad):
    pad.show()
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 90))
    for step in range(1, 14):
        qtbot.mouseMove(pad, QPoint(20 + step * 25, 40 if step % 2 else 95))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(350, 60))
    assert not pad.is_empty()


def opened(qtbot, window, kind):
    qtbot.waitUntil(lambda: isinstance(window.dialog, kind) and window.dialog.isVisible(), timeout=5000)
    return window.dialog


def trigger(window, name):
    action = window.findChild(QAction, name)
    assert action is not None and action.isEnabled(), f"{name} is not available"
    action.trigger()


def select_learner(window, name):
    model = window.learners.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).name == name)
    window.learners.select(model.learner_id_at(row))


def select_unit(qtbot, window, urn):
    view, model = window.units.view, window.units.model
    row = model.row_of(urn)
    view.scrollTo(model.index(row, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(row, 2)).center())
    assert window.criteria.unit_urn == urn


def click_tick(qtbot, window, row):
    view = window.criteria.view
    index = window.criteria.model.index(row, CHECK_COLUMN)
    view.scrollTo(index)
    rect = view.visualRect(index)
    # The check box sits at the left of the cell; click where a person would.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.topLeft() + rect.center() * 0 +
                     type(rect.topLeft())(10, rect.height() // 2))


def open_screen(qtbot, data_dir, learner_name, action_name, kind):
    """The window over `data_dir` with a learner selected and one of its screens opened by its action."""
    window, session = open_window(qtbot, data_dir)
    select_learner(window, learner_name)
    trigger(window, action_name)
    assert isinstance(window.dialog, kind), f"{action_name} opened {window.dialog!r}"
    return window, session, window.dialog
