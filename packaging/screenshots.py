"""The user guide's pictures from the real window: `python packaging/screenshots.py` opens the app on a fresh demo
data folder (under Xvfb when there is no display), opens each screen that exists, fills it in as an assessor would
(packaging/screenshot_fills.py) and saves docs/images/*.png. A screen the window does not have yet is skipped with
a printed line, never drawn some other way."""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_spec = importlib.util.spec_from_file_location("screenshot_fills", Path(__file__).with_name("screenshot_fills.py"))
fills = importlib.util.module_from_spec(_spec)  # packaging/ is no Python package (PyPI owns the name)
_spec.loader.exec_module(fills)
settle, save, wait_for = fills.settle, fills.save, fills.wait_for
IMAGES = ROOT / "docs" / "images"
SCREEN = "1366x768x24"  # a common assessor's laptop


@dataclass(frozen=True)
class Screen:
    picture: str
    action: str    # the action that opens it (DESIGN.md section 8); "" when `fill` opens or shows it itself
    caption: str   # what the guide shows with it
    fill: str = ""  # the function below that types into the screen's widgets before it is grabbed


# In the guide's order. The first run is taken on an empty data folder before the demo's window opens, then the
# main window itself with the first learner and a unit selected; the passcode pictures come last, as a passcode
# set there stays set.
SCREENS = (
    Screen("first-run", "", "the guided start on an empty data folder", "fill_first_run"),
    Screen("find-learner", "action_find_learner", "finding a learner", "fill_find_learner"),
    Screen("new-learner", "action_new_learner", "adding a learner", "fill_new_learner"),
    Screen("import-learners", "action_import_learners", "importing learners from CSV", "fill_import"),
    Screen("register", "action_register", "registering a learner on a qualification"),
    Screen("choose-units", "action_choose_units", "choosing optional units"),
    Screen("unit-page", "", "the unit page with a criterion's assessment guidance", "fill_unit_page"),
    Screen("learner-overview", "action_learner_overview", "a learner's progress"),
    Screen("observation", "action_start_observation", "an observation during a visit", "fill_observation"),
    Screen("witness-testimony", "action_witness_testimony", "a witness testimony", "fill_witness_testimony"),
    Screen("professional-discussion", "action_professional_discussion", "a professional discussion",
           "fill_discussion"),
    Screen("add-evidence", "action_add_evidence", "adding other evidence", "fill_add_evidence"),
    Screen("attach-files", "action_attach_files", "attaching photos and documents", "fill_attach_files"),
    Screen("evidence-register", "action_evidence_register", "the evidence register"),
    Screen("add-comment", "action_add_comment", "assessor comments and feedback", "fill_comment"),
    Screen("sign-off", "action_sign_off_unit", "signing a unit off", "fill_sign_off"),
    Screen("reopen-unit", "action_reopen_unit", "reopening a signed-off unit", "fill_reopen"),
    Screen("iv-sample", "action_iv_sample", "the IV's sampling decision", "fill_iv_sample"),
    Screen("export-record", "action_export_record", "exporting a learner's record"),
    Screen("batch-export", "action_batch_export", "exporting records for the IV"),
    Screen("sync", "action_sync", "sync by USB stick or shared drive"),
    Screen("about", "action_about", "About: version, data folder, backups"),
    Screen("shortcuts", "action_shortcuts", "keyboard shortcuts"),
    Screen("set-passcode", "action_set_passcode", "setting a passcode", "fill_set_passcode"),
    Screen("unlock", "", "the passcode asked for when the window opens", "fill_unlock"),
)


def under_xvfb() -> None:
    """Runs this script again inside xvfb-run when there is no display: real windows, real window manager-less X."""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not shutil.which("xvfb-run"):
        raise SystemExit("screenshots: no display and no xvfb-run (apt-get install xvfb xauth)")
    os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN}", sys.executable, *sys.argv])


def take(out_dir: Path) -> tuple[list[str], list[str]]:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from assessor_app.app import app_icon

    app = QApplication.instance() or QApplication([sys.argv[0]])
    if not isinstance(app, QApplication):  # Qt would abort the process at the first window
        raise RuntimeError("screenshots: a QGuiApplication is already running; windows need a QApplication")
    app.setApplicationName("assessor-app")
    app.setWindowIcon(app_icon(QIcon))
    taken, skipped = [], []
    home = os.environ.get("HOME")
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        # The file dialogs and the About box show a made-up assessor's home folder, not the machine's.
        os.environ["HOME"] = str(scratch / "helen")
        for folder in ("Desktop", "Documents", "Pictures"):
            (scratch / "helen" / folder).mkdir(parents=True)
        try:
            take_both_windows(app, scratch, out_dir, taken, skipped)
        finally:
            if home is None:
                os.environ.pop("HOME", None)
            else:
                os.environ["HOME"] = home
    return taken, skipped


def take_both_windows(app, scratch: Path, out_dir: Path, taken: list, skipped: list) -> None:
    """The first run on an empty data folder, then every other screen on a fresh demo data folder."""
    from assessor_app.app import build_window
    from assessor_app.paths import DataFolder, shipped_dir
    from assessor_app.services.demo import populate
    from assessor_app.services.opening import open_session

    # The first run: a window on a data folder with nothing in it asks who signs.
    first, first_session = build_window(DataFolder(scratch / "New laptop").ensure().root)
    try:
        grab_screen(app, first, SCREENS[0], first.show, out_dir, scratch)
        taken.append(SCREENS[0].picture)
    finally:
        first.close()  # also takes its error reporter off sys.excepthook, so a failure here prints
        first_session.store.close()
    folder = DataFolder(scratch / "helen" / "Assessor App").ensure()
    demo = open_session(folder.database, [shipped_dir("qualifications"), folder.qualifications],
                        folder.device_id())
    populate(demo)
    demo.store.close()
    window, session = build_window(folder.root)
    try:
        take_demo_screens(app, window, session, out_dir, scratch, taken, skipped)
    finally:
        window.close()
        session.store.close()


def take_demo_screens(app, window, session, out_dir: Path, scratch: Path, taken: list, skipped: list) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractItemView

    window.show()
    settle(app)
    for view in window.findChildren(QAbstractItemView):  # a learner, then one of their units
        if view.isVisible() and view.model() is not None and view.model().rowCount() and \
                not view.currentIndex().isValid():
            view.setCurrentIndex(view.model().index(0, 0))
            settle(app)
    save(window, out_dir / "main-window.png")
    taken.append("main-window")
    for screen in SCREENS[1:]:
        opener = None
        if screen.action:
            action = window.findChild(QAction, screen.action)
            if action is None:
                skipped.append(f"{screen.picture}: the window has no {screen.action} yet")
                continue
            if not action.isEnabled():
                select_where_enabled(window, session, action)
                settle(app)
            if not action.isEnabled():
                skipped.append(f"{screen.picture}: {screen.action} is disabled with the demo's learners")
                continue
            opener = action.trigger
        grab_screen(app, window, screen, opener, out_dir, scratch)
        taken.append(screen.picture)


def grab_screen(app, window, screen: Screen, opener, out_dir: Path, scratch: Path) -> None:
    """Open the screen (a modal dialog's exec() returns only once it is closed, so it is filled in, grabbed and
    closed from a timer), let its fill function type into it, save it, close it."""
    from PySide6.QtCore import QTimer

    fill = getattr(fills, screen.fill) if screen.fill else None
    before = set(app.topLevelWidgets())
    done, failed = [], []
    steps_after: list = []  # what a fill function leaves to do once the screen's exec() has returned

    def fill_and_save():
        try:
            grab()
        except Exception as error:  # noqa: BLE001 - raised again below: a timer's error would only reach a dialog
            failed.append(error)
            done.append(screen.picture)

    def grab():
        opened = None  # no new window (Find learner, Overview): the main window shows what the action did
        if opener is not None:
            opened = app.activeModalWidget() or next(
                (w for w in app.topLevelWidgets() if w.isVisible() and w not in before), None)
        picture = out_dir / f"{screen.picture}.png"
        shown, close = opened or window, None
        if fill is not None:
            shown, close = fill(Fill(app, window, opened or window, scratch, picture, steps_after))
        if shown is not None:  # None: the fill function saved the picture itself
            settle(app)
            save(shown, picture)
        done.append(screen.picture)
        if close is not None:
            close()
        elif opened is not None:
            opened.close()

    QTimer.singleShot(600, fill_and_save)
    if opener is not None:
        opener()
    wait_for(app, lambda: done)
    settle(app)
    if failed:
        raise failed[0]
    for step in steps_after:
        step()
        settle(app)
    if not done:
        raise RuntimeError(f"{screen.picture}: the screen was not grabbed")


@dataclass
class Fill:
    """What a fill function works on (see packaging/screenshot_fills.py): the app, the main window, the screen
    opened, a scratch folder, the picture's path, and `later`, steps to run once the screen has closed."""
    app: object
    window: object
    screen: object
    scratch: Path
    picture: Path
    later: list


def select_where_enabled(window, session, action) -> None:
    """A signed-off unit for Reopen and IV sample: the demo's first learner and unit are not signed off."""
    for learner in session.roster.learners():
        for registration in session.roster.registrations(learner.id):
            for urn in registration.chosen_units:
                window.go_to(learner.id, urn)
                if action.isEnabled():
                    return


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
