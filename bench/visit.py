"""Visit screen benchmarks (issue 9), in the real window offscreen: GUI-thread time of a Space tick in observation
mode with all 39 IMI units chosen; the tick list's filter per keystroke; and the longest event-loop stall while a
500 MB file is attached (a 5 ms QTimer heartbeat measures the gaps). Prints JSON."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.harness import percentile, report  # noqa: E402

IMI = "601/3456/2"


def ms(values: list[float]) -> dict:
    return {"runs": len(values), "median_ms": round(sorted(values)[len(values) // 2] * 1000, 2),
            "p99_ms": round(percentile(values, 0.99) * 1000, 2), "max_ms": round(max(values) * 1000, 2)}


def prepare(data_dir: Path) -> None:
    from assessor_app.paths import DataFolder, shipped_dir
    from assessor_app.services.demo import populate
    from assessor_app.services.opening import open_session

    folder = DataFolder(data_dir).ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    populate(session)
    learner, _ = session.roster.add("Bench Learner", "BENCH-1")
    session.roster.register(learner.id, IMI)  # every unit of the qualification chosen
    session.store.close()


def bench_ticks(window, learner_id: str, ticks: int) -> tuple[dict, int]:
    from assessor_app.gui.observation import open_observation

    screen = open_observation(window.context, learner_id)
    units = screen._session.observations.tick_sheet(learner_id).units
    keys = [(u.urn, c.number) for u in units for c in u.criteria]
    samples = []
    for key in keys[:ticks]:
        screen.ticks.select(*key)
        QApplication.processEvents()
        start = time.perf_counter()
        QTest.keyClick(screen.ticks.view, Qt.Key.Key_Space)  # the tick, its write and every refresh it causes
        samples.append(time.perf_counter() - start)
        assert key in screen.ticks.ticked()
    start = time.perf_counter()
    screen.announce_pending()  # the other panels refresh once after the burst
    refresh = time.perf_counter() - start
    screen.close()
    return {**ms(samples), "refresh_after_burst_ms": round(refresh * 1000, 1)}, {
        "units": len(units), "criteria": len(keys), "rows": screen.ticks.model.rowCount()}


def bench_filter(window, learner_id: str) -> dict:
    from assessor_app.gui.observation import open_observation

    screen = open_observation(window.context, learner_id)
    samples = []
    for query in ("customer service", "CS 7", "2.3", "health and safety", "Unit 2"):
        for char in query:
            start = time.perf_counter()
            QTest.keyClick(screen.ticks.filter, char)
            samples.append(time.perf_counter() - start)
        for _ in query:
            start = time.perf_counter()
            QTest.keyClick(screen.ticks.filter, Qt.Key.Key_Backspace)
            samples.append(time.perf_counter() - start)
    screen.close()
    return ms(samples)


def bench_attach(window, learner_id: str, size_mb: int, folder: Path) -> dict:
    from assessor_app.gui.widgets.thumbnails import AttachmentStrip

    session = window.session
    item, _ = session.evidence.add(learner_id, "professional_discussion", "2026-03-02", title="Recorded discussion")
    source = folder / "discussion.m4a"
    with open(source, "wb") as out:
        block = os.urandom(1024 * 1024)
        for _ in range(size_mb):
            out.write(block)
    strip = AttachmentStrip(window.context, item.id)
    strip.show()
    gaps: list[float] = []
    clock = QElapsedTimer()
    heartbeat = QTimer()
    heartbeat.setInterval(5)

    def beat() -> None:
        gaps.append(clock.restart() / 1000)

    heartbeat.timeout.connect(beat)
    app = QApplication.instance()
    clock.start()
    heartbeat.start()
    started = time.perf_counter()
    strip.add_files([source])
    while strip.task is not None:
        app.processEvents()
        time.sleep(0.001)
    took = time.perf_counter() - started
    heartbeat.stop()
    attached = session.evidence.item(item.id).attachments
    assert [a.size for a in attached] == [size_mb * 1024 * 1024], attached
    stalls = [g for g in gaps[1:]]
    return {"file_mb": size_mb, "copy_s": round(took, 2), "heartbeats": len(stalls),
            "longest_gap_ms": round(max(stalls) * 1000, 1), "p99_gap_ms": round(percentile(stalls, 0.99) * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ticks", type=int, default=200)
    parser.add_argument("--attach-mb", type=int, default=500)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from assessor_app.app import build_window

    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        prepare(data_dir)
        window, session = build_window(data_dir)
        window.show()
        app.processEvents()
        learner = session.roster.find("BENCH-1")
        window.learners.select(learner.id)
        app.processEvents()
        tick, units = bench_ticks(window, learner.id, args.ticks)
        session.observations.discard(session.observations.open_for(learner.id).id)
        result = {"tick_list": units, "tick_in_observation_mode": tick,
                  "filter_per_keystroke": bench_filter(window, learner.id)}
        session.observations.discard(session.observations.open_for(learner.id).id)
        if args.attach_mb:
            result["attach"] = bench_attach(window, learner.id, args.attach_mb, Path(folder))
        window.close()
        session.store.close()
    report("visit", result)
    sys.stdout.flush()
    os._exit(0)  # skip PySide's interpreter teardown, which can crash after the event loop objects are gone


if __name__ == "__main__":
    main()
