"""The user guide's pictures from the real window: `python packaging/screenshots.py` opens the app on a fresh demo
data folder (under Xvfb when there is no display), opens each screen that exists and saves docs/images/*.png.
A screen the window does not have yet is skipped with a printed line, never drawn some other way."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
IMAGES = ROOT / "docs" / "images"
SCREEN = "1366x768x24"  # a common assessor's laptop

# (picture, action that opens the screen (DESIGN.md section 8), what the guide shows with it). The main window
# itself is taken first, with the first learner and a unit selected.
SCREENS = [
    ("find-learner", "action_find_learner", "finding a learner"),
    ("new-learner", "action_new_learner", "adding a learner"),
    ("register", "action_register", "registering a learner on a qualification"),
    ("choose-units", "action_choose_units", "choosing optional units"),
    ("learner-overview", "action_learner_overview", "a learner's progress"),
    ("observation", "action_start_observation", "an observation during a visit"),
    ("witness-testimony", "action_witness_testimony", "a witness testimony"),
    ("professional-discussion", "action_professional_discussion", "a professional discussion"),
    ("add-evidence", "action_add_evidence", "adding other evidence"),
    ("attach-files", "action_attach_files", "attaching photos and documents"),
    ("evidence-register", "action_evidence_register", "the evidence register"),
    ("add-comment", "action_add_comment", "assessor comments and feedback"),
    ("sign-off", "action_sign_off_unit", "signing a unit off"),
    ("reopen-unit", "action_reopen_unit", "reopening a signed-off unit"),
    ("iv-sample", "action_iv_sample", "the IV's sampling decision"),
    ("export-record", "action_export_record", "exporting a learner's record"),
    ("batch-export", "action_batch_export", "exporting records for the IV"),
    ("sync", "action_sync", "sync by USB stick or shared drive"),
    ("about", "action_about", "About: version, data folder, backups"),
    ("shortcuts", "action_shortcuts", "keyboard shortcuts"),
]


def under_xvfb() -> None:
    """Runs this script again inside xvfb-run when there is no display: real windows, real window manager-less X."""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not shutil.which("xvfb-run"):
        raise SystemExit("screenshots: no display and no xvfb-run (apt-get install xvfb xauth)")
    os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN}", sys.executable, *sys.argv])


def take(out_dir: Path) -> tuple[list[str], list[str]]:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QAction, QIcon
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    from assessor_app.app import app_icon, build_window
    from assessor_app.paths import DataFolder, shipped_dir
    from assessor_app.services.demo import populate
    from assessor_app.services.opening import open_session

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("assessor-app")
    app.setWindowIcon(app_icon(QIcon))
    taken, skipped = [], []
    with tempfile.TemporaryDirectory() as scratch:
        folder = DataFolder(Path(scratch) / "Assessor App").ensure()
        demo = open_session(folder.database, [shipped_dir("qualifications"), folder.qualifications],
                            folder.device_id())
        populate(demo)
        demo.store.close()
        window, session = build_window(folder.root)
        window.show()
        settle(app)
        for view in window.findChildren(QAbstractItemView):  # a learner, then one of their units
            if view.isVisible() and view.model() is not None and view.model().rowCount() and \
                    not view.currentIndex().isValid():
                view.setCurrentIndex(view.model().index(0, 0))
                settle(app)
        save(window, out_dir / "main-window.png")
        taken.append("main-window")
        for picture, name, _ in SCREENS:
            action = window.findChild(QAction, name)
            if action is None:
                skipped.append(f"{picture}: the window has no {name} yet")
                continue
            if not action.isEnabled():
                select_where_enabled(window, session, action)
                settle(app)
            if not action.isEnabled():
                skipped.append(f"{picture}: {name} is disabled with the demo's first learner and unit")
                continue
            before = set(app.topLevelWidgets())
            grabbed = []

            def grab_new_screen(picture=picture, before=before, grabbed=grabbed):
                opened = app.activeModalWidget() or next(
                    (w for w in app.topLevelWidgets() if w.isVisible() and w not in before), None)
                save(opened or window, out_dir / f"{picture}.png")
                grabbed.append(picture)
                if opened is not None:
                    opened.close()

            QTimer.singleShot(600, grab_new_screen)  # a modal dialog's exec() returns only once it is closed
            action.trigger()
            settle(app, 800)
            taken += grabbed
        session.store.close()
        window.close()
    return taken, skipped


def select_where_enabled(window, session, action) -> None:
    """A signed-off unit for Reopen and IV sample: the demo's first learner and unit are not signed off."""
    for learner in session.roster.learners():
        for registration in session.roster.registrations(learner.id):
            for urn in registration.chosen_units:
                window.go_to(learner.id, urn)
                if action.isEnabled():
                    return


def settle(app, milliseconds: int = 300) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()
    app.processEvents()


def save(widget, path: Path) -> None:
    widget.grab().save(str(path), "PNG")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out-dir", type=Path, default=IMAGES)
    args = parser.parse_args()
    under_xvfb()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    taken, skipped = take(args.out_dir)
    for picture in taken:
        print(f"saved {args.out_dir / picture}.png")
    for line in skipped:
        print(f"skipped {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
