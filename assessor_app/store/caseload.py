"""Whole-caseload reads in a fixed number of grouped queries: ACs covered, units signed and IV-sampled, per registration."""

from __future__ import annotations

import sqlite_utils

from assessor_app.store.signoffs import _ACTIVE

# Deleted items are few, so "not one of them" is cheaper than joining every link to its item.
_COVERED = ("SELECT registration_id, unit_urn, count(DISTINCT criterion_number) FROM evidence_link WHERE deleted = 0 "
            "AND evidence_id NOT IN (SELECT id FROM evidence_item WHERE deleted = 1) GROUP BY registration_id, unit_urn")
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
