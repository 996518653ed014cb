"""Evidence register use cases: adding, editing, deleting and restoring evidence items, and signing their forms."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from assessor_app.domain.changes import Changes
from assessor_app.domain.evidence import (EDITABLE_FIELDS, LEARNER, OBSERVATION, WITNESS_TESTIMONY, EvidenceItem,
                                          EvidenceSignature, check_date, next_ref, item_problems, notes_from, questions_from,
                                          sorted_items)
from assessor_app.domain.ids import new_id
from assessor_app.domain.people import ASSESSOR
from assessor_app.services.attachments import store_file
from assessor_app.services.blobs import BlobStore
from assessor_app.services.comments import draft_for_observation
from assessor_app.services.context import Context, ServiceError, Writer
from assessor_app.services.locks import refuse_if_evidence_locked
from assessor_app.services.people import add_contact_in
from assessor_app.store import evidence as store
from assessor_app.store import people as people_store
from assessor_app.store import signatures as signature_store
from assessor_app.store.evidence import item_row

# What a drawn or scanned signature may be: the image formats the printed record can draw.
IMAGE_HEADERS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


class EvidenceService:
    def __init__(self, context: Context, blobs: BlobStore):
        self._context = context
        # Content-addressed and stateless, so a store over the same folder is the same store as the session's.
        self._blobs = blobs

    def register(self, learner_id: str, *, include_deleted: bool = False) -> list[EvidenceItem]:
        """The learner's evidence register in Evidence Ref No order (E2 before E10), with people and attachments."""
        return sorted_items(store.items(self._context.db, learner_id, include_deleted=include_deleted))

    def item(self, evidence_id: str) -> EvidenceItem:
        """One evidence item (deleted ones too; see .deleted)."""
        found = store.item(self._context.db, evidence_id)
        if found is None:
            raise ServiceError(f"no evidence item with id {evidence_id}")
        return found

    def by_ref(self, learner_id: str, ref: str) -> EvidenceItem:
        evidence_id = store.item_id_by_ref(self._context.db, learner_id, ref.strip())
        if evidence_id is None:
            raise ServiceError(f"the learner has no evidence {ref}")
        return self.item(evidence_id)

    def next_ref(self, learner_id: str) -> str:
        """The ref the next item gets if none is given: E<n+1> over every E<n> used, deleted items' included."""
        return next_ref(store.refs(self._context.db, learner_id))

    def add(self, learner_id: str, kind: str, date: str, *, ref: str | None = None, draft_comment: bool = True,
            **fields) -> tuple[EvidenceItem, Changes]:
        """Log an evidence item. `kind`: observation, witness_testimony, professional_discussion, questioning,
        product, reflective_account, report, workplace_document, rpl or other. `fields`: title, time ("09:30"),
        duration_minutes, location, narrative, expert_witness, document_location, document_relevance (both
        required for a workplace document held on site), questions ([(question, answer)] or dicts), person_ids.
        `ref` defaults to the next E<n>; it must be unique for the learner and never changes afterwards.
        Witnesses named go onto the learner's contact sheet; an observation also gets a draft comment row
        (unless draft_comment=False). All in one transaction. Inverse: delete."""
        self._context.learner(learner_id)
        values = self._fields(fields)
        with self._context.write() as w:
            item = self.add_in(w, learner_id, kind, date, ref, values, draft_comment)
        return self.item(item.id), w.changes

    def add_in(self, w: Writer, learner_id: str, kind: str, date: str, ref: str | None, values: dict,
               draft_comment: bool) -> EvidenceItem:
        """Within an open write (shared with ticking under a new ref)."""
        ref = (ref or "").strip() or next_ref(store.refs(w.db, learner_id))
        item = EvidenceItem(id=new_id(), learner_id=learner_id, ref=ref, kind=kind, date=date, **values)
        self._check(w.db, item)
        if store.item_id_by_ref(w.db, learner_id, ref) is not None:
            raise ServiceError(f"Evidence Ref No {ref} is already used in this learner's register")
        store.insert_item(w.db, item, w.device_id)
        w.audit("create", "evidence_item", item.id, None, {**item_row(item), "person_ids": list(item.person_ids)},
                learner_id=learner_id)
        self._witnesses_to_contact_sheet(w, item)
        if kind == OBSERVATION and draft_comment:
            draft_for_observation(w, item)
        return item

    def update(self, evidence_id: str, **fields) -> tuple[EvidenceItem, Changes]:
        """Change any of the fields `add` takes (not the ref, which is stable, nor the learner). Refused while
        the item supports a signed-off unit. Inverse: update with the old values."""
        before = self.item(evidence_id)
        if before.deleted:
            raise ServiceError(f"evidence {before.ref} is deleted; restore it first")
        after = replace(before, **self._fields(fields))
        old = {**item_row(before), "person_ids": list(before.person_ids)}
        new = {**item_row(after), "person_ids": list(after.person_ids)}
        changed = {k: v for k, v in new.items() if old[k] != v}
        if not changed:
            return before, Changes()
        with self._context.write() as w:
            self.update_in(w, before, after)
        return self.item(evidence_id), w.changes

    def update_in(self, w: Writer, before: EvidenceItem, after: EvidenceItem) -> None:
        """Within an open write: store `after` over `before` (checked, audited, refused on a signed-off unit)."""
        old = {**item_row(before), "person_ids": list(before.person_ids)}
        new = {**item_row(after), "person_ids": list(after.person_ids)}
        changed = {k: v for k, v in new.items() if old[k] != v}
        refuse_if_evidence_locked(w.db, before.id, before.ref, f"change evidence {before.ref}")
        self._check(w.db, after)
        store.update_item(w.db, before, after, w.device_id)
        w.audit("update", "evidence_item", before.id, {k: old[k] for k in changed}, changed,
                learner_id=before.learner_id, also=("evidence_link",) if "date" in changed else ())
        self._witnesses_to_contact_sheet(w, after)

    def delete(self, evidence_id: str) -> Changes:
        """Soft delete: the item, its links and files stay in the file but stop counting. Refused while it
        supports a signed-off unit. Its ref is never given to another item. Inverse: restore."""
        return self._set_deleted(evidence_id, True)

    def restore(self, evidence_id: str) -> Changes:
        return self._set_deleted(evidence_id, False)

    def _set_deleted(self, evidence_id: str, deleted: bool) -> Changes:
        item = self.item(evidence_id)
        with self._context.write() as w:
            refuse_if_evidence_locked(w.db, evidence_id, item.ref,
                                      f"{'delete' if deleted else 'restore'} evidence {item.ref}")
            store.set_item_deleted(w.db, evidence_id, deleted, w.device_id)
            w.audit("delete" if deleted else "restore", "evidence_item", evidence_id, {"deleted": not deleted},
                    {"deleted": deleted}, learner_id=item.learner_id, also=("evidence_link",))
        return w.changes

    # -- signatures on the form ------------------------------------------------------------------------------
    def signatures(self, evidence_id: str) -> list[EvidenceSignature]:
        """The signatures on the item's form, in signing order."""
        self.item(evidence_id)
        return signature_store.signatures(self._context.db, evidence_id)

    def signatures_of_learner(self, learner_id: str) -> dict[str, list[EvidenceSignature]]:
        """The signatures on all the learner's forms, by evidence id, each in signing order."""
        return signature_store.signatures_of_learner(self._context.db, learner_id)

    def sign(self, evidence_id: str, signer: str, signed_on: str,
             signature: Path | None = None) -> tuple[EvidenceSignature, Changes]:
        """`signer` (a person's id, or "learner") signs the item's form on `signed_on` with the PNG or JPEG file
        `signature`, or with a person's stored specimen signature when none is given (the learner must draw one).
        Refused for a deleted item, a date before the evidence, a person neither on the item nor an assessor,
        no image, or a second signature by the same signer. Not undoable: a signature is never changed."""
        item = self.item(evidence_id)
        self._signable(item, signed_on)
        role, person_id, name, specimen = self._signer(item, signer)
        self._not_signed_yet(self._context.db, item, person_id, name)
        if signature is not None:
            sha256 = self._store_image(Path(signature))
        elif specimen is None:
            whose = "the learner signs by drawing" if person_id is None else f"{name} has no stored signature"
            raise ServiceError(f"{whose}: give the signature image to sign evidence {item.ref}")
        else:
            problem = self._blobs.problem(specimen)
            if problem:
                raise ServiceError(f"{name}'s stored signature cannot be used ({problem}): give a signature image")
            sha256 = specimen
        record = EvidenceSignature(new_id(), item.id, role, person_id, name, signed_on, sha256)
        with self._context.write() as w:
            self._signable(store.item(w.db, item.id), signed_on)  # as the item is now, not as first read
            self._not_signed_yet(w.db, item, person_id, name)
            signature_store.insert_signature(w.db, record, w.device_id)
            w.audit("sign", "evidence_signature", record.id, None, record, learner_id=item.learner_id,
                    also=("evidence_item",))
            if person_id is not None:
                add_contact_in(w, item.learner_id, person_id)
        return record, w.changes

    @staticmethod
    def _signable(item: EvidenceItem, signed_on: str) -> None:
        if item.deleted:
            raise ServiceError(f"evidence {item.ref} is deleted; restore it before signing its form")
        problem = check_date(signed_on, "signing date")
        if problem:
            raise ServiceError(problem)
        if signed_on < item.date:
            raise ServiceError(f"the signing date {signed_on} is before the date of evidence {item.ref} ({item.date})")

    def _signer(self, item: EvidenceItem, signer: str) -> tuple[str, str | None, str, str | None]:
        """(role, person id, name, specimen signature) of who signs."""
        if signer == LEARNER:
            return LEARNER, None, self._context.learner(item.learner_id).name, None
        person = people_store.person(self._context.db, signer)
        if person is None or person.deleted:
            raise ServiceError(f"no person with id {signer}")
        # An assessor may sign any form (they conduct or review it); anyone else only one they are named on.
        if person.id not in item.person_ids and person.role != ASSESSOR:
            raise ServiceError(f"{person.name} is not one of the people on evidence {item.ref}, so cannot sign "
                               "its form (add them to the evidence first)")
        return person.role, person.id, person.name, person.signature_sha256

    @staticmethod
    def _not_signed_yet(db, item: EvidenceItem, person_id: str | None, name: str) -> None:
        earlier = signature_store.signature_by(db, item.id, person_id)
        if earlier is not None:
            raise ServiceError(f"{name} has already signed evidence {item.ref} (on {earlier.signed_on})")

    def _store_image(self, source: Path) -> str:
        try:
            with open(source, "rb") as handle:
                header = handle.read(8)
        except OSError:
            header = None  # store_file below says what is wrong with the file
        if header is not None and not header.startswith(IMAGE_HEADERS):
            raise ServiceError(f"{source.name} is not a PNG or JPEG image, so it cannot be a signature")
        return store_file(self._blobs, source)[0]

    @staticmethod
    def _fields(fields: dict) -> dict:
        unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
        if unknown:
            raise ServiceError(f"an evidence item has no field {', '.join(unknown)}")
        values = dict(fields)
        for text in ("title", "time", "location", "narrative", "document_location", "document_relevance", "activity",
                     "topics"):
            if text in values:
                values[text] = (values[text] or "").strip()
        if "questions" in values:
            values["questions"] = questions_from(values["questions"])
        if "notes" in values:
            values["notes"] = notes_from(values["notes"])
        if "person_ids" in values:
            values["person_ids"] = tuple(dict.fromkeys(values["person_ids"] or ()))
        if "expert_witness" in values:
            values["expert_witness"] = bool(values["expert_witness"])
        return values

    @staticmethod
    def _check(db, item: EvidenceItem) -> None:
        problems = item_problems(item, people_store.roles(db, item.person_ids))
        if problems:
            raise ServiceError("; ".join(problems))

    @staticmethod
    def _witnesses_to_contact_sheet(w: Writer, item: EvidenceItem) -> None:
        if item.kind != WITNESS_TESTIMONY:
            return
        for person_id, role in people_store.roles(w.db, item.person_ids).items():
            if role == "witness":
                add_contact_in(w, item.learner_id, person_id)
