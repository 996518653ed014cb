"""A pane behind another tab reads nothing until it is shown, then reads once."""

from PySide6.QtWidgets import QTabWidget, QWidget

from assessor_app.gui.widgets.read_when_shown import ReadWhenShown


class CountingPane(ReadWhenShown, QWidget):
    def __init__(self):
        super().__init__()
        self.reads = 0

    def refresh(self):
        self.reads += 1


def test_a_hidden_pane_reads_once_when_shown_and_a_shown_one_at_once(qtbot):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    front, behind = CountingPane(), CountingPane()
    tabs.addTab(front, "Front")
    tabs.addTab(behind, "Behind")
    tabs.show()
    front.refresh_when_seen()
    assert front.reads == 1
    behind.refresh_when_seen()
    behind.refresh_when_seen()
    assert behind.reads == 0
    tabs.setCurrentWidget(behind)
    assert behind.reads == 1
    tabs.setCurrentWidget(front)
    tabs.setCurrentWidget(behind)
    assert behind.reads == 1  # nothing asked meanwhile: shown again, read no more
