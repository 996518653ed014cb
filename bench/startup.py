"""Cold start of assessor-app on the demo data folder, to an interactive learner list and to every pane loaded, as
ratios to a bare PySide6 QMainWindow in the same run (interleaved subprocesses). Prints JSON."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import BARE_WINDOW, report, summarise, timed_start  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as data:
        subprocess.run([sys.executable, "-m", "assessor_app", "--data-dir", data, "demo"], check=True,
                       stdout=subprocess.DEVNULL)
        bare_command = [sys.executable, "-c", BARE_WINDOW]
        app_command = [sys.executable, "-c", "import sys; from assessor_app.app import main; sys.exit(main())",
                       "--data-dir", data, "--exit-when-shown", "--report-start"]
        timed_start(bare_command), timed_start(app_command)  # warm the file cache for both
        bare, interactive, loaded = [], [], []
        for _ in range(args.runs):  # interleaved, so drift on the machine hits both alike
            bare.append(timed_start(bare_command)["interactive"])
            moments = timed_start(app_command)
            interactive.append(moments["interactive"])
            loaded.append(moments["loaded"])
    b, i, done = summarise(bare), summarise(interactive), summarise(loaded)
    report("startup", {"platform": os.environ["QT_QPA_PLATFORM"], "bare_qmainwindow": b,
                       "interactive_learner_list": i, "every_pane_loaded": done,
                       "ratio_median": round(i["median_s"] / b["median_s"], 2),
                       "loaded_ratio_median": round(done["median_s"] / b["median_s"], 2)})


if __name__ == "__main__":
    main()
