"""The window program's command line: its own options, Qt's passed on, --help and --version, mistakes as argparse."""

import subprocess
import sys

import pytest

from assessor_app.version import app_version
from assessor_app.window_args import parse


def test_its_options_and_a_backup_file():
    options, qt_args = parse(["--data-dir", "/data", "--verbose", "--report-start", "records.assessorbackup"])
    assert (options.data_dir, options.verbose, options.report_start, options.exit_when_shown) == (
        "/data", True, True, False)
    assert options.backup == "records.assessorbackup" and qt_args == []
    assert parse(["--data-dir=/other"])[0].data_dir == "/other"
    options, _ = parse([])
    assert options.data_dir is None and options.backup is None and not options.verbose


def test_qt_options_go_to_qt_with_their_values_and_are_not_taken_for_a_backup():
    options, qt_args = parse(["-style", "fusion", "--platform", "offscreen", "-reverse", "-qwindowtitle=A", "b.backup"])
    assert qt_args == ["-style", "fusion", "--platform", "offscreen", "-reverse", "-qwindowtitle=A"]
    assert options.backup == "b.backup"


@pytest.mark.parametrize("argv, problem", [
    (["--data-dir"], "argument --data-dir: expected one argument"),
    (["--data-dir", "--verbose"], "argument --data-dir: expected one argument"),
    (["one.backup", "two.backup"], "unrecognized arguments: two.backup"),
])
def test_a_mistake_says_what_and_exits_2(argv, problem, capsys):
    with pytest.raises(SystemExit) as stopped:
        parse(argv)
    printed = capsys.readouterr().err
    assert stopped.value.code == 2 and printed.startswith("usage: assessor-app-gui")
    assert printed.strip().endswith(f"assessor-app-gui: error: {problem}")


def test_help_and_version_print_and_exit_0(capsys):
    with pytest.raises(SystemExit) as stopped:
        parse(["--data-dir", "/data", "--help"])
    shown = capsys.readouterr().out
    assert stopped.value.code == 0 and "--data-dir DATA_DIR" in shown and "a backup file to offer to restore" in shown
    with pytest.raises(SystemExit) as stopped:
        parse(["-h"])
    assert stopped.value.code == 0 and capsys.readouterr().out == shown
    with pytest.raises(SystemExit) as stopped:
        parse(["--version"])
    assert stopped.value.code == 0 and capsys.readouterr().out.strip() == f"assessor-app {app_version()}"


def test_the_window_program_prints_its_help_without_opening_a_window():
    shown = subprocess.run([sys.executable, "-m", "assessor_app.app", "--help"], capture_output=True, text=True,
                           timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert shown.returncode == 0 and shown.stdout.startswith("usage: assessor-app-gui"), shown.stderr
