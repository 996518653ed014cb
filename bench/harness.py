"""Tiny benchmark harness: time repeated runs, summarise as median/p99, print JSON."""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summarise(samples: list[float]) -> dict:
    return {"runs": len(samples), "median_s": round(statistics.median(samples), 4),
            "p99_s": round(percentile(samples, 0.99), 4), "min_s": round(min(samples), 4)}


def time_runs(fn: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def report(name: str, result: dict) -> None:
    json.dump({"benchmark": name, **result}, sys.stdout, indent=2)
    print()


# A bare PySide6 window, the reference every start-up figure is a ratio to: it prints when it has been drawn once.
BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.show(); app.processEvents()
import time; print("interactive", time.time()); print("loaded", time.time())
"""


def timed_start(command: list[str], env: dict | None = None) -> dict[str, float]:
    """Seconds from launching `command` to each moment it prints as "MOMENT EPOCH" (the app with --report-start:
    "interactive", the learner list drawn and answering keys; "loaded", every pane there), and to its exit."""
    import subprocess

    start = time.time()
    done = subprocess.run(command, check=True, env=env, capture_output=True, text=True)
    ended = time.time() - start
    words = [line.split() for line in done.stdout.splitlines()]
    moments = {w[0]: float(w[1]) - start for w in words if len(w) == 2 and w[0] in ("interactive", "loaded")}
    return {**moments, "process": ended}
