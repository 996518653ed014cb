"""People use cases: assessors, witnesses and IVs, their specimen signatures, and each learner's contact sheet."""

from __future__ import annotations

from dataclasses import asdict, replace
from pathlib import Path

from assessor_app.domain.changes import Changes
from assessor_app.domain.ids import new_id
from assessor_app.domain.people import PERSON_FIELDS, Person, person_problems
from assessor_app.services.attachments import store_file
from assessor_app.services.blobs import BlobStore, is_sha256
from assessor_app.services.context import Context, ServiceError
from assessor_app.store import people as store


class PeopleService:
    def __init__(self, context: Context, blobs: BlobStore):
        self._context = context
        self._blobs = blobs

    def people(self, role: str | None = None) -> list[Person]:
        """Live people by name, of one role ("assessor", "witness", "iv") when given."""
        return store.people(self._context.db, role)

    def person(self, person_id: str) -> Person:
        found = store.person(self._context.db, person_id)
        if found is None:
            raise ServiceError(f"no person with id {person_id}")
        return found

    def add(self, role: str, name: str, *, signature: Path | None = None, **fields: str) -> tuple[Person, Changes]:
        """A new assessor (pin_no), witness (job_title, relationship) or IV; `signature` is an image file
        stored as the specimen signature. Inverse: delete."""
        person = self.new_person(role, name, signature=signature, **fields)
        with self._context.write() as w:
            store.insert_person(w.db, person, self._context.device_id)
            w.audit("create", "person", person.id, None, person)
        return person, w.changes

    def new_person(self, role: str, name: str, *, signature: Path | None = None, **fields: str) -> Person:
        """A checked Person not yet stored (its signature image is stored already, by content)."""
        person = Person(id=new_id(), role=role, name=name.strip(), **self._fields(fields))
        if signature is not None:
            person = replace(person, signature_sha256=store_file(self._blobs, signature)[0])
        self._check(person)
        return person

    def update(self, person_id: str, *, signature: Path | None = None, **fields: str) -> tuple[Person, Changes]:
        """Change a person's details or signature. Sign-offs already made keep the name, PIN and signature
        they were made with. Inverse: update with the old values."""
        before = self.person(person_id)
        values = self._fields(fields)
        if signature is not None:
            values["signature_sha256"] = store_file(self._blobs, signature)[0]
        after = replace(before, **values)
        self._check(after)
        changed = {k: v for k, v in asdict(after).items() if getattr(before, k) != v}
        if not changed:
            return before, Changes()
        with self._context.write() as w:
            store.update_person(w.db, person_id, changed, self._context.device_id)
            w.audit("update", "person", person_id, {k: getattr(before, k) for k in changed}, changed)
        return after, w.changes

    def delete(self, person_id: str) -> Changes:
        """Soft delete; records naming the person keep naming them. Inverse: restore."""
        return self._set_deleted(person_id, True)

    def restore(self, person_id: str) -> Changes:
        return self._set_deleted(person_id, False)

    def _set_deleted(self, person_id: str, deleted: bool) -> Changes:
        self.person(person_id)
        with self._context.write() as w:
            store.set_person_deleted(w.db, person_id, deleted, self._context.device_id)
            w.audit("delete" if deleted else "restore", "person", person_id, {"deleted": not deleted},
                    {"deleted": deleted})
        return w.changes

    # -- contact sheet ------------------------------------------------------------------------------------------
    def contacts(self, learner_id: str) -> list[Person]:
        """The people on a learner's CONTACT SHEET (witnesses, assessors, IVs), in the order added."""
        return store.contact_sheet(self._context.db, learner_id)

    def add_contact(self, learner_id: str, person_id: str) -> Changes:
        """Put a person on the learner's contact sheet (done automatically when a witness gives testimony,
        an assessor signs a unit or an IV samples one). Inverse: remove_contact."""
        self._context.learner(learner_id)
        self.person(person_id)
        with self._context.write() as w:
            add_contact_in(w, learner_id, person_id)
        return w.changes

    def remove_contact(self, learner_id: str, person_id: str) -> Changes:
        entry = store.contact_entry(self._context.db, learner_id, person_id)
        if entry is None or entry[1]:
            raise ServiceError("that person is not on the learner's contact sheet")
        with self._context.write() as w:
            store.remove_contact(w.db, entry[0], self._context.device_id)
            w.audit("delete", "learner_person", entry[0], {"learner_id": learner_id, "person_id": person_id}, None,
                    learner_id=learner_id)
        return w.changes

    @staticmethod
    def _fields(fields: dict) -> dict:
        unknown = sorted(set(fields) - set(PERSON_FIELDS) - {"name"})
        if unknown:
            raise ServiceError(f"a person has no field {', '.join(unknown)}")
        values = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
        sha = values.get("signature_sha256")
        if sha is not None and not is_sha256(sha):
            raise ServiceError(f"{sha!r} is not the SHA-256 of a stored signature")
        return values

    @staticmethod
    def _check(person: Person) -> None:
        problems = person_problems(person)
        if problems:
            raise ServiceError("; ".join(problems))


def add_contact_in(writer, learner_id: str, person_id: str) -> None:
    """Within an open write: put the person on the learner's contact sheet if not there already."""
    entry_id = store.add_contact(writer.db, learner_id, person_id, writer.device_id)
    if entry_id is not None:
        writer.audit("create", "learner_person", entry_id, None, {"learner_id": learner_id, "person_id": person_id},
                     learner_id=learner_id)
