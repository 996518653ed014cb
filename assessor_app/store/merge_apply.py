"""The merge: records rebuilt from the change log, a pure function of the set of change records."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

import sqlite_utils

from assessor_app.domain.hlc import Stamp, ahead_of
from assessor_app.store import outbox
from assessor_app.store.change_log import CHUNK, ITEM, LINK, Change, changes_of
from assessor_app.store.merge_units import (Holds, flag_second_signoffs, items_of_links, items_of_units,
                                            links_of_units, record_amendment, units_touched)

# Columns that move with every edit: never a reason to revive a deleted row, never worth a line of history.
META = ("created_at", "updated_at", "device_id")


@dataclass
class ApplyReport:
    received: int = 0
    new: int = 0
    rows: int = 0
    ahead: list[str] = field(default_factory=list)


def receive(db: sqlite_utils.Database, changes: list[tuple], now_ms: int) -> ApplyReport:
    """Inside an open transaction: add change records (CHANGE_FIELDS tuples) to the log, skipping those seen,
    advance the clock past them, and rebuild every row they touch."""
    report = ApplyReport(received=len(changes))
    by_device: dict[str, list[tuple]] = defaultdict(list)
    for change in changes:
        by_device[change[0]].append(change)
    fresh: dict[tuple[str, int], tuple] = {}
    last_seq: dict[str, int] = {}
    for device, offered in by_device.items():
        seqs = [c[1] for c in offered]
        seen = {r[0] for r in db.execute("SELECT device_seq FROM sync_change WHERE device_id = ? AND device_seq "
                                         "BETWEEN ? AND ?", [device, min(seqs), max(seqs)]).fetchall()}
        fresh.update({(device, c[1]): c for c in offered if c[1] not in seen})
        last_seq[device] = max(seqs)
    db.conn.executemany("INSERT OR IGNORE INTO sync_change (device_id, device_seq, hlc, table_name, row_id, field, "
                        "value, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", list(fresh.values()))
    report.new = len(fresh)
    affected = {(c[3], c[4]) for c in fresh.values()}
    latest = max((Stamp.parse(c[2]) for c in fresh.values()), default=None)
    known = outbox.vector(db)
    for device, seq in last_seq.items():
        if seq > known.get(device, {}).get("last_seq", 0):
            outbox.record_vector(db, device, last_seq=seq)
    if latest is not None:
        outbox.advance_clock(db, latest, now_ms)
        if ahead_of(latest, now_ms):
            report.ahead.append(latest.text())
    report.rows = rebuild(db, affected)
    return report


def rebuild(db: sqlite_utils.Database, affected: set[tuple[str, str]]) -> int:
    """Rebuild the rows named (and every row their sign-off state governs) from the log; returns how many."""
    affected = set(affected) | _always_revisited(db)
    if not affected:
        return 0
    db.execute("PRAGMA defer_foreign_keys = ON")
    tables = outbox.syncable_tables(db)
    immutable = outbox.immutable_tables(db)
    by_table: dict[str, set[str]] = defaultdict(set)
    for table, row_id in affected:
        if table in tables:
            by_table[table].add(row_id)
    with outbox.muted(db):
        for table in [t for t in tables if t not in (LINK, ITEM)]:
            _rebuild_table(db, table, tables[table], by_table.get(table, set()), immutable, None)
        units = units_touched(db, by_table)
        flag_second_signoffs(db, units)
        holds = Holds(db)
        links = by_table.get(LINK, set()) | links_of_units(db, units)
        if LINK in tables:
            _rebuild_table(db, LINK, tables[LINK], links, immutable, holds.for_link)
        items = by_table.get(ITEM, set()) | items_of_links(db, links) | items_of_units(db, units)
        if ITEM in tables:
            _rebuild_table(db, ITEM, tables[ITEM], items, immutable, holds.for_item)
            refresh_display_refs(db, _learners_of_items(db, items))
        touched = [t for t in tables if by_table.get(t) or t in (LINK, ITEM)]
        _set_aside_orphans(db, touched, list(tables))
    return sum(len(ids) for ids in by_table.values()) + len(links) + len(items)


def settle_own(db: sqlite_utils.Database, device_id: str) -> int:
    """Rebuild the rows this device changed since its last export, so their history is what every other device
    computes from the same changes."""
    exported = outbox.vector(db).get(device_id, {}).get("exported_seq", 0)
    # A row with one change only (most of a first sync) has no history and nothing to hold back.
    touched = db.execute("SELECT DISTINCT o.table_name, o.row_id FROM sync_change o WHERE o.device_id = ? AND "
                         "o.device_seq > ? AND EXISTS (SELECT 1 FROM sync_change c WHERE c.table_name = o.table_name "
                         "AND c.row_id = o.row_id AND c.rowid != o.rowid)", [device_id, exported]).fetchall()
    return rebuild(db, {tuple(r) for r in touched})


def _learners_of_items(db, items: set[str]) -> set[str]:
    """Every learner the items belong to or ever belonged to (a merge of duplicate learners moves items)."""
    found = set()
    ordered = sorted(items)
    for start in range(0, len(ordered), CHUNK):
        part = ordered[start:start + CHUNK]
        marks = ", ".join("?" for _ in part)
        found |= {r[0] for r in db.execute(
            f"SELECT DISTINCT CASE field WHEN '*' THEN json_extract(value, '$.learner_id') ELSE "
            f"json_extract(value, '$') END FROM sync_change WHERE table_name = ? AND row_id IN ({marks}) AND "
            f"field IN ('*', 'learner_id')", [ITEM, *part]).fetchall() if r[0]}
    return found


def refresh_display_refs(db: sqlite_utils.Database, learner_ids: set[str]) -> None:
    """One Evidence Ref No held by several items of a learner: the first by the clock shows it as issued, the
    others as E12-b, E12-c... Deleted items count too, since a ref is never given to another item."""
    for learner_id in sorted(learner_ids):
        db.execute("DELETE FROM sync_display_ref WHERE learner_id = ?", [learner_id])
        found = db.execute(
            "SELECT e.id, e.ref, (SELECT min(c.hlc || ' ' || c.device_id || ' ' || printf('%012d', c.device_seq)) "
            "FROM sync_change c WHERE c.table_name = 'evidence_item' AND c.row_id = e.id AND c.field = '*') "
            "FROM evidence_item e WHERE e.learner_id = ?", [learner_id]).fetchall()
        groups: dict[str, list[tuple]] = defaultdict(list)
        for evidence_id, ref, born in found:
            groups[ref.casefold()].append((born or "", evidence_id, ref))
        for group in groups.values():
            for position, (_, evidence_id, ref) in enumerate(sorted(group)[1:], start=1):
                db.execute("INSERT INTO sync_display_ref (evidence_id, learner_id, display_ref) VALUES (?, ?, ?)",
                           [evidence_id, learner_id, f"{ref}-{_suffix(position)}"])


def _suffix(position: int) -> str:
    """b, c, ... z, then ba, bb ... (position 1 is b: the first item keeps the plain ref)."""
    letters = ""
    while True:
        letters = "abcdefghijklmnopqrstuvwxyz"[position % 26] + letters
        position //= 26
        if position == 0:
            return letters


def _always_revisited(db) -> set[tuple[str, str]]:
    """Rows waiting for a parent, and rows held back as amendments (a reopening may release them)."""
    waiting = db.execute("SELECT table_name, row_id FROM sync_waiting").fetchall()
    held = db.execute("SELECT table_name, row_id FROM sync_amendment").fetchall()
    return {tuple(r) for r in waiting + held}


def _current_rows(db, table: str, columns: list[str], row_ids: list[str]) -> dict[str, dict]:
    found = {}
    for start in range(0, len(row_ids), CHUNK):
        part = row_ids[start:start + CHUNK]
        marks = ", ".join("?" for _ in part)
        for r in db.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id IN ({marks})", part).fetchall():
            found[r[0]] = dict(zip(columns, r))
    return found


def _rebuild_table(db, table: str, columns: list[str], row_ids: set[str], immutable: set[str], hold) -> None:
    if not row_ids:
        return
    ordered = sorted(row_ids)
    changes = changes_of(db, table, ordered)
    current = _current_rows(db, table, columns, ordered)
    for start in range(0, len(ordered), CHUNK):
        part = ordered[start:start + CHUNK]
        marks = ", ".join("?" for _ in part)
        db.execute(f"DELETE FROM sync_history WHERE table_name = ? AND row_id IN ({marks})", [table, *part])
        db.execute(f"DELETE FROM sync_amendment WHERE table_name = ? AND row_id IN ({marks})", [table, *part])
        db.execute(f"DELETE FROM sync_waiting WHERE table_name = ? AND row_id IN ({marks})", [table, *part])
    history: list[tuple] = []
    inserts: dict[tuple[str, ...], list[tuple]] = defaultdict(list)
    for row_id in ordered:
        eligible = []
        for change in sorted(changes.get(row_id, []), key=lambda c: c.key):
            held = hold(change) if hold else None
            if held is None:
                eligible.append(change)
            else:
                record_amendment(db, change, held)
        winners = _winners(table, row_id, columns, eligible, history)
        if winners is not None and row_id not in current:
            inserts[tuple(winners)].append(tuple(winners.values()))
        else:
            _write_row(db, table, columns, row_id, winners, current.get(row_id), table in immutable)
    db.conn.executemany("INSERT OR IGNORE INTO sync_history (table_name, row_id, field, value, hlc, device_id, "
                        "device_seq) VALUES (?, ?, ?, ?, ?, ?, ?)", history)
    for names, values in inserts.items():
        _insert_rows(db, table, names, values)


def _insert_rows(db, table: str, names: tuple[str, ...], values: list[tuple]) -> None:
    """New rows in one statement; should the database refuse one, each is tried alone and the refused wait."""
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
    db.execute("SAVEPOINT merge_insert")
    try:
        db.conn.executemany(sql, values)
        db.execute("RELEASE merge_insert")
        return
    except sqlite3.IntegrityError:
        db.execute("ROLLBACK TO merge_insert")
        db.execute("RELEASE merge_insert")
    for row in values:
        try:
            db.execute(sql, list(row))
        except sqlite3.IntegrityError as refused:
            _wait(db, table, row[0], f"refused by the database: {refused}")


def _winners(table: str, row_id: str, columns: list[str], eligible: list[Change], history: list[tuple]) -> dict | None:
    """Last writer wins per column by (clock, device, sequence); every losing value goes to history; a deletion
    gives way to any later edit. None when no eligible change creates the row."""
    if not any(c.field == "*" for c in eligible):
        return None
    if len(eligible) == 1:  # one whole-row change: nothing to compare
        values = eligible[0].decoded
        return {"id": row_id, **{c: values[c] for c in columns if c in values and c != "id"}}
    candidates: dict[str, list[tuple[tuple, object, Change]]] = defaultdict(list)
    for change in eligible:
        for column, value in change.decoded.items():
            if column in columns and column != "id":
                candidates[column].append((change.key, value, change))
    winners: dict = {"id": row_id}
    for column, offers in candidates.items():
        offers.sort(key=lambda offer: offer[0])
        winning_value = offers[-1][1]
        winners[column] = winning_value
        if column in META:
            continue
        for _key, value, change in offers[:-1]:
            if value != winning_value:
                history.append((table, row_id, column, json.dumps(value, sort_keys=True), change.hlc,
                                change.device_id, change.device_seq))
    if winners.get("deleted") == 1 and "deleted" in candidates:
        deletion = candidates["deleted"][-1][0]
        later_edit = any(change.key > deletion and any(c not in META and c != "deleted" for c in change.decoded)
                         for change in eligible)
        if later_edit:
            winners["deleted"] = 0
    return winners


def _write_row(db, table: str, columns: list[str], row_id: str, winners: dict | None, current: dict | None,
               immutable: bool) -> None:
    if winners is None:
        if current is not None:
            db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
        return
    if current is None:
        names = list(winners)
        try:
            db.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
                       [winners[n] for n in names])
        except sqlite3.IntegrityError as refused:
            _wait(db, table, row_id, f"refused by the database: {refused}")
        return
    differing = {c: v for c, v in winners.items() if c in current and current[c] != v}
    if differing and not immutable:
        assignments = ", ".join(f"{c} = ?" for c in differing)
        try:
            db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*differing.values(), row_id])
        except sqlite3.IntegrityError as refused:
            _wait(db, table, row_id, f"refused by the database: {refused}")


def _wait(db, table: str, row_id: str, reason: str) -> None:
    db.execute("INSERT OR REPLACE INTO sync_waiting (table_name, row_id, reason) VALUES (?, ?, ?)",
               [table, row_id, reason])


def _set_aside_orphans(db, touched: list[str], every_table: list[str]) -> None:
    """A row whose parent has not arrived yet (its bundle set aside, or not copied yet) waits, out of the
    records, and is rebuilt at every later import until its parent is there. Setting one aside may orphan its
    own children, in any table, so later rounds look everywhere."""
    tables = touched
    while True:
        orphans = []
        for table in tables:
            orphans += db.execute(f"PRAGMA foreign_key_check({table})").fetchall()
        if not orphans:
            return
        tables = every_table
        for table, rowid, parent, _ in orphans:
            row = db.execute(f"SELECT id FROM {table} WHERE rowid = ?", [rowid]).fetchone()
            if row is None:
                continue
            _wait(db, table, row[0], f"waiting for its {parent} record")
            db.execute(f"DELETE FROM {table} WHERE rowid = ?", [rowid])
