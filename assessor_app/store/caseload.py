"""Whole-caseload reads in a fixed number of grouped queries: ACs covered, units signed and IV-sampled, per registration."""

from __future__ import annotations

import sqlite_utils

from assessor_app.store.signoffs import _ACTIVE

_COVERED = ("SELECT l.registration_id, l.unit_urn, count(DISTINCT l.criterion_number) FROM evidence_link l "
            "JOIN evidence_item i ON i.id = l.evidence_id WHERE l.deleted = 0 AND i.deleted = 0 "
            "GROUP BY l.registration_id, l.unit_urn")
# The latest live IV decision on each unit's active sign-off.
_SAMPLED = ("SELECT v.registration_id, v.unit_urn, v.decision FROM iv_sample v "
            "JOIN unit_signoff s ON s.id = v.signoff_id WHERE v.deleted = 0 AND NOT EXISTS "
            "(SELECT 1 FROM unit_reopen r WHERE r.signoff_id = s.id AND r.deleted = 0) ORDER BY v.sampled_on, v.id")


def covered_counts(db: sqlite_utils.Database) -> dict[tuple[str, str], int]:
    """ACs with live evidence per (registration id, unit URN)."""
    return {(reg, urn): count for reg, urn, count in db.execute(_COVERED)}


def signed_units(db: sqlite_utils.Database) -> set[tuple[str, str]]:
    """(registration id, unit URN) of every unit with a sign-off in force."""
    return {(reg, urn) for reg, urn in db.execute(_ACTIVE)}


def iv_decisions(db: sqlite_utils.Database) -> dict[tuple[str, str], str]:
    """The latest IV decision on each unit's sign-off in force."""
    return {(reg, urn): decision for reg, urn, decision in db.execute(_SAMPLED)}
