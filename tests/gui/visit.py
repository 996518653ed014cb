"""What the visit-screen tests share: a demo data folder, the window over it, and mouse strokes on a pad."""

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from assessor_app.app import build_window
from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services.demo import populate
from assessor_app.services.opening import open_session


def make_demo(data_dir):
    folder = DataFolder(data_dir).ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    populate(session)
    session.store.close()
    return data_dir


def open_window(qtbot, data_dir, **kwargs):
    window, session = build_window(data_dir, **kwargs)
    qtbot.addWidget(window)
    window.show()
    return window, session


def learner_named(session, name):
    return next(learner for learner in session.roster.learners() if learner.name == name)


def select_learner(window, learner_id):
    window.learners.select(learner_id)


def _mouse(canvas, kind, point, buttons):
    event = QMouseEvent(kind, QPointF(point), QPointF(canvas.mapToGlobal(point)), Qt.MouseButton.LeftButton,
                        buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas, event)


def draw_signature(canvas):
    """A stroke across the pad as a person draws it: press, moves with the button held, release."""
    held, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _mouse(canvas, QEvent.Type.MouseButtonPress, QPoint(20, 60), held)
    for x in range(30, 300, 15):
        _mouse(canvas, QEvent.Type.MouseMove, QPoint(x, 40 + (x // 15 % 3) * 15), held)
    _mouse(canvas, QEvent.Type.MouseButtonRelease, QPoint(300, 50), none)
