"""The optional passcode: the window opens only for the right one, and a wrong one says so."""

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from assessor_app.gui import passcode as gui_passcode


@pytest.fixture
def typed(monkeypatch):
    """Answers for the password box, in order; None means the user pressed Cancel."""
    answers, labels = [], []

    def fake_get_text(parent, title, label, echo):
        labels.append(label)
        answer = answers.pop(0)
        return ("", False) if answer is None else (answer, True)

    monkeypatch.setattr(QInputDialog, "getText", fake_get_text)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    return answers, labels


def test_no_passcode_means_no_question(qapp, session, typed):
    assert gui_passcode.unlock(session)
    assert typed[1] == []


def test_right_passcode_after_a_wrong_one(qapp, session, typed):
    session.passcode.set("kingfisher")
    typed[0].extend(["kingfishes", "kingfisher"])
    assert gui_passcode.unlock(session)
    assert "not right; 2 tries left" in typed[1][1]


def test_three_wrong_tries_keep_the_window_shut(qapp, session, typed):
    session.passcode.set("kingfisher")
    typed[0].extend(["a", "b", "c"])
    assert not gui_passcode.unlock(session)
    assert "1 try left" in typed[1][2]


def test_cancel_closes(qapp, session, typed):
    session.passcode.set("kingfisher")
    typed[0].append(None)
    assert not gui_passcode.unlock(session)


def test_change_needs_the_current_one_and_two_matching_entries(qapp, session, typed):
    typed[0].extend(["heron-blue", "heron-blue"])
    assert gui_passcode.change_passcode(session)
    assert session.passcode.verify("heron-blue")
    typed[0].extend(["wrong-one", "osprey-grey", "osprey-grey"])
    assert not gui_passcode.change_passcode(session)
    assert session.passcode.verify("heron-blue")
    typed[0].extend(["heron-blue", "osprey-grey", "osprey-gray"])
    assert not gui_passcode.change_passcode(session)
    assert session.passcode.verify("heron-blue")


def test_app_closes_without_showing_records_when_not_unlocked(qapp, data_dir, typed):
    from assessor_app import app
    from assessor_app.paths import DataFolder, DataFolderLock
    from assessor_app.services.opening import open_session
    from assessor_app.paths import shipped_dir
    folder = DataFolder(data_dir).ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    session.passcode.set("kingfisher")
    session.store.close()
    typed[0].extend(["a", "b", "c"])
    assert app.main(["--data-dir", str(data_dir)]) == 1
    DataFolderLock(folder).acquire()  # the lock was released on the way out
