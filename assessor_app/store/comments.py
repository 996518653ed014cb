"""Reads and writes of ASSESSOR COMMENTS AND FEEDBACK rows."""

from __future__ import annotations

import json

import sqlite_utils

from assessor_app.domain.evidence import Comment
from assessor_app.store import rows


def comment_row(comment: Comment) -> dict:
    return {"id": comment.id, "learner_id": comment.learner_id, "date": comment.date,
            "evidence_ids": json.dumps(list(comment.evidence_ids)), "text": comment.text,
            "draft": int(comment.draft)}


def insert_comment(db: sqlite_utils.Database, comment: Comment, device_id: str) -> None:
    rows.insert(db, "comment", comment_row(comment), device_id)


def update_comment(db: sqlite_utils.Database, comment_id: str, values: dict, device_id: str) -> None:
    rows.update(db, "comment", comment_id, values, device_id)


def set_comment_deleted(db: sqlite_utils.Database, comment_id: str, deleted: bool, device_id: str) -> None:
    rows.set_deleted(db, "comment", comment_id, deleted, device_id)


def _with_refs(db: sqlite_utils.Database, found: list) -> list[Comment]:
    ids = {i for r in found for i in json.loads(r[3])}
    refs = {}
    if ids:
        marks = ", ".join("?" for _ in ids)
        # The ref shown (E12-b where two laptops issued E12: see store/merge_apply.py), as on the unit pages.
        refs = dict(db.execute(f"SELECT e.id, coalesce(d.display_ref, e.ref) FROM evidence_item e LEFT JOIN "
                               f"sync_display_ref d ON d.evidence_id = e.id WHERE e.id IN ({marks})",
                               list(ids)).fetchall())
    result = []
    for r in found:
        evidence_ids = tuple(json.loads(r[3]))
        result.append(Comment(r[0], r[1], r[2], r[4], evidence_ids,
                              tuple(refs[i] for i in evidence_ids if i in refs), bool(r[5])))
    return result


def comments(db: sqlite_utils.Database, learner_id: str) -> list[Comment]:
    """The learner's comments in date order (then in the order written), each with its evidence refs."""
    found = db.execute("SELECT id, learner_id, date, evidence_ids, text, draft FROM comment "
                       "WHERE learner_id = ? AND deleted = 0 ORDER BY date, created_at, rowid", [learner_id]).fetchall()
    return _with_refs(db, found)


def comment(db: sqlite_utils.Database, comment_id: str) -> tuple[Comment, bool] | None:
    row = db.execute("SELECT id, learner_id, date, evidence_ids, text, draft, deleted FROM comment WHERE id = ?",
                     [comment_id]).fetchone()
    return (_with_refs(db, [row[:6]])[0], bool(row[6])) if row else None
