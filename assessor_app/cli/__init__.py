"""Command-line composition root: `assessor-app [--data-dir DIR] COMMAND`; no command opens the GUI."""

from __future__ import annotations

import argparse
import importlib
import sys

from assessor_app import __version__
from assessor_app.cli.common import UserError
from assessor_app.domain.catalogue import CatalogueError
from assessor_app.paths import FolderLocked
from assessor_app.services.session import ServiceError
from assessor_app.store.database import StoreError

USER_ERRORS = (UserError, ServiceError, StoreError, FolderLocked, CatalogueError, KeyError, ValueError, OSError)

# Each module adds its own subcommands with register(commands) and sets `handler` on its parsers.
COMMAND_MODULES = ("records", "caseload", "qualifications", "export", "maintenance")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assessor-app", description="Record and sign off vocational assessment "
                                     "evidence, offline. With no command, opens the window.")
    parser.add_argument("--version", action="version", version=f"assessor-app {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: $ASSESSOR_APP_HOME or the user "
                        "data folder)")
    parser.add_argument("--verbose", action="store_true", help="log each action (record ids, never personal data) "
                        "to stderr as well as to the data folder's log file")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"assessor_app.cli.{name}")
        except ModuleNotFoundError as missing:
            if missing.name != f"assessor_app.cli.{name}":
                raise
            continue
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    if args.command is None:
        from assessor_app.app import main as gui_main
        return gui_main((["--data-dir", args.data_dir] if args.data_dir else []) +
                        (["--verbose"] if args.verbose else []))
    _start_log(args)
    try:
        args.handler(args)
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        return 0
    except USER_ERRORS as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else str(error)
        print(f"assessor-app: {message}", file=sys.stderr)
        return 1
    except Exception as error:  # never a traceback for the user; say what failed
        print(f"assessor-app: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


def _start_log(args) -> None:
    """The command's actions go to the data folder's log (when the folder exists; a read never creates it)."""
    from assessor_app.logs import setup_logging
    from assessor_app.paths import DataFolder, resolve_data_dir

    folder = DataFolder(resolve_data_dir(args.data_dir))
    setup_logging(folder.log_file if folder.root.is_dir() else None, verbose=args.verbose)


if __name__ == "__main__":
    sys.exit(main())
