"""The user guide speaks the window's own words: every **Menu > Command** it names is in that menu of the window
with that text, and every shortcut it gives with one is the one the window has."""

import re

from PySide6.QtGui import QKeySequence

from assessor_app.app import build_window
from tests.conftest import REPO

GUIDE = REPO / "docs" / "user-guide.md"
MENU_PATH = re.compile(r"\*\*(File|Edit|Learner|Visit|Unit|Help) > ([^*]+)\*\*(?: \(([^)]+)\))?")
TABLE_ROW = re.compile(r"^\| (File|Edit|Learner|Visit|Unit|Help) \| ([^|]+) \| ([^|]*) \|", re.MULTILINE)


def commands(window) -> dict[tuple[str, str], list[str]]:
    """(menu, command text) -> its shortcuts (Redo has two on some systems), as the menu bar has them."""
    found = {}
    for menu_action in window.menuBar().actions():
        menu = menu_action.text().replace("&", "")
        for action in menu_action.menu().actions():
            if not action.isSeparator():
                text = re.sub(r"&(?!&)", "", action.text())
                found[(menu, text)] = [key.toString(QKeySequence.SequenceFormat.PortableText)
                                       for key in action.shortcuts()]
    return found


def test_every_menu_command_and_shortcut_in_the_guide_is_the_windows(qtbot, session, data_dir):
    window, opened = build_window(data_dir)
    qtbot.addWidget(window)
    known = commands(window)
    text = GUIDE.read_text(encoding="utf-8")
    named = [(menu, command.strip(), keys) for menu, command, keys in MENU_PATH.findall(text)]
    named += [(menu, command.strip(), keys.strip()) for menu, command, keys in TABLE_ROW.findall(text)]
    assert len(named) > 40
    for menu, command, keys in named:
        for one, key in zip(command.split(" / "), (keys.split(" / ") if keys else [""] * 2)):
            assert (menu, one) in known, f"the guide names {menu} > {one}, which the window does not have"
            if key.startswith(("Ctrl", "F1")):
                assert key in known[(menu, one)], f"{menu} > {one} is {known[(menu, one)]}, not {key}"
    opened.store.close()
