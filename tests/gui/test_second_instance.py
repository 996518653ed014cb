"""A second window on a held data folder says who holds it and offers read-only or quit."""

from PySide6.QtWidgets import QMessageBox

from assessor_app import app
from assessor_app.gui import startup
from assessor_app.paths import DataFolder, DataFolderLock, FolderLocked


def test_quit_when_the_folder_is_held(qtbot, data_dir, monkeypatch):
    asked = []
    monkeypatch.setattr(startup, "ask_read_only", lambda error, parent=None: asked.append(error) or False)
    with DataFolderLock(DataFolder(data_dir).ensure()):
        assert app.main(["--data-dir", str(data_dir)]) == 0
    assert len(asked) == 1 and asked[0].holder["pid"] > 0


def test_prompt_names_the_holder_and_offers_both_choices(qtbot, data_dir, monkeypatch):
    shown = {}

    def fake_exec(box):
        shown["text"] = box.text()
        shown["buttons"] = [b.text() for b in box.buttons()]
        box.buttons()[0].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    holder = {"user": "jsmith", "host": "centre-laptop-3", "pid": 4242, "since": "2026-11-22T09:00:00+00:00"}
    assert startup.ask_read_only(FolderLocked(data_dir, holder)) is True
    assert "jsmith on centre-laptop-3" in shown["text"]
    assert shown["buttons"] == ["Open read-only", "Quit"]
