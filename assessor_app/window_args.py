"""The window program's command line, read by hand: argparse's translated messages cost every start about 5 ms."""

from __future__ import annotations

import sys
from types import SimpleNamespace

PROG = "assessor-app-gui"
USAGE = f"usage: {PROG} [-h] [--data-dir DATA_DIR] [--version] [--verbose] [BACKUP]"
HELP = f"""{USAGE}

Open the assessor-app window on a data folder.

positional arguments:
  BACKUP               a backup file to offer to restore

options:
  -h, --help           show this help message and exit
  --data-dir DATA_DIR  data folder (default: ASSESSOR_APP_HOME or the user data folder)
  --version            show the version and exit
  --verbose            log every action to stderr as well

Qt's own options (-style NAME, -platform NAME, -reverse ...) are passed on to Qt.
"""
FLAGS = {"--verbose": "verbose",
         # For installers' smoke tests and the start-up benchmarks: open the window, let every pane load, quit with 0.
         "--exit-when-shown": "exit_when_shown",
         # For the start-up benchmarks: print when the learner list answers keys, and when every pane is there.
         "--report-start": "report_start"}
# Qt's options that take a value (QGuiApplication's and QApplication's): the value is Qt's too, not a backup file.
QT_VALUE_OPTIONS = {"-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-qmljsdebugger", "-qwindowgeometry",
                    "-qwindowicon", "-qwindowtitle", "-session", "-style", "-stylesheet", "-display", "-geometry",
                    "-title", "-name"}


class UsageError(Exception):
    pass


def parse(argv: list[str]) -> tuple[SimpleNamespace, list[str]]:
    """(the options, what is left for Qt); --help and --version print and exit 0, a mistake prints why and exits 2,
    as argparse would."""
    try:
        return _parse(argv)
    except UsageError as problem:
        print(f"{USAGE}\n{PROG}: error: {problem}", file=sys.stderr)
        raise SystemExit(2) from None


def _parse(argv: list[str]) -> tuple[SimpleNamespace, list[str]]:
    options = SimpleNamespace(data_dir=None, backup=None, **dict.fromkeys(FLAGS.values(), False))
    qt_args: list[str] = []
    words = iter(argv)
    for word in words:
        name, equals, value = word.partition("=")
        if word in ("-h", "--help"):
            print(HELP, end="")
            raise SystemExit(0)
        if word == "--version":
            from assessor_app.version import app_version

            print(f"assessor-app {app_version()}")
            raise SystemExit(0)
        if name == "--data-dir":
            options.data_dir = value if equals else next(words, None)
            if not options.data_dir or (not equals and options.data_dir.startswith("-")):
                raise UsageError("argument --data-dir: expected one argument")
        elif word in FLAGS:
            setattr(options, FLAGS[word], True)
        elif word.startswith("-") and word != "-":  # Qt's (it reads "--style" as "-style" too)
            qt_args.append(word)
            if "-" + name.lstrip("-") in QT_VALUE_OPTIONS and not equals:
                qt_args.extend(filter(None, [next(words, None)]))
        elif options.backup is None:
            options.backup = word
        else:
            raise UsageError(f"unrecognized arguments: {word}")
    return options, qt_args
