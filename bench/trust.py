"""Trust benchmarks (issue 11): the quick check at open on 1,000 learners, and a backup/restore of the demo plus a
1 GB attachment (time, size, memory peak of the process). Prints JSON. Removes its gigabyte files when done."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import report, summarise, time_runs  # noqa: E402
from bench.records import build  # noqa: E402

from assessor_app.paths import DataFolder, shipped_dir  # noqa: E402
from assessor_app.services.opening import open_session  # noqa: E402
from assessor_app.store import database  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
MEASURED = """
import json, resource, sys, time
from pathlib import Path
from assessor_app.services import maintenance
started = time.perf_counter()
if sys.argv[1] == "backup":
    done = maintenance.backup(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    extra = {"files": done.files, "bytes": done.bytes}
else:
    done = maintenance.restore(Path(sys.argv[2]), Path(sys.argv[3]), attachments=Path(sys.argv[4]))
    extra = {"files": done.files}
print(json.dumps({"seconds": round(time.perf_counter() - started, 2),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), **extra}))
"""


def quick_check_figures(base: Path, learners: int) -> dict:
    folder = DataFolder(base / "records").ensure()
    build(folder, 500, learners)
    opened = open_session(folder.database, [shipped_dir("qualifications"), folder.qualifications], "bench")
    conn = opened.store.db.conn
    full = time_runs(lambda: database.quick_check(conn, folder.database, budget=3600), 5)
    opened.store.close()

    def open_for_writing():
        database.open_store(folder.database).close()

    return {"learners": learners, "database_bytes": folder.database.stat().st_size,
            "quick_check_whole": summarise(full), "budget_s": database.QUICK_CHECK_SECONDS,
            "open_for_writing_with_check": summarise(time_runs(open_for_writing, 10))}


def big_backup_figures(base: Path, size_mb: int) -> dict:
    folder = DataFolder(base / "demo").ensure()
    subprocess.run([sys.executable, "-m", "assessor_app", "--data-dir", str(folder.root), "demo"], check=True,
                   cwd=REPO, capture_output=True)
    video = base / "video.bin"
    block = os.urandom(1024 * 1024)
    with open(video, "wb") as out:  # 1 MB blocks: the benchmark itself must not hold the gigabyte either
        for _ in range(size_mb):
            out.write(block)
    session = open_session(folder.database, [shipped_dir("qualifications")], "bench")
    learner = session.roster.learners()[0]
    item, _ = session.evidence.add(learner.id, "product", "2026-03-01", title="a video of the whole task")
    started = time.perf_counter()
    session.attachments.attach(item.id, video)
    attach_s = time.perf_counter() - started
    session.store.close()
    video.unlink()
    target = base / "backup.zip"
    backup = _measured("backup", folder.database, target, folder.attachments)
    backup["zip_bytes"] = target.stat().st_size
    fresh = DataFolder(base / "restored").ensure()
    restore = _measured("restore", fresh.database, target, fresh.attachments)
    return {"attachment_mb": size_mb, "attach_s": round(attach_s, 2), "backup": backup, "restore": restore,
            "memory_target_mb": 200}


def _measured(action: str, *paths: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", MEASURED, action, *map(str, paths)], cwd=REPO, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--attachment-mb", type=int, default=1024)
    parser.add_argument("--data-dir", help="an empty folder to build in (default: a temporary folder); either way "
                        "everything built is removed afterwards, the gigabyte files above all")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="bench-trust-", dir=args.data_dir))
    try:
        report("trust", {"quick_check": quick_check_figures(base, args.learners),
                         "backup_with_large_attachment": big_backup_figures(base, args.attachment_mb)})
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
