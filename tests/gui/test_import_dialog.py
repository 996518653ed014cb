"""Importing learners from CSV in the window: the learners appear, refused rows are listed with the reason."""

from assessor_app.gui.import_dialog import ImportDialog
from tests.gui.helpers import open_window, opened, trigger


def test_refused_rows_are_listed_and_the_others_appear(qtbot, demo_dir, tmp_path):
    csv = tmp_path / "mis.csv"
    csv.write_text("Learner Name,Learner Registration No\nAnn Lee,R1\nBob Kay,R1\n,R3\n", encoding="utf-8")
    window, session = open_window(qtbot, demo_dir)
    trigger(window, "action_import_learners")
    dialog = opened(qtbot, window, ImportDialog)
    dialog.run(csv)  # on a worker thread, with its own connection
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    refused = [dialog.refused.item(i).text() for i in range(dialog.refused.count())]
    assert len(refused) == 2 and refused[0].startswith("row 3") and "R1" in refused[0]
    assert "1 learner(s) imported, 2 row(s) refused" in dialog.summary.text()
    assert window.learners.model.rowCount() == 4  # the window's connection sees what the worker committed
    assert session.roster.find("R1").name == "Ann Lee"
    dialog.run(tmp_path / "gone.csv")
    qtbot.waitUntil(lambda: "Nothing imported" in dialog.summary.text(), timeout=10000)
    assert "does not exist" in dialog.summary.text() and dialog.import_button.isEnabled()
    session.store.close()
