"""GUI composition root: resolve the data folder, take its lock, open the records, show the main window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from assessor_app import __version__
from assessor_app.paths import DataFolder, DataFolderLock, FolderLocked, private_files, resolve_data_dir, shipped_dir

DESKTOP_ID = "org.assessorapp.AssessorApp"


def build_window(data_dir, *, read_only: bool = False, verbose: bool = False):
    """Open the data folder and return (window, session); used by main() and by the GUI tests."""
    from assessor_app.store.early_check import QUICK_CHECK_SECONDS, EarlyCheck

    folder = DataFolder(data_dir) if read_only else DataFolder(data_dir).ensure()
    # SQLite checks the file on a worker thread while the window's modules are imported (about 0.1 s each on a
    # 1,000-learner file); the store takes its findings before anything is written.
    early_check = None if read_only else EarlyCheck(folder.database, QUICK_CHECK_SECONDS)
    from assessor_app.gui.events import AppEvents
    from assessor_app.gui.main_window import MainWindow
    from assessor_app.services.opening import open_session

    from assessor_app.logs import setup_logging

    setup_logging(None if read_only else folder.log_file, verbose=verbose)
    session = open_session(folder.database, [shipped_dir("qualifications"), folder.qualifications],
                           folder.device_id() if not read_only else "read-only", read_only=read_only,
                           early_check=early_check)
    window = MainWindow(session, AppEvents(), shipped_dir("resources") / "fonts", folder.root)
    return window, session


def app_icon(icon_class):
    """The app's icon from its PNG sizes (an SVG would need QtSvg, which the bundle leaves out)."""
    icon = icon_class()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(shipped_dir("resources") / "icons" / f"assessor-app-{size}.png"))
    return icon


def missing_display(environ=None) -> str:
    """Why no window can open here, or "" (Qt would otherwise abort the whole process on a Linux box with no screen)."""
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return ""
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return ""
    return ("no display to open the window on (DISPLAY is not set); run it on the desktop, under xvfb-run, "
            "or use a command such as 'assessor-app learners list'")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="assessor-app-gui")
    parser.add_argument("--data-dir", help="data folder (default: ASSESSOR_APP_HOME or the user data folder)")
    parser.add_argument("--version", action="version", version=f"assessor-app {__version__}")
    parser.add_argument("--verbose", action="store_true", help="log every action to stderr as well")
    # For installers' smoke tests and the start-up benchmark: open the window, draw it once, quit with 0.
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    # A backup file opened from the file manager (the installers associate *.assessorbackup with the app).
    parser.add_argument("backup", nargs="?", metavar="BACKUP", help="a backup file to offer to restore")
    args, qt_args = parser.parse_known_args(argv if argv is not None else sys.argv[1:])
    problem = missing_display()
    if problem:
        print(f"assessor-app: {problem}", file=sys.stderr)
        return 1

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from assessor_app.gui.passcode import unlock
    from assessor_app.gui.startup import ask_read_only, offer_restore, warn_catalogue_problems
    from assessor_app.store.database import StoreError

    private_files()
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("assessor-app")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)  # the taskbar matches the window to the installed menu entry and icon
    app.setWindowIcon(app_icon(QIcon))
    data_dir = resolve_data_dir(args.data_dir)
    folder = DataFolder(data_dir).ensure()
    lock = DataFolderLock(folder)
    read_only = False
    try:
        lock.acquire()
    except FolderLocked as held:
        if not ask_read_only(held):
            return 0
        read_only = True
    if args.backup:
        offer_restore(Path(args.backup).expanduser(), folder, read_only)
    try:
        window, session = build_window(data_dir, read_only=read_only, verbose=args.verbose)
    except StoreError as error:
        QMessageBox.critical(None, "Cannot open the records", str(error))
        lock.release()
        return 1
    if not unlock(session):
        session.store.close()
        lock.release()
        return 1
    window.show()
    if args.exit_when_shown:
        app.processEvents()
        session.store.close()
        lock.release()
        return 0
    if session.store.read_only_reason:  # a damaged file, or a read-only file or folder: say why nothing saves
        QMessageBox.warning(window, "Opened read-only", session.store.read_only_reason)
    warn_catalogue_problems(session.catalogue.problems, window)
    try:
        return app.exec()
    finally:
        session.store.close()
        lock.release()


if __name__ == "__main__":
    sys.exit(main())
