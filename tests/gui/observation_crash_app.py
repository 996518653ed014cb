"""The app in a process of its own, mid-observation, for the kill test: `python -m tests.gui.observation_crash_app DIR`.

Opens the real window on DIR, starts an observation for Tomasz with Ctrl+O's action, ticks three ACs with Space,
types two notes and a question with Enter, prints "READY <evidence id>" and runs the event loop until killed."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from assessor_app.app import build_window  # noqa: E402


def main(data_dir: str) -> None:
    app = QApplication([])
    window, session = build_window(data_dir)
    window.show()
    tomasz = next(learner for learner in session.roster.learners() if learner.name.startswith("Tomasz"))
    window.learners.select(tomasz.id)
    window.findChild(QAction, "action_start_observation").trigger()
    screen = window.dialog
    ticks = screen.ticks
    QTest.keyClicks(ticks.filter, "CS 7")
    QTest.keyClick(ticks.filter, Qt.Key.Key_Down)
    for _ in range(3):
        QTest.keyClick(ticks.view, Qt.Key.Key_Space)
        QTest.keyClick(ticks.view, Qt.Key.Key_Down)
    for note in ("Greets the customer", "Checks the stock"):
        QTest.keyClicks(screen.note_entry, note)
        QTest.keyClick(screen.note_entry, Qt.Key.Key_Return)
    QTest.keyClicks(screen.question_entry, "Why check stock?")
    QTest.keyClick(screen.question_entry, Qt.Key.Key_Return)
    QTest.keyClicks(screen.answer_entry, "To keep promises")
    QTest.keyClick(screen.answer_entry, Qt.Key.Key_Return)
    os.write(1, f"READY {screen.item.id} {' '.join(f'{u}|{n}' for u, n in sorted(ticks.ticked()))}\n".encode())
    app.exec()  # the observation is still open on screen when the kill comes


if __name__ == "__main__":
    main(sys.argv[1])
