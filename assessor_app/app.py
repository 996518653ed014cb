"""GUI composition root: resolve the data folder, take its lock, open the records, show the main window."""

from __future__ import annotations

import argparse
import os
import sys

from assessor_app import __version__
from assessor_app.paths import DataFolder, DataFolderLock, FolderLocked, resolve_data_dir, shipped_dir


def build_window(data_dir, *, read_only: bool = False, verbose: bool = False):
    """Open the data folder and return (window, session); used by main() and by the GUI tests."""
    from assessor_app.gui.events import AppEvents
    from assessor_app.gui.main_window import MainWindow
    from assessor_app.services.opening import open_session

    from assessor_app.logs import setup_logging

    folder = DataFolder(data_dir) if read_only else DataFolder(data_dir).ensure()
    setup_logging(None if read_only else folder.log_file, verbose=verbose)
    session = open_session(folder.database, [shipped_dir("qualifications"), folder.qualifications],
                           folder.device_id() if not read_only else "read-only", read_only=read_only)
    window = MainWindow(session, AppEvents(), shipped_dir("resources") / "fonts", folder.root)
    return window, session


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
    args, qt_args = parser.parse_known_args(argv if argv is not None else sys.argv[1:])
    problem = missing_display()
    if problem:
        print(f"assessor-app: {problem}", file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QApplication, QMessageBox

    from assessor_app.gui.passcode import unlock
    from assessor_app.gui.startup import ask_read_only, warn_catalogue_problems
    from assessor_app.store.database import StoreError

    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("assessor-app")
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
    warn_catalogue_problems(session.catalogue.problems, window)
    try:
        return app.exec()
    finally:
        session.store.close()
        lock.release()


if __name__ == "__main__":
    sys.exit(main())
