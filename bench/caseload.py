"""Caseload window benchmarks (issue 8), on the 1,000-learner database of bench/records.py: start-up to an
interactive learner list as a ratio to a bare PySide6 window (same run, interleaved subprocesses), filtering the
list per keystroke, and opening a learner's overview. Prints JSON."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import BARE_WINDOW, report, summarise, timed_start  # noqa: E402
from bench.records import build  # noqa: E402

# The app as a user starts it (its GUI entry point), printing when the learner list is drawn and answers keys and
# when every pane is there; it then quits. Also prints the longest the event loop was held between the two (a key
# pressed then waits at most that long), and how often the list's model was asked for a cell while starting. Qt is
# imported only where the app imports it: loaded before main(), it would keep the list's read from forking.
APP = """
import sys
import time
from assessor_app import app

calls, ticks, beat = [0], [], []
report, start = app._report, app._start


def started(*args):  # main() has forked the list's reader by now: Qt loaded earlier would have kept it in place
    from PySide6.QtCore import QTimer
    from assessor_app.gui.models import caseload_model

    original = caseload_model.CaseloadTableModel.cell

    def counted(self, *cell_args):
        calls[0] += 1
        return original(self, *cell_args)

    caseload_model.CaseloadTableModel.cell = counted
    beat.append(QTimer())
    beat[0].setInterval(1)
    beat[0].timeout.connect(lambda: ticks.append(time.perf_counter()))
    return start(*args)


def reported(args, moment):
    report(args, moment)
    if moment == "interactive":  # from here on the list is in use: how long does the loading hold keys up?
        ticks.append(time.perf_counter())
        beat[0].start()
    else:
        beat[0].stop()
        ticks.append(time.perf_counter())
        print("stall", max(b - a for a, b in zip(ticks, ticks[1:])))


app._start, app._report = started, reported
code = app.main(["--data-dir", sys.argv[1], "--exit-when-shown", "--report-start"])
print("cells", calls[0])
sys.exit(code)
"""


def startup(data_dir: Path, runs: int) -> dict:
    import compileall
    import subprocess

    # As an installed wheel is: byte-compiled (pip does it at install; PYTHONDONTWRITEBYTECODE would otherwise
    # make every start compile the app's 100-odd modules again). Written under __pycache__, ignored by git.
    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "assessor_app"), quiet=1)
    bare_command = [sys.executable, "-c", BARE_WINDOW]
    app_command = [sys.executable, "-c", APP, str(data_dir)]
    timed_start(bare_command), timed_start(app_command)  # warm the file cache for both
    bare, interactive, loaded, stalls = [], [], [], []
    for _ in range(runs):  # interleaved, so drift on the machine hits both alike
        bare.append(timed_start(bare_command)["interactive"])
        moments = timed_start(app_command)
        interactive.append(moments["interactive"])
        loaded.append(moments["loaded"])
    for _ in range(runs):
        printed = subprocess.run(app_command, check=True, capture_output=True, text=True).stdout.split()
        stalls.append(float(printed[printed.index("stall") + 1]))
    cells = printed[printed.index("cells") + 1]
    b, i, done = summarise(bare), summarise(interactive), summarise(loaded)
    return {"bare_qmainwindow": b, "interactive_learner_list": i, "every_pane_loaded": done,
            "ratio_median": round(i["median_s"] / b["median_s"], 2), "target_ratio": 1.5,
            "loaded_ratio_median": round(done["median_s"] / b["median_s"], 2),
            "longest_event_loop_hold_while_loading": summarise(stalls),
            "model_cell_calls_at_start": int(cells)}


def in_window(data_dir: Path, runs: int) -> dict:
    from PySide6.QtWidgets import QApplication

    from assessor_app.app import build_window

    app = QApplication.instance() or QApplication([])
    window, session = build_window(data_dir)
    window.show()
    app.processEvents()
    panel = window.learners
    keystrokes, pauses = [], []
    for _ in range(runs):
        for word in ("learner 0", "bench-05", "hertford", "wiś"):
            panel.filter.clear()
            app.processEvents()
            for end in range(1, len(word) + 1):
                start = time.perf_counter()
                panel.filter.setText(word[:end])
                app.processEvents()  # the view repaints the filtered rows
                keystrokes.append(time.perf_counter() - start)
            start = time.perf_counter()
            if panel.tell_selection():  # what its timer does once the typing pauses: the learner's panes load
                app.processEvents()
                pauses.append(time.perf_counter() - start)
    panel.filter.clear()
    app.processEvents()
    learner_ids = [panel.model.learner_id_at(r) for r in range(0, panel.model.rowCount(), 97)][:runs]
    window.show_overview()
    app.processEvents()
    opens = []
    for learner_id in learner_ids:
        start = time.perf_counter()
        panel.select(learner_id)  # the unit list, the unit page and the overview, all for the new learner
        app.processEvents()
        opens.append(time.perf_counter() - start)
        assert window.overview.overview.learner.id == learner_id
    rows = panel.model.rowCount()
    window.close()
    session.store.close()
    # Deleted here, while Qt still runs, not by the interpreter's last garbage collection at exit.
    window.deleteLater()
    app.processEvents()
    return {"learners": rows,
            "filter_keystroke": {**summarise(keystrokes), "target_s": 0.050,
                                 "note": "setText on the filter + one event-loop pass (repaint), 1,000 learners; "
                                         "a learner the filter selects is told once the typing pauses"},
            "panes_once_typing_pauses": {**summarise(pauses),
                                         "note": "the learner the typing ended on: unit list, unit page"},
            "open_overview": {**summarise(opens), "target_s": 0.100,
                              "note": "select a learner with the overview showing: unit list, unit page, overview"}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--items", type=int, default=500)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from assessor_app.paths import DataFolder

    with tempfile.TemporaryDirectory(prefix="bench-caseload-") as base:
        folder = DataFolder(Path(base) / "data").ensure()
        build(folder, args.items, args.learners)
        report("caseload", {"platform": os.environ["QT_QPA_PLATFORM"], "startup": startup(folder.root, args.runs),
                            **in_window(folder.root, args.runs)})


if __name__ == "__main__":
    main()
