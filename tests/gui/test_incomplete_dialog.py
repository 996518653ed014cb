"""The incomplete list: every gap under its learner, and Go to asks for that learner and unit."""

from assessor_app.domain.lar_model import DATED_EARLY, DRAFT_COMMENT, Gap
from assessor_app.gui.incomplete_dialog import IncompleteDialog

GAPS = [("L1", "Amelia Hart (601/3456/2)", (Gap(DRAFT_COMMENT, "draft comment of 2026-03-02 (E1) is printed marked "
                                                "as a draft", evidence_ref="E1"),)),
        ("L2", "Zoë Ó'Brien-Łukasiewicz (601/3456/2)",
         (Gap(DATED_EARLY, "Unit CS 7 AC 1.1 is dated 2026-01-01, before its evidence E1 (2026-01-05)",
              evidence_ref="E1", unit_urn="A/506/2130", criterion="1.1"),))]


def test_lists_each_gap_and_goes_to_its_learner_and_unit(qtbot):
    dialog = IncompleteDialog(GAPS)
    qtbot.addWidget(dialog)
    assert dialog.messages() == [GAPS[0][2][0].message, GAPS[1][2][0].message]
    assert dialog.tree.topLevelItem(1).text(0) == "Zoë Ó'Brien-Łukasiewicz (601/3456/2)"
    with qtbot.waitSignal(dialog.go_to_requested) as asked:
        dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1).child(0))
        dialog.go_button.click()
    assert asked.args == ["L2", "A/506/2130"]
    with qtbot.waitSignal(dialog.go_to_requested) as asked:
        dialog.go_to(dialog.tree.topLevelItem(0))
    assert asked.args == ["L1", ""]
