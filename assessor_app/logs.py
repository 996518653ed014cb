"""The application log: a rotating file in the data folder, record ids and actions only, never personal data."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

LOGGER = "assessor_app"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_file: Path | None, *, verbose: bool = False) -> logging.Logger:
    """Send the app's log to `log_file` (1 MB, three old files kept) and, when verbose, to stderr too.
    Calling again replaces the handlers, so a test or a second window never logs twice."""
    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False
    if log_file is not None:
        add_log_file(log_file)
    if verbose:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.addHandler(stream)
    return logger


def add_log_file(log_file: Path) -> None:
    """Write the log to `log_file` too, unless it is written somewhere already (a command that made the folder)."""
    logger = logging.getLogger(LOGGER)
    if log_file_of() is not None:
        return
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:  # a read-only folder: the app works without its log
        return
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)


def log_file_of(logger_name: str = LOGGER) -> Path | None:
    """Where the log is written, for the About box and the error dialog."""
    for handler in logging.getLogger(logger_name).handlers:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None
