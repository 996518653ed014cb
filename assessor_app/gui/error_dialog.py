"""An unexpected error in the window: logged, shown in a dialog naming the log file, and the app keeps running; a
record found damaged is said once, in the store's own sentence, instead."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


class ErrorReporter:
    """Installed as sys.excepthook while the window is open (Qt would otherwise abort on an error in a slot)."""

    def __init__(self, parent: QWidget, log_file: Path | None,
                 damage: Callable[[BaseException], str | None] = lambda error: None):
        self._parent = parent
        self._log_file = log_file
        self._damage = damage  # the sentence when the error is the record found damaged (it then goes read-only)
        self._previous = sys.excepthook
        self.dialog: QMessageBox | None = None
        self.damage_dialog: QMessageBox | None = None

    def install(self) -> "ErrorReporter":
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(self, kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, error, trace)
            return
        sentence = self._damage(error) if isinstance(error, Exception) else None
        if sentence:
            self._report_damage(kind, sentence)
            return
        log.error("unexpected error: %s", "".join(traceback.format_exception(kind, error, trace)).rstrip())
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Something went wrong")
        box.setText(f"An unexpected error happened: {kind.__name__}: {error}.\n\n"
                    "What you had saved is safe; the window carries on.")
        where = str(self._log_file) if self._log_file else "no log file (the data folder is read-only)"
        box.setInformativeText(f"The details are in the log file:\n{where}")
        box.setObjectName("unexpected_error")
        box.open()  # never blocks: a second error while this shows gets its own box
        self.dialog = box

    def _report_damage(self, kind, sentence: str) -> None:
        """One box however many statements then fail: every later read of the damaged pages raises again."""
        log.error("record found damaged mid-session (%s); now read-only", kind.__name__)
        if self.damage_dialog is not None:
            return
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("The record is damaged")
        box.setText(sentence[:1].upper() + sentence[1:] + ".")
        box.setInformativeText("What was saved before is in your last backup; nothing more will be written to "
                               "this file, so it cannot get worse. Close the window and restore the backup.")
        box.setObjectName("damaged_record")
        box.open()
        self.damage_dialog = box
