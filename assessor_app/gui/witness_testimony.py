"""Witness testimony: the evidence form with its kind fixed, the witness chosen or added, and their signature."""

from __future__ import annotations

from assessor_app.domain.evidence import WITNESS_TESTIMONY
from assessor_app.gui.evidence_form import EvidenceForm, open_evidence_form
from assessor_app.gui.window_context import WindowContext


def open_witness_testimony(context: WindowContext, learner_id: str) -> EvidenceForm:
    """Choose the witness (or add one: name, job title, relationship, expert flag), write their account, tick
    the ACs it covers, and let the witness sign on the pad before saving."""
    form = open_evidence_form(context, learner_id, WITNESS_TESTIMONY)
    form.witness.setFocus()
    return form
