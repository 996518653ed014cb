"""A function run in a forked child while the parent goes on: its result read back, its failure as None; in a
process where forking is not safe (this one: Qt and threads), run in place when its result is asked for."""

import os
import subprocess
import sys
import textwrap

from assessor_app import forked
from tests.conftest import REPO


def test_where_forking_is_not_safe_it_runs_in_this_process_when_asked():
    assert "PySide6.QtCore" in sys.modules  # pytest-qt has loaded Qt here
    ran = []
    result = forked.start(lambda value: ran.append(value) or (os.getpid(), value), "x")
    assert ran == []  # not yet: only when the result is asked for
    assert result() == (os.getpid(), "x") and ran == ["x"]


def _in_a_fresh_python(code: str) -> str:
    """Run `code` in a new interpreter, as the window program's start is: no Qt loaded, one thread."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, cwd=REPO,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_in_a_fresh_process_the_function_runs_in_a_child_and_its_result_comes_back():
    printed = _in_a_fresh_python("""
        import os, sys
        from assessor_app import forked
        rows = [("l1", "Zoë Ó'Brien", ("601/3456/2",), 3)] * 2000  # more than a pipe holds at once
        result = forked.start(lambda: (os.getpid(), rows))
        child, back = result()
        print(child != os.getpid(), back == rows)
    """)
    assert printed == ("True True" if sys.platform.startswith("linux") else "False True")


def test_a_child_that_fails_or_is_killed_gives_none():
    printed = _in_a_fresh_python("""
        import os, signal
        from assessor_app import forked
        failing = forked.start(lambda: 1 / 0)
        killed = forked.start(lambda: os.kill(os.getpid(), signal.SIGKILL))
        unmarshallable = forked.start(lambda: object())
        print(failing(), killed(), unmarshallable())
    """)
    assert printed == "None None None"
