"""The assessor's own profile on this installation: who signs (name, PIN No, specimen signature) when the window does."""

from __future__ import annotations

from pathlib import Path

from assessor_app.domain.changes import Changes
from assessor_app.domain.people import ASSESSOR, Person
from assessor_app.services.context import Context, ServiceError
from assessor_app.services.people import PeopleService
from assessor_app.store import people, records

SETTING = "profile_person_id"


class ProfileService:
    def __init__(self, context: Context, people_service: PeopleService):
        self._context = context
        self._people = people_service

    def current(self) -> Person | None:
        """The assessor this installation signs for, or None before the first-run profile is made."""
        person_id = records.setting(self._context.db, SETTING)
        found = people.person(self._context.db, person_id) if person_id else None
        return found if found is not None and not found.deleted else None

    def create(self, name: str, pin_no: str, signature: Path | None = None) -> tuple[Person, Changes]:
        """The first-run profile: an assessor person with the PIN No printed on sign-offs and a specimen
        signature image, remembered as this installation's signer."""
        if not pin_no.strip():
            raise ServiceError("a PIN No is printed with every sign-off: enter yours")
        if signature is None:
            raise ServiceError("draw or load your signature: it is printed on each unit you sign off")
        person = self._people.new_person(ASSESSOR, name, signature=signature, pin_no=pin_no)
        with self._context.write() as w:  # the person and the setting naming them: both or neither
            people.insert_person(w.db, person, w.device_id)
            w.audit("create", "person", person.id, None, person)
            records.set_setting(w.db, SETTING, person.id)
            w.audit("update", "app_setting", SETTING, None, {"person_id": person.id})
        self._context.actor = person.name
        return person, w.changes

    def adopt(self, person_id: str) -> Changes:
        """Make an existing assessor this installation's signer (the demo's assessor, a colleague's laptop)."""
        person = self._people.person(person_id)
        if person.role != ASSESSOR:
            raise ServiceError(f"{person.name} is not recorded as an assessor")
        with self._context.write() as w:
            records.set_setting(w.db, SETTING, person.id)
            w.audit("update", "app_setting", SETTING, None, {"person_id": person.id})
        self._context.actor = person.name
        return w.changes

    def check_pin(self, pin_no: str) -> bool:
        """The PIN No typed to confirm a sign-off is the profile's."""
        person = self.current()
        return person is not None and bool(pin_no.strip()) and pin_no.strip() == person.pin_no
