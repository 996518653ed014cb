"""GUI composition root: resolve the data folder, take its lock, open the records, show the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from assessor_app.paths import DataFolder, DataFolderLock, FolderLocked, private_files, resolve_data_dir, shipped_dir

DESKTOP_ID = "org.assessorapp.AssessorApp"


def build_window(data_dir, *, read_only: bool = False, verbose: bool = False):
    """Open the data folder and return (window, session), every pane built; used by the GUI tests and by main()
    when the records cannot be shown before they open (see services/first_screen.py)."""
    from assessor_app.store.early_check import QUICK_CHECK_SECONDS, EarlyCheck

    folder = DataFolder(data_dir) if read_only else DataFolder(data_dir).ensure()
    # SQLite checks the file on a worker thread while the window's modules are imported (about 0.1 s each on a
    # 1,000-learner file); the store takes its findings before anything is written.
    early_check = None if read_only else EarlyCheck(folder.database, QUICK_CHECK_SECONDS)
    window = new_window(folder.root)
    session = open_records(folder, read_only=read_only, verbose=verbose, early_check=early_check)
    for _pane in window.attach(session):
        pass
    return window, session


def new_window(data_dir: Path):
    """The window's frame: menus and the learner list, usable before the records open."""
    from assessor_app.gui.events import AppEvents
    from assessor_app.gui.main_window import MainWindow

    return MainWindow(AppEvents(), shipped_dir("resources") / "fonts", Path(data_dir))


def open_records(folder: DataFolder, *, read_only: bool, verbose: bool, early_check=None):
    """Logging, then the session on the folder's records (migrated and checked)."""
    from assessor_app.logs import setup_logging
    from assessor_app.services.opening import open_session

    setup_logging(None if read_only else folder.log_file, verbose=verbose)
    return open_session(folder.database, [shipped_dir("qualifications"), folder.qualifications],
                        folder.device_id() if not read_only else "read-only", read_only=read_only,
                        early_check=early_check)


def prepare_imports() -> None:
    """What opening the records imports (the bulk of start-up), done on a worker thread while the list shows. No Qt
    module is imported there: the window's own modules are imported on the GUI thread, pane by pane."""
    import assessor_app.logs  # noqa: F401
    import assessor_app.services.opening  # noqa: F401


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
    from assessor_app.window_args import parse

    # BACKUP is a backup file opened from the file manager (the installers associate *.assessorbackup with the app).
    args, qt_args = parse(argv if argv is not None else sys.argv[1:])
    problem = missing_display()
    if problem:
        print(f"assessor-app: {problem}", file=sys.stderr)
        return 1

    from assessor_app.gui.collection import COLLECTION

    data_dir = resolve_data_dir(args.data_dir)
    release_collection = COLLECTION.hold()  # until every pane is there (gui/collection.py says why)
    try:
        return _start(args, qt_args, data_dir, _read_first_rows(DataFolder(data_dir).database, args.backup),
                      release_collection)
    finally:
        release_collection()


def _read_first_rows(database: Path, backup: str | None):
    """What gives the first screen's rows: read beside the loading of Qt, in a child process, where that is safe
    (forked.py); a backup to restore first is read after it."""
    from assessor_app import forked

    def read():
        from assessor_app.services.first_screen import first_row_values

        return first_row_values(database)

    return read if backup else forked.start(read)


def _start(args, qt_args: list[str], data_dir: Path, read_first_rows, release_collection) -> int:
    from PySide6.QtWidgets import QApplication

    private_files()
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("assessor-app")
    app.setDesktopFileName(DESKTOP_ID)  # the taskbar matches the window to the installed menu entry and icon
    folder = DataFolder(data_dir).ensure()
    lock = DataFolderLock(folder)
    read_only = False
    try:
        lock.acquire()
    except FolderLocked as held:
        from assessor_app.gui import startup

        if not startup.ask_read_only(held):
            read_first_rows()  # the reader is waited for, whatever the answer
            return 0
        read_only = True
    if args.backup:
        from assessor_app.gui import startup

        startup.offer_restore(Path(args.backup).expanduser(), folder, read_only)
    from assessor_app.domain.caseload import rows_of

    values = read_first_rows()
    rows = None if read_only or values is None else rows_of(values)
    try:
        if rows is None:  # a new, locked, guarded, older or unreadable file: opened the ordinary way first
            return _run_opened(app, folder, read_only, args, release_collection)
        return _run_staged(app, folder, rows, args, release_collection)
    finally:
        lock.release()


def _cannot_open(parent, error) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, "Cannot open the records", str(error))


def _set_icon(app) -> None:
    from PySide6.QtGui import QIcon

    app.setWindowIcon(app_icon(QIcon))


def _report(args, moment: str) -> None:
    if args.report_start:
        import time

        print(moment, time.time(), flush=True)


def _run_opened(app, folder: DataFolder, read_only: bool, args, release_collection) -> int:
    """The records opened (and the passcode asked) before the window shows."""
    from assessor_app.gui.passcode import unlock
    from assessor_app.store.database import StoreError

    _set_icon(app)
    try:
        window, session = build_window(folder.root, read_only=read_only, verbose=args.verbose)
    except StoreError as error:
        _cannot_open(None, error)
        return 1
    try:
        if not unlock(session):
            return 1
        window.show()
        app.processEvents()
        _report(args, "interactive")
        _report(args, "loaded")
        release_collection()
        if args.exit_when_shown:
            window.remember_state = False
            window.close()
            return 0
        _after_opening(session, window)
        return app.exec()
    finally:
        session.store.close()
        window.deleteLater()


def _run_staged(app, folder: DataFolder, rows, args, release_collection) -> int:
    """The learner list from a plain read first; the records and the other panes open while it is in use."""
    from assessor_app.gui.staged_start import StagedStart

    window = new_window(folder.root)
    window.show_first_rows(rows)
    window.show()
    app.processEvents()
    _report(args, "interactive")
    from assessor_app.store.early_check import QUICK_CHECK_SECONDS, EarlyCheck

    # Once the list is up (it imports sqlite3, which the list was read without): the check still has the time the
    # records' modules take to import, on the other core.
    early_check = EarlyCheck(folder.database, QUICK_CHECK_SECONDS)
    _set_icon(app)  # once the list is up: the taskbar has the installed menu entry's icon meanwhile
    exit_code = [0]

    def opened():
        from assessor_app.store.database import StoreError

        try:
            return open_records(folder, read_only=False, verbose=args.verbose, early_check=early_check)
        except StoreError as error:
            _cannot_open(window, error)
            stop(1)
            return None

    def stop(code: int) -> None:
        exit_code[0] = code
        window.remember_state = not args.exit_when_shown
        window.close()
        app.exit(code)

    def failed(error: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(window, "Cannot start", f"assessor-app could not load: {error}")
        stop(1)

    def loaded() -> None:
        app.processEvents()
        _report(args, "loaded")
        release_collection()
        if args.exit_when_shown:
            stop(0)
            return
        _after_opening(staged.session, window)

    staged = StagedStart(window, prepare_imports, opened)
    staged.loaded.connect(loaded)
    staged.failed.connect(failed)
    staged.start()
    try:
        code = app.exec()
        # Closing the last window posts a quit of its own, still queued when exit() has ended exec(): left, it
        # would end the next event loop run in this process at once (the tests run several starts in one).
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
        return exit_code[0] or code
    finally:
        if staged.session is not None:
            staged.session.store.close()
        window.deleteLater()


def _after_opening(session, window) -> None:
    """Once every pane is there: the version for Qt, and what the user must know about the records."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from assessor_app.gui.startup import warn_catalogue_problems
    from assessor_app.version import app_version

    QApplication.instance().setApplicationVersion(app_version())
    if session.store.read_only_reason:  # a damaged file, or a read-only file or folder: say why nothing saves
        QMessageBox.warning(window, "Opened read-only", session.store.read_only_reason)
    warn_catalogue_problems(session.catalogue.problems, window)


if __name__ == "__main__":
    sys.exit(main())
