"""The comments and feedback log: rows as printed, drafts marked until finished, the guide beside, undoable saves."""

from assessor_app.domain.feedback_guide import GUIDE
from assessor_app.gui.comments_log import DRAFT_MARK, CommentsLog
from tests.gui.helpers import open_screen, type_text


def test_finish_a_draft_add_a_row_and_undo(qtbot, demo_dir):
    window, session, log = open_screen(qtbot, demo_dir, "Tomasz Wiśniewski", "action_add_comment", CommentsLog)
    guide_text = " ".join(label.text() for label in log.findChildren(type(log.problem)))
    assert all(line in guide_text for line in GUIDE), "the 8-point guide is not beside the editor"
    draft_row = next(r for r in range(log.table.rowCount()) if log.table.item(r, 2).text().startswith(DRAFT_MARK))
    draft = log._comments[draft_row]
    log.table.setCurrentCell(draft_row, 2)
    type_text(qtbot, log.text, " Good rapport with customers.")
    assert log.save(draft=False)
    finished = session.comments.comment(draft.id)
    assert not finished.draft and finished.text.endswith("Good rapport with customers.")
    assert not log.table.item(draft_row, 2).text().startswith(DRAFT_MARK)
    window.undo_stack.undo()
    assert session.comments.comment(draft.id).draft

    log.edit_row(-1)
    type_text(qtbot, log.text, "Review meeting: agreed the next visit.")
    assert log.save(draft=False)
    rows = session.comments.comments(log.learner_id)
    assert any(c.text == "Review meeting: agreed the next visit." and not c.draft for c in rows)
    session.store.close()
