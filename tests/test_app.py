"""The window's start: the learner list from a plain read first, answering keys while the records and the other
panes open; the ordinary way (records first) for a new, guarded or older file; --version read only when asked."""

import gc
import os
import subprocess
import sys

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from assessor_app import app
from assessor_app.gui.main_window import MainWindow
from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services.demo import populate
from assessor_app.services.opening import open_session
from tests.conftest import REPO


@pytest.fixture
def demo_dir(data_dir):
    folder = DataFolder(data_dir).ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    populate(session)
    names = [learner.name for learner in session.roster.learners()]
    session.store.close()
    return data_dir, names


def _visible_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def _window() -> MainWindow:
    [window] = _visible_windows()
    return window


def test_the_list_shows_and_filters_before_the_records_are_open(qtbot, demo_dir, monkeypatch):
    data_dir, names = demo_dir
    seen = {}

    def report(_args, moment):
        window = _window()
        if moment == "interactive":
            seen["collector held"] = not gc.isenabled()  # start-up allocates, it seldom frees
            seen["rows"] = [window.learners.model.row_at(r).name for r in range(window.learners.model.rowCount())]
            seen["session"] = window.session
            QTest.keyClicks(window.learners.filter, names[1][:4].lower())  # typed while the rest loads
            seen["found"] = window.learners.proxy.rowCount()
            seen["units"] = window.actions["action_choose_units"].isEnabled()
        else:
            seen["loaded"] = window.session is not None and window.units.isVisible()
            seen["found later"] = window.learners.proxy.rowCount()

    monkeypatch.setattr(app, "_report", report)
    assert app.main(["--data-dir", str(data_dir), "--exit-when-shown"]) == 0
    assert seen["rows"] == names and seen["session"] is None  # the names came before the records opened
    assert 1 <= seen["found"] < len(names) and seen["found later"] == seen["found"]
    assert seen["units"] is False and seen["loaded"] is True
    assert seen["collector held"]
    qtbot.waitUntil(gc.isenabled, timeout=5000)  # given back once start-up and the progress read are done


def test_a_new_or_guarded_folder_opens_the_ordinary_way(qtbot, demo_dir, tmp_path, monkeypatch):
    from assessor_app.gui import passcode

    data_dir, _ = demo_dir
    staged, asked = [], []
    monkeypatch.setattr(app, "_run_staged", lambda *a: staged.append(a) or 0)
    monkeypatch.setattr(passcode, "_ask", lambda *a: asked.append(_visible_windows()) or None)
    assert app.main(["--data-dir", str(tmp_path / "new"), "--exit-when-shown"]) == 0
    assert staged == [] and (tmp_path / "new" / "assessor.sqlite3").is_file()  # made, then shown
    folder = DataFolder(data_dir)
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    session.passcode.set("kingfisher")
    session.store.close()
    assert app.main(["--data-dir", str(data_dir), "--exit-when-shown"]) == 1  # the passcode prompt was cancelled
    assert staged == [] and asked == [[]]  # asked before any window showed a name


def test_a_damaged_file_shows_its_list_then_opens_read_only_and_says_why(qtbot, demo_dir, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    data_dir, names = demo_dir
    database = DataFolder(data_dir).database
    with database.open("r+b") as file:  # a page the learner list does not read, as a bad sector would
        file.seek(database.stat().st_size // 2)
        file.write(b"\xde\xad\xbe\xef" * 1024)
    staged, said = [], []
    real_staged = app._run_staged
    monkeypatch.setattr(app, "_run_staged", lambda *a: staged.append(1) or real_staged(*a))

    def warning(parent, title, text, *_):
        said.append((title, text, parent.windowTitle()))
        QTimer.singleShot(0, parent.close)

    monkeypatch.setattr(QMessageBox, "warning", warning)
    before = database.read_bytes()
    assert app.main(["--data-dir", str(data_dir)]) == 0
    assert staged == [1]  # the list came first, from the pages it reads
    [(title, text, window_title)] = said
    assert title == "Opened read-only" and "damaged" in text and window_title.endswith("(read-only)")
    assert database.read_bytes() == before  # nothing was written to it


def test_the_first_screen_builds_none_of_the_costly_pyside_names(demo_dir):
    # Built the first time Python names them, each costs the start: Qt's namespace about 12 ms, QEvent's types 4 ms
    # (any event handler written in Python names them, showEvent included), QIcon's 2 ms, QMessageBox 1.4 ms.
    data_dir, names = demo_dir
    probe = ("import os, sys\nimport assessor_app.app as app\n"
             "def report(args, moment):\n"
             "    if moment == 'interactive':\n"
             "        import PySide6.QtCore as core, PySide6.QtGui as gui, PySide6.QtWidgets as widgets\n"
             "        print([n for n in ('Qt', 'QEvent') if n in vars(core)]"
             " + [n for n in ('QKeySequence', 'QShowEvent', 'QIcon') if n in vars(gui)]"
             " + [n for n in ('QMessageBox', 'QTabWidget') if n in vars(widgets)], flush=True)\n"
             "        [window] = [w for w in widgets.QApplication.topLevelWidgets() if hasattr(w, 'learners')]\n"
             "        model = window.learners.model\n"
             "        print('sqlite3' in sys.modules, [model.row_at(r).name for r in range(model.rowCount())], flush=True)\n"
             "        os._exit(0)\n"
             "app._report = report\n"
             "app.main(['--data-dir', sys.argv[1]])\n")
    done = subprocess.run([sys.executable, "-c", probe, str(data_dir)], capture_output=True, text=True, timeout=120,
                          cwd=REPO, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    printed = done.stdout.splitlines()
    assert printed[0] == "[]", done.stdout + done.stderr
    # On Linux the list was read in a child process (assessor_app/forked.py): this one has not even loaded sqlite3.
    assert printed[1] == f"{not sys.platform.startswith('linux')} {names}", done.stdout


def test_version_is_read_only_when_asked(capsys):
    from assessor_app.version import app_version

    with pytest.raises(SystemExit) as stopped:
        app.main(["--version"])
    assert stopped.value.code == 0 and capsys.readouterr().out.strip() == f"assessor-app {app_version()}"
