"""Reads and writes of evidence items (with their people and attachments), evidence links and ticks."""

from __future__ import annotations

import json

import sqlite_utils

from assessor_app.domain.evidence import (Attachment, EvidenceItem, EvidenceLink, LinkFact, QuestionAnswer,
                                          TimedNote)
from assessor_app.domain.ids import new_id, utc_now
from assessor_app.domain.records import CriterionTick
from assessor_app.store import rows

_ITEM_COLUMNS = ("id, learner_id, ref, kind, date, title, time, duration_minutes, location, narrative, "
                 "expert_witness, document_location, document_relevance, questions, deleted, activity, notes, topics, "
                 "word_count, status")
# The Ref No shown on unit pages: as issued, or E12-b where two laptops issued E12 to different items
# (store/merge_apply.py). Items keep the ref as issued: a sign-off's digest vouches for that.
_SHOWN_REF = "coalesce((SELECT d.display_ref FROM sync_display_ref d WHERE d.evidence_id = e.id), e.ref)"
_LINK_COLUMNS = "id, evidence_id, registration_id, unit_urn, criterion_number, met_on"
_ATTACHMENT_COLUMNS = "id, evidence_id, sha256, name, media_type, size"


def _prefixed(columns: str, alias: str) -> str:
    return ", ".join(f"{alias}.{c}" for c in columns.split(", "))


def _item(row, person_ids=(), attachments=()) -> EvidenceItem:
    questions = tuple(QuestionAnswer(q["question"], q.get("answer", "")) for q in json.loads(row[13] or "[]"))
    return EvidenceItem(
        id=row[0], learner_id=row[1], ref=row[2], kind=row[3], date=row[4], title=row[5], time=row[6],
        duration_minutes=row[7], location=row[8], narrative=row[9], expert_witness=bool(row[10]),
        document_location=row[11], document_relevance=row[12], questions=questions,
        person_ids=tuple(person_ids), attachments=tuple(attachments), deleted=bool(row[14]), activity=row[15],
        notes=tuple(TimedNote(n["time"], n["text"]) for n in json.loads(row[16] or "[]")), topics=row[17],
        word_count=row[18], status=row[19])


def item_row(item: EvidenceItem) -> dict:
    """The evidence_item columns of `item` (people and attachments live in their own tables)."""
    return {
        "id": item.id, "learner_id": item.learner_id, "ref": item.ref, "kind": item.kind, "date": item.date,
        "title": item.title, "time": item.time, "duration_minutes": item.duration_minutes,
        "location": item.location, "narrative": item.narrative, "expert_witness": int(item.expert_witness),
        "document_location": item.document_location, "document_relevance": item.document_relevance,
        "questions": json.dumps([{"question": q.question, "answer": q.answer} for q in item.questions]),
        "activity": item.activity, "notes": json.dumps([{"time": n.time, "text": n.text} for n in item.notes]),
        "topics": item.topics, "word_count": item.word_count, "status": item.status,
    }


def insert_item(db: sqlite_utils.Database, item: EvidenceItem, device_id: str) -> None:
    rows.insert(db, "evidence_item", item_row(item), device_id)
    for person_id in item.person_ids:
        rows.insert(db, "evidence_person", {"id": new_id(), "evidence_id": item.id, "person_id": person_id},
                    device_id)


def update_item(db: sqlite_utils.Database, before: EvidenceItem, after: EvidenceItem, device_id: str) -> None:
    """Store `after` over `before`: changed columns, and people added or (soft) removed."""
    old, new = item_row(before), item_row(after)
    changed = {k: v for k, v in new.items() if old[k] != v}
    if changed:
        rows.update(db, "evidence_item", after.id, changed, device_id)
    removed = set(before.person_ids) - set(after.person_ids)
    for person_id in removed:
        db.execute("UPDATE evidence_person SET deleted = 1, updated_at = ?, device_id = ? "
                   "WHERE evidence_id = ? AND person_id = ? AND deleted = 0", [utc_now(), device_id, after.id, person_id])
    for person_id in after.person_ids:
        if person_id not in before.person_ids:
            rows.insert(db, "evidence_person", {"id": new_id(), "evidence_id": after.id, "person_id": person_id},
                        device_id)


def set_item_deleted(db: sqlite_utils.Database, evidence_id: str, deleted: bool, device_id: str) -> None:
    rows.set_deleted(db, "evidence_item", evidence_id, deleted, device_id)


def _people_and_files(db: sqlite_utils.Database, where: str, params: list) -> tuple[dict, dict]:
    people: dict[str, list[str]] = {}
    for evidence_id, person_id in db.execute(
            f"SELECT ep.evidence_id, ep.person_id FROM evidence_person ep JOIN evidence_item e ON e.id = ep.evidence_id "
            f"WHERE ep.deleted = 0 AND {where} ORDER BY ep.created_at, ep.id", params).fetchall():
        people.setdefault(evidence_id, []).append(person_id)
    files: dict[str, list[Attachment]] = {}
    for row in db.execute(
            f"SELECT {_prefixed(_ATTACHMENT_COLUMNS, 'a')} FROM attachment a "
            f"JOIN evidence_item e ON e.id = a.evidence_id WHERE a.deleted = 0 AND {where} "
            f"ORDER BY a.created_at, a.id", params).fetchall():
        files.setdefault(row[1], []).append(Attachment(*row))
    return people, files


def items(db: sqlite_utils.Database, learner_id: str, *, include_deleted: bool = False) -> list[EvidenceItem]:
    """The learner's evidence register, people and attachments included (three queries, whatever its size)."""
    live = "" if include_deleted else " AND e.deleted = 0"
    found = db.execute(f"SELECT {_prefixed(_ITEM_COLUMNS, 'e')} "
                       f"FROM evidence_item e WHERE e.learner_id = ?{live}", [learner_id]).fetchall()
    people, files = _people_and_files(db, f"e.learner_id = ?{live}", [learner_id])
    return [_item(r, people.get(r[0], ()), files.get(r[0], ())) for r in found]


def item(db: sqlite_utils.Database, evidence_id: str) -> EvidenceItem | None:
    """One evidence item, deleted or not."""
    row = db.execute(f"SELECT {_ITEM_COLUMNS} FROM evidence_item WHERE id = ?", [evidence_id]).fetchone()
    if row is None:
        return None
    people, files = _people_and_files(db, "e.id = ?", [evidence_id])
    return _item(row, people.get(evidence_id, ()), files.get(evidence_id, ()))


def item_id_by_ref(db: sqlite_utils.Database, learner_id: str, ref: str) -> str | None:
    """The id of the learner's item shown with this ref (compared without case), deleted or not."""
    row = db.execute(f"SELECT e.id FROM evidence_item e WHERE e.learner_id = ? AND {_SHOWN_REF} = ? COLLATE NOCASE",
                     [learner_id, ref]).fetchone()
    return row[0] if row else None


def refs(db: sqlite_utils.Database, learner_id: str) -> list[str]:
    """Every ref the learner's register has used, deleted items' included (a ref is never reused)."""
    return [r[0] for r in db.execute("SELECT ref FROM evidence_item WHERE learner_id = ?", [learner_id]).fetchall()]


# -- links ----------------------------------------------------------------------------------------------------
def insert_link(db: sqlite_utils.Database, link: EvidenceLink, device_id: str) -> None:
    rows.insert(db, "evidence_link", {"id": link.id, "evidence_id": link.evidence_id,
                                      "registration_id": link.registration_id, "unit_urn": link.unit_urn,
                                      "criterion_number": link.criterion_number, "met_on": link.met_on}, device_id)


def set_link_deleted(db: sqlite_utils.Database, link_id: str, deleted: bool, device_id: str) -> None:
    rows.set_deleted(db, "evidence_link", link_id, deleted, device_id)


def link(db: sqlite_utils.Database, link_id: str) -> tuple[EvidenceLink, bool] | None:
    """A link and whether it is deleted."""
    row = db.execute(f"SELECT {_LINK_COLUMNS}, deleted FROM evidence_link WHERE id = ?", [link_id]).fetchone()
    return (EvidenceLink(*row[:6]), bool(row[6])) if row else None


def links(db: sqlite_utils.Database, *, registration_id: str | None = None, evidence_id: str | None = None,
          learner_id: str | None = None, unit_urn: str | None = None) -> list[EvidenceLink]:
    """Live links (link and item not deleted) filtered by any of registration, evidence item, learner, unit."""
    where, params = ["l.deleted = 0", "e.deleted = 0"], []
    for column, value in (("l.registration_id", registration_id), ("l.evidence_id", evidence_id),
                          ("e.learner_id", learner_id), ("l.unit_urn", unit_urn)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = (f"SELECT {_prefixed(_LINK_COLUMNS, 'l')} FROM evidence_link l "
           f"JOIN evidence_item e ON e.id = l.evidence_id WHERE {' AND '.join(where)} ORDER BY l.id")
    return [EvidenceLink(*r) for r in db.execute(sql, params).fetchall()]


def live_link_for(db: sqlite_utils.Database, evidence_id: str, registration_id: str, unit_urn: str,
                  criterion_number: str) -> str | None:
    row = db.execute("SELECT id FROM evidence_link WHERE evidence_id = ? AND registration_id = ? AND unit_urn = ? "
                     "AND criterion_number = ? AND deleted = 0",
                     [evidence_id, registration_id, unit_urn, criterion_number]).fetchone()
    return row[0] if row else None


_FACT_SQL = (f"SELECT l.id, l.evidence_id, {_SHOWN_REF}, l.registration_id, l.unit_urn, l.criterion_number, "
             "coalesce(l.met_on, e.date) FROM evidence_link l JOIN evidence_item e ON e.id = l.evidence_id "
             "WHERE l.deleted = 0 AND e.deleted = 0 AND l.registration_id = ?")


def link_facts(db: sqlite_utils.Database, registration_id: str, unit_urn: str | None = None) -> list[LinkFact]:
    """Live links with their evidence ref and effective date: what Ref No and Date are derived from."""
    sql, params = _FACT_SQL, [registration_id]
    if unit_urn is not None:
        sql += " AND l.unit_urn = ?"
        params.append(unit_urn)
    return [LinkFact(*r) for r in db.execute(sql, params).fetchall()]


def ticks(db: sqlite_utils.Database, registration_id: str, unit_urn: str | None = None) -> list[CriterionTick]:
    """Live links shown as the skeleton's ticks, in date order."""
    return [CriterionTick(f.link_id, f.registration_id, f.unit_urn, f.criterion_number, f.date, f.evidence_ref,
                          f.evidence_id)
            for f in sorted(link_facts(db, registration_id, unit_urn), key=lambda f: (f.date, f.link_id))]


# -- attachments ----------------------------------------------------------------------------------------------
def insert_attachment(db: sqlite_utils.Database, attachment: Attachment, device_id: str) -> None:
    rows.insert(db, "attachment", {"id": attachment.id, "evidence_id": attachment.evidence_id,
                                   "sha256": attachment.sha256, "name": attachment.name,
                                   "media_type": attachment.media_type, "size": attachment.size}, device_id)


def attachment(db: sqlite_utils.Database, attachment_id: str) -> tuple[Attachment, bool] | None:
    row = db.execute(f"SELECT {_ATTACHMENT_COLUMNS}, deleted FROM attachment WHERE id = ?",
                     [attachment_id]).fetchone()
    return (Attachment(*row[:6]), bool(row[6])) if row else None


def set_attachment_deleted(db: sqlite_utils.Database, attachment_id: str, deleted: bool, device_id: str) -> None:
    rows.set_deleted(db, "attachment", attachment_id, deleted, device_id)


def referenced_files(db: sqlite_utils.Database) -> dict[str, str]:
    """Every stored file the records name (deleted records too: they can be restored), by SHA-256,
    with a description of one record naming it."""
    found: dict[str, str] = {}
    queries = (
        ("SELECT a.sha256, a.name || ' (evidence ' || e.ref || ')' FROM attachment a "
         "JOIN evidence_item e ON e.id = a.evidence_id"),
        "SELECT signature_sha256, 'signature of ' || name FROM person WHERE signature_sha256 IS NOT NULL",
        "SELECT signature_sha256, 'sign-off signature of ' || assessor_name FROM unit_signoff "
        "WHERE signature_sha256 IS NOT NULL",
        "SELECT countersignature_sha256, 'IV countersignature of ' || iv_name FROM iv_sample "
        "WHERE countersignature_sha256 IS NOT NULL",
        ("SELECT s.signature_sha256, 'signature of ' || s.name || ' on evidence ' || e.ref FROM evidence_signature s "
         "JOIN evidence_item e ON e.id = s.evidence_id"),
    )
    for sql in queries:
        for sha256, description in db.execute(sql).fetchall():
            found.setdefault(sha256, description)
    return found
