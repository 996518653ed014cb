"""The qualification structure and the learner's choice of optional units, with live feedback from the rules."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QTreeView, QVBoxLayout)

from assessor_app.domain.catalogue import Qualification
from assessor_app.domain.rules import check_route, route_hours
from assessor_app.gui.route_model import RouteTreeModel


class RouteDialog(QDialog):
    """Shows the printed rules of combination, the group tables, and whether the ticked units make a valid route."""

    def __init__(self, qualification: Qualification, chosen: list[str], learner_name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Units for {learner_name}: {qualification.title}")
        self.model = RouteTreeModel(qualification, chosen, self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.expandAll()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, self.tree.rootIndex(), True)
        header = self.tree.header()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 130)
        self.tree.setColumnWidth(1, 100)
        for column in (3, 4, 5):  # Credit, Level, GLH: short numbers, so the titles get the width
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.tree.resizeColumnToContents(column)
        header.setStretchLastSection(False)  # the title takes the spare width, not GLH
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        rules = "\n".join(qualification.rules.get("statement", [])) or "No rules of combination are printed."
        self.rules_label = QLabel(rules)
        self.rules_label.setWordWrap(True)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setMinimumHeight(70)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rules_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.feedback)
        layout.addWidget(self.buttons)
        self.model.route_changed.connect(self.refresh_feedback)
        self.resize(980, 720)
        self.refresh_feedback()

    def chosen(self) -> list[str]:
        return self.model.chosen()

    def refresh_feedback(self) -> None:
        """Recomputed on every tick: valid or not, each group's credits against its rule, GLH of the route."""
        qualification = self.model.qualification
        check = check_route(qualification, self.chosen())
        hours = route_hours(qualification, self.chosen())
        lines = [f"<b>{check.sentences[0]}</b> {hours.credits} credits chosen"
                 + (f", {hours.glh} GLH" if hours.glh is not None else "") + "."]
        for group in check.tally.groups:
            limit = (f"exactly {group.min_credits}" if group.max_credits == group.min_credits
                     else f"min {group.min_credits}" + (f", max {group.max_credits}" if group.max_credits else ""))
            mark = "✔" if group.credits_short == 0 and not group.mandatory_missing else "✘"
            lines.append(f"{mark} Group {group.name}: {group.counted_credits} credits count ({limit})")
        lines += [f"• {p.message}" for p in check.problems]
        self.feedback.setText("<br>".join(lines))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(check.valid)
        save.setToolTip("" if check.valid else "The route must be valid before it can be saved")


def open_choose_units(context, registration_id: str) -> RouteDialog | None:
    """Ctrl+U: the structure of the learner's qualification and their optional units; saving is undoable."""
    from assessor_app.gui.undo_commands import push_change_units
    from assessor_app.services.session import ServiceError

    session = context.session
    if not registration_id:
        context.events.refused.emit("Choose units", "Select a learner with a registration first.")
        return None
    registration = session.roster.registration(registration_id)
    dialog = RouteDialog(session.roster.qualification_of(registration), list(registration.chosen_units),
                         session.roster.learner(registration.learner_id).name, context.parent)

    def save() -> None:
        try:
            push_change_units(context.undo_stack, session, context.events, registration_id, dialog.chosen())
        except ServiceError as refused:
            context.events.refused.emit("Units not changed", str(refused))

    dialog.accepted.connect(save)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
