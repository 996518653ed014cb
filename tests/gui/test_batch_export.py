"""Batch export from the window: pick learners, watch the progress, get one PDF each; cancelling stops the rest."""

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from assessor_app.app import build_window
from assessor_app.gui.batch_export import BatchExportDialog, LearnerChoiceModel
from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services.demo import populate
from assessor_app.services.opening import open_session


@pytest.fixture
def demo_dir(data_dir):
    folder = DataFolder(data_dir).ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    populate(session)
    for n in range(3):  # six learners in all, so cancelling has files left to skip
        learner, _ = session.roster.add(f"Learner {n}", f"BATCH-{n}")
        session.roster.register(learner.id, "601/3456/2")
    session.store.close()
    return data_dir


def open_dialog(qtbot, demo_dir):
    window, session = build_window(demo_dir)
    qtbot.addWidget(window)
    window.show()
    assert window.batch_export_action.shortcut().toString() == "Ctrl+Shift+E"
    window.batch_export_action.trigger()
    dialog = window.findChild(BatchExportDialog)
    assert dialog is not None and dialog.isVisible()
    return window, session, dialog


def test_learner_choice_model(qtmodeltester, session):
    session.roster.add("Zoë Ó'Brien-Łukasiewicz", "R1")
    session.roster.add("Amelia Hart", "R2")
    model = LearnerChoiceModel(session.roster.learners())
    qtmodeltester.check(model)
    model.setData(model.index(0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert len(model.checked_ids()) == 1
    model.set_all(False)
    assert model.checked_ids() == []


def test_a_learner_on_no_qualification_is_listed_but_never_ticked(qtmodeltester, session):
    registered, _ = session.roster.add("Amelia Hart", "R2")
    session.roster.register(registered.id, "601/3456/2")
    waiting, _ = session.roster.add("Jordan Ellis", "R3")
    rows = session.caseload.rows(progress=False)
    model = LearnerChoiceModel(session.roster.learners(), {r.learner_id for r in rows if r.qualifications})
    qtmodeltester.check(model)
    row = [model.data(model.index(r)) for r in range(model.rowCount())].index(
        "Jordan Ellis  (R3)  (not registered: no record to export)")
    assert not model.flags(model.index(row)) & Qt.ItemFlag.ItemIsEnabled
    assert model.checked_ids() == [registered.id]
    assert not model.setData(model.index(row), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    model.set_all(True)
    assert model.checked_ids() == [registered.id]


def test_the_dialog_offers_only_learners_with_a_record(qtbot, demo_dir):
    folder = DataFolder(demo_dir)
    adding = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    waiting, _ = adding.roster.add("Jordan Ellis", "BATCH-9")
    adding.store.close()
    window, session, dialog = open_dialog(qtbot, demo_dir)
    model = dialog.model
    shown = [model.data(model.index(r)) for r in range(model.rowCount())]
    assert "Jordan Ellis  (BATCH-9)  (not registered: no record to export)" in shown
    assert waiting.id not in model.checked_ids() and len(model.checked_ids()) == len(shown) - 1
    session.store.close()


def test_batch_export_writes_one_record_per_ticked_learner(qtbot, demo_dir, tmp_path):
    window, session, dialog = open_dialog(qtbot, demo_dir)
    model = dialog.model
    model.set_all(False)
    for row in range(model.rowCount()):
        if "Learner" not in model.data(model.index(row)):
            model.setData(model.index(row), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    with qtbot.waitSignal(dialog.finished_batch, timeout=120_000):
        assert dialog.start(tmp_path / "sample")
    result = dialog.result
    assert not result.failed and not result.cancelled
    assert len(result.written) == 3
    names = sorted(p.name for p in (tmp_path / "sample").glob("*.pdf"))
    assert names == sorted(p.name for p in result.written)
    assert any("Zoë Ó'Brien-Łukasiewicz" in n for n in names)
    for path in result.written:
        text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
        assert "UNIT REF: CS 7" in text and "ASSESSOR COMMENTS AND FEEDBACK" in text
    assert "Wrote 3 records" in dialog.summary.text()
    session.store.close()


def test_cancelling_skips_the_files_not_started(qtbot, demo_dir, tmp_path):
    window, session, dialog = open_dialog(qtbot, demo_dir)
    dialog.workers = 1  # one file at a time, so the cancel lands between files
    with qtbot.waitSignal(dialog.finished_batch, timeout=120_000):
        assert dialog.start(tmp_path / "sample")
        cancel_button = dialog.progress.findChild(QPushButton)
        dialog.thread.progressed.connect(lambda *_: cancel_button.click())  # as the assessor would
    result = dialog.result
    assert result.cancelled
    assert 1 <= len(result.written) < 6
    assert "Cancelled" in dialog.summary.text()
    session.store.close()


def test_the_incomplete_items_are_listed_and_each_can_be_gone_to(qtbot, demo_dir, tmp_path):
    window, session, dialog = open_dialog(qtbot, demo_dir)
    with qtbot.waitSignal(dialog.finished_batch, timeout=120_000):
        assert dialog.start(tmp_path / "sample")
    listed = dialog.incomplete
    assert listed is not None and listed.isVisible()
    messages = listed.messages()
    assert "E1 (observation) has no narrative" in messages  # Tomasz's ticks: an observation with no account
    tomasz = session.roster.find("Tomasz Wiśniewski")
    top = next(listed.tree.topLevelItem(i) for i in range(listed.tree.topLevelItemCount())
               if listed.tree.topLevelItem(i).text(0).startswith("Tomasz"))
    listed.tree.setCurrentItem(top.child(0))
    window.learners.select(session.roster.find("Amelia Hart").id)  # somewhere else first
    assert window.learners.current_learner_id() != tomasz.id
    listed.go_button.click()
    assert window.learners.current_learner_id() == tomasz.id
    assert len(dialog.result.written) == 6  # listed beside the export, nothing held back or dropped
    session.store.close()
