"""A pane that reads what it shows only while it is on screen: behind another tab it waits until it is shown."""

from __future__ import annotations


class ReadWhenShown:
    """Mixed into a QWidget (listed before it); the widget's own `refresh()` reads and shows."""

    _stale = False  # asked to refresh while hidden

    def refresh_when_seen(self) -> None:
        self._stale = not self.isVisible()
        if not self._stale:
            self.refresh()

    def showEvent(self, event) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)
