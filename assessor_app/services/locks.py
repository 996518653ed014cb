"""The sign-off lock: after a unit is signed, its links, dates and evidence are read-only until it is reopened."""

from __future__ import annotations

from assessor_app.services.context import LockedError
from assessor_app.store import signoffs


def refuse_if_unit_locked(db, registration_id: str, unit_urn: str, what: str) -> None:
    """Run inside the write transaction, so a sign-off made a moment earlier is seen."""
    if signoffs.is_locked(db, registration_id, unit_urn):
        raise LockedError(f"cannot {what}: unit {unit_urn} is signed off; reopen it with a reason first")


def refuse_if_evidence_locked(db, evidence_id: str, ref: str, what: str) -> None:
    """An evidence item relied on by a signed unit is frozen (its content is in the sign-off's digest)."""
    locked = signoffs.locked_units_using(db, evidence_id)
    if locked:
        units = ", ".join(sorted(urn for _, urn in locked))
        raise LockedError(f"cannot {what}: evidence {ref} supports signed-off unit {units}; "
                          "reopen the unit with a reason first")
