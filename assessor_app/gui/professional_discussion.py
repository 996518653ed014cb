"""Professional discussion: the evidence form with its kind fixed: participants, topics, Q&A, ACs, an audio file."""

from __future__ import annotations

from assessor_app.domain.evidence import PROFESSIONAL_DISCUSSION
from assessor_app.gui.evidence_form import EvidenceForm, open_evidence_form
from assessor_app.gui.window_context import WindowContext


def open_professional_discussion(context: WindowContext, learner_id: str) -> EvidenceForm:
    """The recording, if any, is dropped on the attachments strip: it is copied in the background, streamed,
    never read into memory, so even a 2 GB file leaves the window responsive."""
    form = open_evidence_form(context, learner_id, PROFESSIONAL_DISCUSSION)
    form.topics.setFocus()
    return form
