"""Killed in the middle of an observation (SIGKILL to the real app process, after ticks, notes and a question),
the app opens again with the observation resumable and nothing lost."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from assessor_app.domain.evidence import OPEN
from assessor_app.gui.observation import ObservationWindow
from tests.gui.helpers import open_screen, open_window

REPO = Path(__file__).resolve().parents[2]


def test_killed_mid_observation_resumes_with_nothing_lost(qtbot, demo_dir):
    process = subprocess.Popen([sys.executable, "-m", "tests.gui.observation_crash_app", str(demo_dir)], cwd=REPO,
                               stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"})
    try:
        line = process.stdout.readline().split()
        assert line and line[0] == "READY", "the app died before the observation was under way"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL
    evidence_id, ticked = line[1], {tuple(pair.split("|")) for pair in line[2:]}
    assert len(ticked) == 3

    window, session = open_window(qtbot, demo_dir)
    assert "1 observation(s) left open" in window.statusBar().currentMessage()
    window.close()
    session.store.close()
    window, session, screen = open_screen(qtbot, demo_dir, "Tomasz Wiśniewski", "action_start_observation",
                                          ObservationWindow)
    assert screen.item.id == evidence_id and screen.item.status == OPEN, "a new observation instead of the open one"
    assert screen.ticks.ticked() == ticked
    assert [n.text for n in screen.item.notes] == ["Greets the customer", "Checks the stock"]
    assert [(q.question, q.answer) for q in screen.item.questions] == [("Why check stock?", "To keep promises")]
    assert screen.notes.count() == 2 and screen.questions.rowCount() == 1
    session.store.close()
