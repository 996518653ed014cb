"""Reads and writes of unit sign-offs, their reopenings and IV samples, and which units are locked."""

from __future__ import annotations

from dataclasses import asdict

import sqlite_utils

from assessor_app.domain.signoff import IvSample, Reopening, SignOff
from assessor_app.store import rows

_SIGNOFF_COLUMNS = ("s.id, s.registration_id, s.unit_urn, s.assessor_id, s.assessor_name, s.pin_no, s.signed_on, "
                    "s.signature_sha256, s.digest, r.id, r.signoff_id, r.reason, r.reopened_on, r.actor")
_SIGNOFF_SQL = (f"SELECT {_SIGNOFF_COLUMNS} FROM unit_signoff s "
                "LEFT JOIN unit_reopen r ON r.signoff_id = s.id AND r.deleted = 0 WHERE s.deleted = 0")
_IV_COLUMNS = ("id, registration_id, unit_urn, signoff_id, iv_id, iv_name, sampled_on, decision, feedback, actions, "
               "countersigned_on, countersignature_sha256")
# A second sign-off of one unit made offline on another laptop: the sync merge flags it; the earlier stands.
_NOT_SECOND = "NOT EXISTS (SELECT 1 FROM sync_flag f WHERE f.kind = 'second_signoff' AND f.record_id = s.id)"
# Units with an active sign-off: the ones whose links, dates and evidence are read-only.
_ACTIVE = ("SELECT s.registration_id, s.unit_urn FROM unit_signoff s WHERE s.deleted = 0 AND NOT EXISTS "
           f"(SELECT 1 FROM unit_reopen r WHERE r.signoff_id = s.id AND r.deleted = 0) AND {_NOT_SECOND}")


def _signoff(row) -> SignOff:
    reopening = Reopening(*row[9:14]) if row[9] else None
    return SignOff(*row[:9], reopening=reopening)


def insert_signoff(db: sqlite_utils.Database, signoff: SignOff, device_id: str) -> None:
    row = asdict(signoff)
    row.pop("reopening")
    rows.insert(db, "unit_signoff", row, device_id)


def insert_reopening(db: sqlite_utils.Database, reopening: Reopening, device_id: str) -> None:
    rows.insert(db, "unit_reopen", asdict(reopening), device_id)


def signoffs(db: sqlite_utils.Database, registration_id: str, unit_urn: str | None = None) -> list[SignOff]:
    """Every sign-off of the registration (or of one unit), voided ones included, oldest first."""
    sql, params = _SIGNOFF_SQL + " AND s.registration_id = ?", [registration_id]
    if unit_urn is not None:
        sql += " AND s.unit_urn = ?"
        params.append(unit_urn)
    return [_signoff(r) for r in db.execute(sql + " ORDER BY s.created_at, s.id", params).fetchall()]


def active_signoff(db: sqlite_utils.Database, registration_id: str, unit_urn: str) -> SignOff | None:
    row = db.execute(_SIGNOFF_SQL + f" AND s.registration_id = ? AND s.unit_urn = ? AND r.id IS NULL AND {_NOT_SECOND} "
                     "ORDER BY s.created_at DESC LIMIT 1", [registration_id, unit_urn]).fetchone()
    return _signoff(row) if row else None


def signoff(db: sqlite_utils.Database, signoff_id: str) -> SignOff | None:
    row = db.execute(_SIGNOFF_SQL + " AND s.id = ?", [signoff_id]).fetchone()
    return _signoff(row) if row else None


def is_locked(db: sqlite_utils.Database, registration_id: str, unit_urn: str) -> bool:
    row = db.execute(_ACTIVE + " AND s.registration_id = ? AND s.unit_urn = ? LIMIT 1",
                     [registration_id, unit_urn]).fetchone()
    return row is not None


def locked_units(db: sqlite_utils.Database, registration_id: str) -> set[str]:
    return {r[1] for r in db.execute(_ACTIVE + " AND s.registration_id = ?", [registration_id]).fetchall()}


def locked_units_using(db: sqlite_utils.Database, evidence_id: str) -> list[tuple[str, str]]:
    """Signed-off (registration id, unit URN) pairs that an evidence item is linked to (deleted links aside)."""
    return db.execute(
        f"SELECT DISTINCT a.registration_id, a.unit_urn FROM ({_ACTIVE}) a JOIN evidence_link l "
        "ON l.registration_id = a.registration_id AND l.unit_urn = a.unit_urn "
        "WHERE l.evidence_id = ? AND l.deleted = 0", [evidence_id]).fetchall()


# -- IV sampling ----------------------------------------------------------------------------------------------
def insert_iv_sample(db: sqlite_utils.Database, sample: IvSample, device_id: str) -> None:
    rows.insert(db, "iv_sample", asdict(sample), device_id)


def countersign_iv_sample(db: sqlite_utils.Database, sample_id: str, signed_on: str, signature_sha256: str | None,
                          device_id: str) -> None:
    rows.update(db, "iv_sample", sample_id, {"countersigned_on": signed_on,
                                             "countersignature_sha256": signature_sha256}, device_id)


def iv_samples(db: sqlite_utils.Database, registration_id: str, unit_urn: str | None = None) -> list[IvSample]:
    sql, params = f"SELECT {_IV_COLUMNS} FROM iv_sample WHERE deleted = 0 AND registration_id = ?", [registration_id]
    if unit_urn is not None:
        sql += " AND unit_urn = ?"
        params.append(unit_urn)
    return [IvSample(*r) for r in db.execute(sql + " ORDER BY sampled_on, id", params).fetchall()]


def iv_sample(db: sqlite_utils.Database, sample_id: str) -> IvSample | None:
    row = db.execute(f"SELECT {_IV_COLUMNS} FROM iv_sample WHERE id = ? AND deleted = 0", [sample_id]).fetchone()
    return IvSample(*row) if row else None
