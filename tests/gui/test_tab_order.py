"""Tab moves through the window as it reads: the filter, its four choices, the list, the units, the unit page."""

from PySide6.QtWidgets import QApplication

from tests.gui.helpers import open_window


def tab_sequence(qtbot, window, start, steps):
    start.setFocus()
    seen = [QApplication.focusWidget()]
    for _ in range(steps):
        window.focusNextChild()
        seen.append(QApplication.focusWidget())
    return seen


def test_tab_order_follows_the_layout(qtbot, demo_dir):
    window, session = open_window(qtbot, demo_dir)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel, page = window.learners, window.criteria
    seen = tab_sequence(qtbot, window, panel.filter, 6)
    assert seen == [panel.filter, panel.qualification, panel.employer, panel.progress, panel.awaiting, panel.view,
                    window.units.view]
    seen = tab_sequence(qtbot, window, page.evidence_ref, 2)
    assert seen == [page.evidence_ref, page.view, page.covering]
    session.store.close()
