"""Opening a backup file with the app (as the installers' file association does) restores it only on a yes."""

import hashlib
import sqlite3

from PySide6.QtWidgets import QMessageBox

from assessor_app import app
from assessor_app.gui import startup
from assessor_app.paths import DataFolder
from assessor_app.services.demo import populate
from assessor_app.services.maintenance import backup


def learner_names(database):
    with sqlite3.connect(database) as conn:
        return sorted(row[0] for row in conn.execute("SELECT name FROM learner"))


def answer(monkeypatch, button_text):
    """Click the named button of the question; note what the follow-up message says."""
    said = []

    def fake_exec(box):
        said.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, kind=kind: said.append(f"{kind}: {text}"))
    return said


def test_restore_on_yes_keeps_the_records_it_replaces(qtbot, session, data_dir, tmp_path, monkeypatch):
    populate(session)
    file = backup(session.store.path, tmp_path / "monday.assessorbackup").path
    session.store.close()
    folder = DataFolder(data_dir)
    folder.database.unlink()  # the records now: a fresh, empty folder (a new laptop)
    for suffix in ("-wal", "-shm"):
        folder.database.with_name(folder.database.name + suffix).unlink(missing_ok=True)
    said = answer(monkeypatch, "Restore")
    assert startup.offer_restore(file, folder, read_only=False) is True
    assert "monday.assessorbackup" in said[0]
    assert said[1].startswith("information: ")
    assert len(learner_names(folder.database)) == 3


def test_no_restore_without_a_yes_and_not_while_another_window_holds_the_folder(qtbot, session, data_dir,
                                                                                 tmp_path, monkeypatch):
    populate(session)
    file = backup(session.store.path, tmp_path / "monday.assessorbackup").path
    session.store.close()
    folder = DataFolder(data_dir)
    before = hashlib.sha256(folder.database.read_bytes()).hexdigest()
    answer(monkeypatch, "Keep my records")
    assert startup.offer_restore(file, folder, read_only=False) is False
    said = answer(monkeypatch, "Restore")
    assert startup.offer_restore(file, folder, read_only=True) is False
    assert said[0].startswith("warning: ") and "no other window" in said[0]
    assert hashlib.sha256(folder.database.read_bytes()).hexdigest() == before


def test_a_file_that_is_not_a_backup_is_refused_with_nothing_changed(qtbot, session, data_dir, tmp_path,
                                                                      monkeypatch):
    populate(session)
    session.store.close()
    folder = DataFolder(data_dir)
    before = learner_names(folder.database)
    bogus = tmp_path / "holiday.assessorbackup"
    bogus.write_bytes(b"not a backup at all")
    said = answer(monkeypatch, "Restore")
    assert startup.offer_restore(bogus, folder, read_only=False) is False
    assert said[-1].startswith("critical: Nothing was changed")
    assert learner_names(folder.database) == before


def test_the_window_offers_the_backup_it_was_opened_with(qtbot, data_dir, tmp_path, monkeypatch):
    offered = []
    monkeypatch.setattr(startup, "offer_restore",
                        lambda file, folder, read_only: offered.append((file, folder.root, read_only)))
    file = tmp_path / "monday.assessorbackup"
    assert app.main(["--data-dir", str(data_dir), "--exit-when-shown", str(file)]) == 0
    assert offered == [(file, DataFolder(data_dir).root, False)]
