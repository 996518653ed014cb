"""Reads and writes of the signatures on evidence forms (append-only: the schema refuses to change one)."""

from __future__ import annotations

from dataclasses import asdict

import sqlite_utils

from assessor_app.domain.evidence import EvidenceSignature
from assessor_app.store import rows

_COLUMNS = "id, evidence_id, role, person_id, name, signed_on, signature_sha256"
# Signing order: ids are time-ordered, and created_at first keeps a clock-skewed id from jumping the queue.
_ORDER = " ORDER BY s.created_at, s.id"


def _prefixed(alias: str) -> str:
    return ", ".join(f"{alias}.{c}" for c in _COLUMNS.split(", "))


def insert_signature(db: sqlite_utils.Database, signature: EvidenceSignature, device_id: str) -> None:
    rows.insert(db, "evidence_signature", asdict(signature), device_id)


def signatures(db: sqlite_utils.Database, evidence_id: str) -> list[EvidenceSignature]:
    """The signatures on one evidence item's form, in signing order."""
    found = db.execute(f"SELECT {_prefixed('s')} FROM evidence_signature s WHERE s.deleted = 0 AND s.evidence_id = ?"
                       + _ORDER, [evidence_id]).fetchall()
    return [EvidenceSignature(*r) for r in found]


def signatures_of_learner(db: sqlite_utils.Database, learner_id: str) -> dict[str, list[EvidenceSignature]]:
    """Every signature on the learner's evidence forms by evidence id, each list in signing order (one query)."""
    found: dict[str, list[EvidenceSignature]] = {}
    for row in db.execute(f"SELECT {_prefixed('s')} FROM evidence_signature s "
                          "JOIN evidence_item e ON e.id = s.evidence_id WHERE s.deleted = 0 AND e.learner_id = ?"
                          + _ORDER, [learner_id]).fetchall():
        found.setdefault(row[1], []).append(EvidenceSignature(*row))
    return found


def signature_by(db: sqlite_utils.Database, evidence_id: str, person_id: str | None) -> EvidenceSignature | None:
    """The signer's earlier signature on the item, if any (`person_id` None: the learner's)."""
    row = db.execute(f"SELECT {_prefixed('s')} FROM evidence_signature s WHERE s.deleted = 0 AND s.evidence_id = ? "
                     "AND s.person_id IS ?" + _ORDER + " LIMIT 1", [evidence_id, person_id]).fetchone()
    return EvidenceSignature(*row) if row else None
