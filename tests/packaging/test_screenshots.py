"""The guide's pictures come from the real window: the script saves each screen that exists and names each it
skips; every picture the guide shows is there, or its screen is not in the window yet."""

import re

from PIL import Image
from PySide6.QtGui import QAction

from assessor_app.app import build_window
from tests.conftest import REPO
from tests.packaging.scripts import load

screenshots = load("screenshots")
GUIDE = REPO / "docs" / "user-guide.md"


def test_the_script_saves_the_window_and_accounts_for_every_screen(qtbot, tmp_path):
    taken, skipped = screenshots.take(tmp_path)
    assert "main-window" in taken
    with Image.open(tmp_path / "main-window.png") as picture:
        assert picture.width >= 700 and len(picture.convert("RGB").getcolors(1 << 16) or ()) > 50  # not blank
    accounted = set(taken) | {line.split(":")[0] for line in skipped}
    assert accounted == {"main-window"} | {screen.picture for screen in screenshots.SCREENS}
    for picture in taken:
        assert (tmp_path / f"{picture}.png").stat().st_size > 2000
    for screen in screenshots.SCREENS:  # what a screen is filled in with is typed by one of the script's functions
        assert not screen.fill or callable(getattr(screenshots.fills, screen.fill, None)), screen.fill
        assert screen.action or screen.fill, f"{screen.picture}: no action opens it and nothing shows it"


def test_every_picture_in_the_guide_is_there_or_its_screen_is_not_built_yet(qtbot, session, data_dir):
    window, opened = build_window(data_dir)
    qtbot.addWidget(window)
    action_of = {screen.picture: screen.action for screen in screenshots.SCREENS}
    for picture in re.findall(r"\]\(images/([\w-]+)\.png\)", GUIDE.read_text(encoding="utf-8")):
        if (REPO / "docs" / "images" / f"{picture}.png").is_file():
            continue
        assert action_of.get(picture), f"the guide shows {picture}.png, which no screen of the script makes"
        assert window.findChild(QAction, action_of[picture]) is None, (
            f"the window has {action_of[picture]} now: run packaging/screenshots.py to add {picture}.png")
    opened.store.close()
