"""A learner's overview: per unit and group, ACs met, credits against each rule and the total, what is missing,
units awaiting sign-off or IV, and units the IV referred back."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from assessor_app.domain.overview import LearnerOverview, RegistrationOverview
from assessor_app.domain.changes import Changes
from assessor_app.domain.records import uk_date
from assessor_app.gui.events import AppEvents
from assessor_app.gui.widgets.read_when_shown import ReadWhenShown
from assessor_app.services.session import Session


def rule_text(group) -> str:
    if group.min_credits is None:
        return "all units" if group.mandatory else "any"
    if group.max_credits == group.min_credits:
        return f"exactly {group.min_credits} credits"
    return f"at least {group.min_credits}" + (f", at most {group.max_credits}" if group.max_credits else "") + \
        " credits"


def registration_html(registration: RegistrationOverview) -> str:
    parts = [f"<h3>{escape(registration.qualification_title)} ({escape(registration.qualification_number)})</h3>"]
    required = registration.credits_required
    parts.append(f"<p><b>Credits achieved:</b> {registration.credits_achieved}"
                 + (f" of {required} required" if required else "") + "</p>")
    for label, units in (("Referred back by the IV, needs action", registration.needing_action),
                         ("Awaiting sign-off", registration.awaiting_signoff),
                         ("Awaiting IV", registration.awaiting_iv)):
        if units:
            names = ", ".join(escape(f"{u.ref} {u.title}") for u in units)
            parts.append(f"<p><b>{label}:</b> {names}</p>")
    if registration.route_problems:
        parts.append("<p><b>The chosen route:</b></p><ul>" +
                     "".join(f"<li>{escape(p)}</li>" for p in registration.route_problems) + "</ul>")
    if registration.groups:
        rows = "".join(f"<tr><td>{escape(g.name)}</td><td>{rule_text(g)}</td><td align=center>{g.chosen_credits}"
                       f"</td><td align=center>{g.achieved_credits}</td><td>"
                       + (f"{g.credits_short} credits short" if g.credits_short else "✔") + "</td></tr>"
                       for g in registration.groups)
        parts.append("<table border=1 cellspacing=0 cellpadding=4 width=100%><tr><th>Group</th><th>Rule</th>"
                     f"<th>Credits chosen</th><th>Credits achieved</th><th>Route</th></tr>{rows}</table>")
    rows = "".join(f"<tr><td>{escape(u.group)}</td><td>{escape(u.ref)}</td><td>{escape(u.title)}</td>"
                   f"<td align=center>{u.covered} / {u.total}</td><td>{escape(', '.join(u.missing)) or '—'}</td>"
                   f"<td>{escape(u.state)}" + (f" ({uk_date(u.signed_on)})" if u.signed_on else "") + "</td></tr>"
                   for u in registration.units)
    parts.append("<br><table border=1 cellspacing=0 cellpadding=4 width=100%><tr><th>Group</th><th>Unit</th>"
                 "<th>Title</th><th>ACs met</th><th>ACs missing</th><th>State</th></tr>" + rows + "</table>")
    if registration.sentences:
        parts.append("<p>" + " ".join(escape(s) for s in registration.sentences) + "</p>")
    return "".join(parts)


def overview_html(overview: LearnerOverview | None) -> str:
    if overview is None:
        return "<p>Select a learner.</p>"
    head = f"<h2>{escape(overview.learner.name)} ({escape(overview.learner.registration_no)})</h2>"
    if not overview.registrations:
        return head + "<p>Not registered on a qualification yet: Learner ▸ Register on a qualification.</p>"
    return head + "".join(registration_html(r) for r in overview.registrations)


class OverviewPanel(ReadWhenShown, QWidget):
    def __init__(self, session: Session, events: AppEvents, parent=None):
        super().__init__(parent)
        self._session = session
        self.learner_id = ""
        self.overview: LearnerOverview | None = None
        self._stale = True  # "Select a learner." once first shown
        self._given: LearnerOverview | None = None
        self.text = QTextBrowser()
        self.text.setAccessibleName("Learner overview")
        self.text.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        events.changed.connect(self._on_changed)

    def show_learner(self, learner_id: str, overview: LearnerOverview | None = None) -> None:
        """`overview`: the learner's, when the caller has just read it (the unit list reads the same one)."""
        self.learner_id = learner_id
        self._given = overview if overview is not None and overview.learner.id == learner_id else None
        self.refresh_when_seen()

    def refresh(self) -> None:
        """Read the overview (one service call) and show it."""
        given, self._given = self._given, None
        self.overview = given or (self._session.caseload.overview(self.learner_id) if self.learner_id else None)
        self.text.setHtml(overview_html(self.overview))

    def _on_changed(self, changes: Changes) -> None:
        if self.learner_id and changes.concerns(self.learner_id) and changes.kinds():
            self.show_learner(self.learner_id)  # read again: the unit list may not have been told
