"""Signed-off units in the merge: which incoming changes they hold back as amendment requests, and which of two
offline sign-offs stands."""

from __future__ import annotations

import hashlib
import json

from assessor_app.store.change_log import CHUNK, ITEM, LINK, Change


def amendment_id(change: "Change") -> str:
    """One request per held edit (all its fields, made in one write on one device), the same on every device."""
    origin = f"{change.device_id}:{change.hlc}:{change.table}:{change.row_id}"
    return hashlib.sha256(origin.encode()).hexdigest()[:32]


def units_touched(db, by_table: dict[str, set[str]]) -> set[tuple[str, str]]:
    units = set()
    for signoff_id in by_table.get("unit_signoff", ()):
        units |= set(db.execute("SELECT registration_id, unit_urn FROM unit_signoff WHERE id = ?",
                                [signoff_id]).fetchall())
    for reopen_id in by_table.get("unit_reopen", ()):
        units |= set(db.execute("SELECT s.registration_id, s.unit_urn FROM unit_reopen r JOIN unit_signoff s "
                                "ON s.id = r.signoff_id WHERE r.id = ?", [reopen_id]).fetchall())
    for decision_id in by_table.get("amendment_decision", ()):
        units |= set(db.execute("SELECT a.registration_id, a.unit_urn FROM amendment_decision d JOIN sync_amendment "
                                "a ON a.id = d.amendment_id WHERE d.id = ?", [decision_id]).fetchall())
    return {tuple(u) for u in units}


def _signoff_order(db, signoff_id: str) -> tuple:
    row = db.execute("SELECT min(hlc || ' ' || device_id || ' ' || printf('%012d', device_seq)) FROM sync_change "
                     "WHERE table_name = 'unit_signoff' AND row_id = ? AND field = '*'", [signoff_id]).fetchone()
    return (row[0] or "", signoff_id)


def flag_second_signoffs(db, units: set[tuple[str, str]]) -> None:
    """Of two sign-offs of one unit made offline (neither reopened), the earlier by the clock stands."""
    for registration_id, unit_urn in sorted(units):
        standing = [r[0] for r in db.execute(
            "SELECT s.id FROM unit_signoff s WHERE s.registration_id = ? AND s.unit_urn = ? AND s.deleted = 0 AND "
            "NOT EXISTS (SELECT 1 FROM unit_reopen r WHERE r.signoff_id = s.id AND r.deleted = 0)",
            [registration_id, unit_urn]).fetchall()]
        all_ids = [r[0] for r in db.execute("SELECT id FROM unit_signoff WHERE registration_id = ? AND unit_urn = ?",
                                            [registration_id, unit_urn]).fetchall()]
        for signoff_id in all_ids:
            db.execute("DELETE FROM sync_flag WHERE kind = 'second_signoff' AND record_id = ?", [signoff_id])
        standing.sort(key=lambda s: _signoff_order(db, s))
        for later in standing[1:]:
            db.execute("INSERT INTO sync_flag (kind, record_id, detail) VALUES ('second_signoff', ?, ?)",
                       [later, f"signed offline after {standing[0]}; the earlier sign-off stands"])


class Holds:
    """Which incoming changes a signed-off unit holds back: those made on another device that the signer had
    not seen when signing (the sign-off's change record carries what its device had seen)."""

    def __init__(self, db):
        self.db = db
        self._active: dict[tuple[str, str], tuple | None] = {}
        self._decided = dict(db.execute("SELECT amendment_id, decision FROM amendment_decision WHERE deleted = 0 "
                                        "ORDER BY id DESC").fetchall())
        # Units with any sign-off at all: a change elsewhere needs no further look.
        self._signed = {tuple(r) for r in db.execute("SELECT DISTINCT registration_id, unit_urn FROM unit_signoff"
                                                     ).fetchall()}
        self._link_units: dict[str, tuple] = {}
        self._item_units: dict[str, list[tuple]] = {}

    def active(self, registration_id: str, unit_urn: str) -> tuple | None:
        """(sign-off id, its device, what it had seen) of the unit's standing sign-off, if any."""
        unit = (registration_id, unit_urn)
        if unit not in self._active:
            row = self.db.execute(
                "SELECT s.id FROM unit_signoff s WHERE s.registration_id = ? AND s.unit_urn = ? AND s.deleted = 0 "
                "AND NOT EXISTS (SELECT 1 FROM unit_reopen r WHERE r.signoff_id = s.id AND r.deleted = 0) AND NOT "
                "EXISTS (SELECT 1 FROM sync_flag f WHERE f.kind = 'second_signoff' AND f.record_id = s.id)",
                list(unit)).fetchone()
            found = None
            if row:
                origin = self.db.execute("SELECT device_id, seen FROM sync_change WHERE table_name = 'unit_signoff' "
                                         "AND row_id = ? AND field = '*' ORDER BY hlc LIMIT 1", [row[0]]).fetchone()
                if origin:
                    found = (row[0], origin[0], json.loads(origin[1] or "{}"))
            self._active[unit] = found
        return self._active[unit]

    def _judge(self, change: Change, units) -> tuple | None:
        """None to apply the change; else (registration, unit, sign-off) of the unit holding it back. A dismissed
        request is held for good (and stays listed, decided); an accepted one applies."""
        if not self._decided and not any(tuple(u) in self._signed for u in units):
            return None
        decision = self._decided.get(amendment_id(change))
        if decision == "applied":
            return None
        if decision == "dismissed":
            registration_id, unit_urn = sorted(units)[0] if units else ("", "")
            return (registration_id, unit_urn, "")
        for registration_id, unit_urn in sorted(units):
            active = self.active(registration_id, unit_urn)
            if active is None:
                continue
            signoff_id, signer, seen = active
            if change.device_id != signer and seen.get(change.device_id, 0) < change.device_seq:
                return (registration_id, unit_urn, signoff_id)
        return None

    def for_link(self, change: Change):
        if change.row_id not in self._link_units and change.field == "*":
            values = change.decoded
            self._link_units[change.row_id] = (values.get("registration_id"), values.get("unit_urn"))
        if change.row_id not in self._link_units:
            origin = self.db.execute("SELECT value FROM sync_change WHERE table_name = ? AND row_id = ? AND "
                                     "field = '*' ORDER BY hlc LIMIT 1", [LINK, change.row_id]).fetchone()
            values = json.loads(origin[0]) if origin else {}
            self._link_units[change.row_id] = (values.get("registration_id"), values.get("unit_urn"))
        unit = self._link_units[change.row_id]
        return None if unit == (None, None) else self._judge(change, [unit])

    def for_item(self, change: Change):
        if change.field == "*" or not (self._signed or self._decided):
            return None
        if change.row_id not in self._item_units:
            self._item_units[change.row_id] = [tuple(u) for u in self.db.execute(
                "SELECT DISTINCT registration_id, unit_urn FROM evidence_link WHERE evidence_id = ? AND deleted = 0",
                [change.row_id]).fetchall()]
        return self._judge(change, self._item_units[change.row_id])


def record_amendment(db, change: Change, held: tuple) -> None:
    registration_id, unit_urn, signoff_id = held
    db.execute("INSERT OR IGNORE INTO sync_amendment (id, device_id, device_seq, hlc, table_name, row_id, field, "
               "value, registration_id, unit_urn, signoff_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [amendment_id(change), change.device_id, change.device_seq, change.hlc,
                change.table, change.row_id, change.field, change.value, registration_id, unit_urn, signoff_id])


def links_of_units(db, units: set[tuple[str, str]]) -> set[str]:
    """Every link into the units, whether in the records now or only in the log (held back, or not yet built)."""
    if not units:
        return set()
    found = set()
    for registration_id, unit_urn in units:
        found |= {r[0] for r in db.execute("SELECT id FROM evidence_link WHERE registration_id = ? AND unit_urn = ?",
                                           [registration_id, unit_urn]).fetchall()}
    logged = db.execute("SELECT row_id, json_extract(value, '$.registration_id'), json_extract(value, '$.unit_urn') "
                        "FROM sync_change WHERE table_name = ? AND field = '*'", [LINK]).fetchall()
    found |= {row_id for row_id, registration_id, unit_urn in logged if (registration_id, unit_urn) in units}
    return found


def items_of_links(db, links: set[str]) -> set[str]:
    found = set()
    ordered = sorted(links)
    for start in range(0, len(ordered), CHUNK):
        part = ordered[start:start + CHUNK]
        marks = ", ".join("?" for _ in part)
        found |= {r[0] for r in db.execute(f"SELECT json_extract(value, '$.evidence_id') FROM sync_change WHERE "
                                           f"table_name = ? AND field = '*' AND row_id IN ({marks})",
                                           [LINK, *part]).fetchall() if r[0]}
    return found


def items_of_units(db, units: set[tuple[str, str]]) -> set[str]:
    found = set()
    for registration_id, unit_urn in units:
        found |= {r[0] for r in db.execute("SELECT row_id FROM sync_amendment WHERE table_name = ? AND "
                                           "registration_id = ? AND unit_urn = ?",
                                           [ITEM, registration_id, unit_urn]).fetchall()}
    return found
