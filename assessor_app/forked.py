"""A function run in a forked child process while this one goes on (Linux), its result read back when wanted."""

from __future__ import annotations

import marshal
import os
import sys
import threading
from collections.abc import Callable


def start(function: Callable[..., object], *args) -> Callable[[], object]:
    """Start `function(*args)` and return what gives its result, waiting for it. In a child process where forking
    is safe (Linux, no thread but this one, Qt not loaded yet), so that it runs beside this process's own start on
    the other core; here, when the result is asked for, everywhere else. The result must be of marshal's types
    (None, numbers, strings, tuples, lists, dicts); the child's failure gives None, as the function's own None."""
    if not _fork_is_safe():
        return lambda: function(*args)
    reader, writer = os.pipe()
    try:
        child = os.fork()
    except OSError:  # no memory or process left for a child: as everywhere else
        os.close(reader)
        os.close(writer)
        return lambda: function(*args)
    if child == 0:  # the child: nothing of the parent's (buffers, exit handlers, locks) is run or flushed
        os.close(reader)
        code = 1
        try:
            data = marshal.dumps(function(*args))
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    return lambda: _result(reader, child)


def _fork_is_safe() -> bool:
    # A forked child gets only the thread that forked: locks held by others stay held in it, and Qt's threads and
    # state do not survive a fork at all. macOS is left out: its system libraries do not promise to work after one.
    return (sys.platform.startswith("linux") and threading.active_count() == 1
            and "PySide6.QtCore" not in sys.modules)


def _result(reader: int, child: int):
    with os.fdopen(reader, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(child, 0)
    if status != 0 or not data:
        return None
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError):  # cut short: the child was killed while writing
        return None
