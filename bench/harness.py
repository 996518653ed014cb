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
