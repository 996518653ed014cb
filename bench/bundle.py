"""Size and start-up of the packaged app against a bare PySide6 one-folder build and the source install, same run."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import BARE_WINDOW, report, summarise, timed_start  # noqa: E402

# The reference, BARE_WINDOW: the smallest PySide6 window PyInstaller can make, built here with the same PyInstaller.


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build_bare(work: Path) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    script = work / "bare_window.py"
    script.write_text(BARE_WINDOW, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir", "--windowed", "--log-level",
                    "WARN", "--distpath", str(work / "dist"), "--workpath", str(work / "work"),
                    "--specpath", str(work), str(script)], check=True)
    return work / "dist" / "bare_window"


def build_app(work: Path) -> Path:
    subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "linux", "--out", str(work)], check=True,
                   stdout=subprocess.DEVNULL)
    return work / "dist" / "assessor-app"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--bundle", type=Path, help="an app bundle already built (default: build one)")
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        started = time.perf_counter()
        bare = build_bare(work / "bare")
        bare_build_s = time.perf_counter() - started
        started = time.perf_counter()
        app = args.bundle or build_app(work / "app")
        app_build_s = time.perf_counter() - started
        data = work / "data"
        subprocess.run([str(app / "assessor-app"), "--data-dir", str(data), "demo"], check=True,
                       stdout=subprocess.DEVNULL, env=env)
        commands = {
            "bare_pyside6_bundle": [str(bare / "bare_window")],
            "app_bundle": [str(app / "assessor-app-gui"), "--data-dir", str(data), "--exit-when-shown",
                           "--report-start"],
            "app_source_install": [sys.executable, "-c", "import sys; from assessor_app.app import main; "
                                   "sys.exit(main())", "--data-dir", str(data), "--exit-when-shown", "--report-start"],
        }
        first = {name: round(timed_start(command, env)["interactive"], 4) for name, command in commands.items()}
        samples = {name: [] for name in commands}
        loaded = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so drift on the shared machine hits all three alike
            for name, command in commands.items():
                moments = timed_start(command, env)
                samples[name].append(moments["interactive"])
                loaded[name].append(moments["loaded"])
        sizes = {"bare_pyside6_bundle_mb": round(folder_size(bare) / 1e6, 1),
                 "app_bundle_mb": round(folder_size(app) / 1e6, 1)}
    starts = {name: summarise(values) for name, values in samples.items()}  # to the learner list, interactive
    loads = {name: summarise(values) for name, values in loaded.items()}  # to every pane there
    median = {name: value["median_s"] for name, value in starts.items()}
    report("bundle", {
        "platform": env["QT_QPA_PLATFORM"], "sizes": sizes,
        "size_ratio_to_bare": round(sizes["app_bundle_mb"] / sizes["bare_pyside6_bundle_mb"], 2),
        "first_start_after_build_s": first, "start": starts, "loaded": loads,
        "start_ratio_bundle_to_bare": round(median["app_bundle"] / median["bare_pyside6_bundle"], 2),
        "start_ratio_bundle_to_source": round(median["app_bundle"] / median["app_source_install"], 2),
        "loaded_ratio_bundle_to_bare": round(loads["app_bundle"]["median_s"] / median["bare_pyside6_bundle"], 2),
        "build_s": {"bare": round(bare_build_s, 1), "app_with_tarball": round(app_build_s, 1)},
    })


if __name__ == "__main__":
    main()
