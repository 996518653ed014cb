"""Reading the append-only audit trail: who did what to which record, newest first."""

from __future__ import annotations

from assessor_app.domain.records import AuditEvent
from assessor_app.services.context import Context
from assessor_app.store import records


class AuditTrailService:
    def __init__(self, context: Context):
        self._context = context

    def events(self, record_id: str | None = None, limit: int | None = None) -> list[AuditEvent]:
        """The audit trail, newest first; of one record when `record_id` is given."""
        return records.audit_events(self._context.db, record_id, limit)
