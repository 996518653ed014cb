"""Every action of the window (DESIGN.md section 8), built in one place with its objectName, text and shortcut."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QWidget


class ActionSpec(NamedTuple):  # not a dataclass: the first screen is spared importing dataclasses
    name: str
    text: str
    shortcut: str = ""
    menu: str = ""
    needs: str = ""  # "learner", "registration", "unit", "signed", "unsigned": what must be selected
    writes: bool = False  # disabled in a read-only window
    tip: str = ""


# Sync's actions are added to these menus by its own screens.
SPECS = (
    ActionSpec("action_new_learner", "&New learner…", "Ctrl+N", "Learner", writes=True),
    ActionSpec("action_import_learners", "&Import learners from CSV…", "", "Learner", writes=True),
    ActionSpec("action_edit_learner", "&Edit learner…", "", "Learner", "learner", writes=True),
    ActionSpec("action_register", "&Register on a qualification…", "", "Learner", "learner", writes=True),
    ActionSpec("action_choose_units", "Choose &units…", "Ctrl+U", "Learner", "registration", writes=True),
    ActionSpec("action_learner_overview", "&Overview", "", "Learner", "learner"),
    ActionSpec("action_start_observation", "Start or resume &observation…", "Ctrl+O", "Visit", "registration",
               writes=True, tip="Tick criteria live, type timed notes and questions; stored as you go"),
    ActionSpec("action_witness_testimony", "&Witness testimony…", "", "Visit", "registration", writes=True),
    ActionSpec("action_professional_discussion", "&Professional discussion…", "", "Visit", "registration",
               writes=True),
    ActionSpec("action_add_evidence", "&Add evidence…", "", "Visit", "learner", writes=True,
               tip="Product, reflective account, report, workplace document, RPL, questioning record, other"),
    ActionSpec("action_attach_files", "Attach &files…", "", "Visit", "learner", writes=True,
               tip="Attach photos or documents to the open observation, or the latest evidence"),
    ActionSpec("action_evidence_register", "Evidence &register", "", "Visit", "learner"),
    ActionSpec("action_add_comment", "Assessor &comments and feedback…", "", "Visit", "learner", writes=True),
    ActionSpec("action_sign_off_unit", "&Sign off unit…", "", "Unit", "unsigned", writes=True),
    ActionSpec("action_reopen_unit", "&Reopen unit…", "", "Unit", "signed", writes=True),
    ActionSpec("action_iv_sample", "&IV sample…", "", "Unit", "signed", writes=True),
    ActionSpec("action_export_unit", "&Export unit page as PDF…", "Ctrl+E", "File", "unit"),
    ActionSpec("action_export_record", "Export learner's &record (LAR) as PDF…", "Ctrl+P", "File", "registration"),
    ActionSpec("action_batch_export", "Export &Learner Assessment Records…", "Ctrl+Shift+E", "File"),
    ActionSpec("action_sync", "S&ync with a folder…", "Ctrl+Shift+S", "File", writes=True),
    ActionSpec("action_find_learner", "&Find learner", "Ctrl+F", "Edit"),
    ActionSpec("action_set_passcode", "Set &passcode…", "", "Edit", writes=True),
    ActionSpec("action_quit", "&Quit", "Ctrl+Q", "File"),
    ActionSpec("action_shortcuts", "&Keyboard shortcuts", "F1", "Help"),
    ActionSpec("action_about", "&About assessor-app", "", "Help"),
)
# What works while the records are still opening at start-up (from the menus: their shortcuts come with the records).
WITHOUT_RECORDS = {"action_find_learner", "action_quit", "action_shortcuts", "action_about"}
MENUS = ("File", "Edit", "Learner", "Visit", "Unit", "Help")


class Actions(dict):
    """objectName -> QAction; `enable_for` follows the selection and the read-only state."""

    def __init__(self, parent: QWidget, undo_stack: QUndoStack, read_only: bool, *, ready: bool = True):
        super().__init__()
        self._read_only = read_only
        for spec in SPECS:
            # Text set apart: QAction(text, parent) makes PySide weigh the QIcon overload, building QIcon's and
            # QPixmap's Python types (about 2 ms) before the first screen needs either.
            action = QAction(parent)
            action.setText(spec.text)
            action.setObjectName(spec.name)
            if spec.tip:
                action.setToolTip(spec.tip)
            self[spec.name] = action
        undo = undo_stack.createUndoAction(parent, "&Undo")
        undo.setObjectName("action_undo")
        redo = undo_stack.createRedoAction(parent, "&Redo")
        redo.setObjectName("action_redo")
        self["action_undo"], self["action_redo"] = undo, redo
        self.ready = False
        if ready:
            self.make_ready()
        else:
            self.enable_for(learner=False, registration=False, unit=False, signed=False)

    def make_ready(self) -> None:
        """The records are open: every action follows the selection, and the shortcuts are set. Until then only
        WITHOUT_RECORDS is on, and no shortcut is set: setShortcut builds PySide's Qt namespace (about 12 ms;
        see gui/table_model.py), which the first screen shows without."""
        from PySide6.QtGui import QKeySequence

        self.ready = True
        for spec in SPECS:
            if spec.shortcut:
                self[spec.name].setShortcut(QKeySequence(spec.shortcut))
        self["action_undo"].setShortcut(QKeySequence.StandardKey.Undo)
        # Ctrl+Shift+Z on every system, as F1 and the user guide say; the system's own keys too (Ctrl+Y on Windows),
        # which on some systems are all that QKeySequence.StandardKey.Redo gives.
        everywhere = QKeySequence("Ctrl+Shift+Z")
        self["action_redo"].setShortcuts([everywhere, *(key for key in QKeySequence.keyBindings(
            QKeySequence.StandardKey.Redo) if key != everywhere)])
        self.enable_for(learner=False, registration=False, unit=False, signed=False)

    def go_read_only(self) -> None:
        """The record was found damaged mid-session: writing actions stay off from now on (enable_for applies it)."""
        self._read_only = True

    def enable_for(self, *, learner: bool, registration: bool, unit: bool, signed: bool) -> None:
        held = {"": True, "learner": learner, "registration": registration, "unit": unit,
                "signed": unit and signed, "unsigned": unit and not signed}
        for spec in SPECS:
            self[spec.name].setEnabled(held[spec.needs] and (self.ready or spec.name in WITHOUT_RECORDS)
                                       and not (spec.writes and self._read_only))

    def in_menu(self, menu: str) -> list[QAction]:
        return [self[spec.name] for spec in SPECS if spec.menu == menu]

    def shortcut_list(self) -> list[tuple[str, str]]:
        """(what, keys) of every action with a shortcut, for Help > Keyboard shortcuts."""
        from PySide6.QtGui import QKeySequence

        listed = [(a.text().replace("&", "").rstrip("…"), a.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
                  for a in self.values() if not a.shortcut().isEmpty()]
        return sorted(listed, key=lambda pair: pair[1])
