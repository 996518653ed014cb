"""Every fault a command meets as one sentence naming the file and what to do; real bugs logged with their traceback."""

from __future__ import annotations

import errno
import logging
import re
import traceback
from pathlib import Path

from assessor_app.store.database import disk_full_sentence, fault_sentence_for

INTERRUPTED = "interrupted: nothing was half-written"
EXIT_INTERRUPTED = 130  # the shell's own code for a command stopped by Ctrl-C

# C0 and C1 control characters (line breaks and tabs aside): a name holding ESC sequences must not be able to
# recolour, retitle or clear the user's terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """`text` with control characters removed, for printing."""
    return _CONTROL.sub("", text)


# What each operating-system error means for the user, by errno; {name} is the file or folder it concerns.
_OS_SENTENCES = {
    errno.ENOENT: "{name} does not exist; check the name and the folder it is in",
    errno.EISDIR: "{name} is a folder, not a file; give the path of the file itself",
    errno.ENOTDIR: "{name}: part of that path is a file, not a folder; check the path",
    errno.EACCES: "{name} cannot be opened (permission denied): nothing was changed; make it readable and writable "
                  "for you, or choose another file or folder",
    errno.EROFS: "{name} is on a read-only disk: nothing was changed; copy the data folder to a writable disk",
    errno.ENAMETOOLONG: "{name}: the name is too long for this file system; choose a shorter one",
    errno.EIO: "{name} could not be read or written (input/output error: the disk may be failing or was removed)",
}
_OS_SENTENCES[errno.EPERM] = _OS_SENTENCES[errno.EACCES]


def os_sentence(error: OSError, database: Path) -> str:
    """The sentence for an OSError: the file it concerns and what to do."""
    name = error.filename or database
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full_sentence(Path(name))
    if error.errno is None:  # our own OSErrors (a stored file missing or damaged) carry their sentence
        return str(error)
    template = _OS_SENTENCES.get(error.errno)
    return template.format(name=name) if template else f"{name}: {error.strerror or error}"


def fault_for(error: BaseException, database: Path) -> str | None:
    """A known fault as its sentence, or None when `error` is a real bug."""
    sentence = fault_sentence_for(database, error)
    if sentence is not None:
        return sentence
    if isinstance(error, OSError):
        return os_sentence(error, database)
    if isinstance(error, RecursionError):
        return "the input is nested too deeply to read; nothing was changed"
    return None


def log_internal_error(log_file: Path) -> Path | None:
    """Append the current exception's traceback to the app's rotating log (assessor_app/logs.py), opening it at
    `log_file` if the command has not yet. Returns the log's path, or None if it cannot be written."""
    from assessor_app.logs import add_log_file, log_file_of

    add_log_file(Path(log_file))
    logging.getLogger("assessor_app.cli").error("internal error\n%s", traceback.format_exc())
    return log_file_of()
