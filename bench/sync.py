"""Sync benchmarks (issue 10): the first sync of bench/records.py's 1,000-learner database into an empty folder, its
import on a second laptop (change records per second), an incremental sync with 100 new changes among 30 devices'
bundles, and a sync with nothing new. Prints JSON."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import report, summarise, time_runs  # noqa: E402
from bench.records import build  # noqa: E402

from assessor_app.paths import DataFolder, shipped_dir  # noqa: E402
from assessor_app.services.opening import open_session  # noqa: E402

PASSPHRASE = "bench centre passphrase"


def _session(folder: DataFolder, device: str):
    folder.ensure()
    return open_session(folder.database, [shipped_dir("qualifications"), folder.qualifications], device)


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def run(args, base: Path) -> None:
    stick = base / "stick"
    stick.mkdir()
    office_folder = DataFolder(base / "office")
    office_folder.ensure()
    build(office_folder, args.items, args.learners)
    office = _session(office_folder, "office")
    (first, _), first_s = _timed(lambda: office.sync.sync(stick, PASSPHRASE))
    folder_bytes = sum(p.stat().st_size for p in stick.rglob("*") if p.is_file())
    laptop_folder = DataFolder(base / "laptop")
    (laptop_folder.qualifications).mkdir(parents=True, exist_ok=True)
    (laptop_folder.qualifications / "bench.json").write_bytes((office_folder.qualifications / "bench.json").read_bytes())
    laptop = _session(laptop_folder, "laptop")
    (imported, _), import_s = _timed(lambda: laptop.sync.sync(stick, PASSPHRASE))
    # 28 more devices, each with a few learners of its own, so the folder holds 30 devices' bundles.
    others = []
    for n in range(args.devices - 2):
        device = _session(DataFolder(base / f"device-{n:02d}"), f"device-{n:02d}")
        device.roster.add(f"Device {n} learner", f"DEV-{n:02d}-1")
        device.sync.sync(stick, PASSPHRASE)
        others.append(device)
    laptop.sync.sync(stick, PASSPHRASE)
    # 100 new change records among them: learner edits spread over the devices.
    made = 0
    while made < args.incremental:
        for device in others:
            if made >= args.incremental:
                break
            learner = device.roster.learners()[0]
            before = device.sync.pending()
            device.roster.update(learner.id, address=f"{made} Incremental Road")
            made += device.sync.pending() - before
    for device in others:
        device.sync.sync(stick, PASSPHRASE)
    (incremental, _), incremental_s = _timed(lambda: laptop.sync.sync(stick, PASSPHRASE))
    nothing = time_runs(lambda: laptop.sync.sync(stick, PASSPHRASE), args.runs)
    learners = laptop.store.db.execute("SELECT count(*) FROM learner").fetchone()[0]
    for session in [office, laptop, *others]:
        session.store.close()
    report("sync", {
        "database": {"learners": learners, "change_records": first.sent_changes, "bundles": len(first.sent_bundles),
                     "folder_bytes": folder_bytes},
        "first_sync_into_empty_folder": {"seconds": round(first_s, 2), "changes": first.sent_changes,
                                         "note": "stamps the initial change set, rebuilds history, seals bundles"},
        "first_import_on_a_new_laptop": {"seconds": round(import_s, 2), "changes": imported.received_changes,
                                         "changes_per_second": round(imported.received_changes / import_s)},
        "incremental_among_30_devices": {"seconds": round(incremental_s, 3), "changes": incremental.received_changes,
                                         "bundles": incremental.received_bundles, "devices": args.devices},
        "nothing_new": {**summarise(nothing), "target_s": 0.5,
                        "note": "includes the one Argon2id unwrap of the folder key per sync"},
    })


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--devices", type=int, default=30)
    parser.add_argument("--incremental", type=int, default=100)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as base:
        run(args, Path(base))


if __name__ == "__main__":
    main()
