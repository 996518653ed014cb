"""Cold start of assessor-app to a shown main window, as a ratio to a bare PySide6 QMainWindow, same run."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import report, summarise  # noqa: E402

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.show(); app.processEvents()
"""

APP = """
import sys
from PySide6.QtWidgets import QApplication
from assessor_app.app import build_window
app = QApplication(sys.argv)
window, session = build_window(sys.argv[1]); window.show(); app.processEvents()
assert window.learners.model.rowCount() > 0
session.store.close()
"""


def one_run(code: str, *args: str) -> float:
    import time
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=os.environ)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as data:
        subprocess.run([sys.executable, "-m", "assessor_app", "--data-dir", data, "demo"], check=True,
                       stdout=subprocess.DEVNULL)
        one_run(BARE), one_run(APP, data)  # warm the file cache for both
        bare, app = [], []
        for _ in range(args.runs):  # interleaved, so drift on the machine hits both alike
            bare.append(one_run(BARE))
            app.append(one_run(APP, data))
    b, a = summarise(bare), summarise(app)
    report("startup", {"platform": os.environ["QT_QPA_PLATFORM"], "bare_qmainwindow": b, "assessor_app": a,
                       "ratio_median": round(a["median_s"] / b["median_s"], 2)})


if __name__ == "__main__":
    main()
