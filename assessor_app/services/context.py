"""What every service shares: the open store, the catalogue, who is writing, and the one-transaction write."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import asdict, is_dataclass
from pathlib import Path

from assessor_app.domain.catalogue import Qualification
from assessor_app.domain.changes import Changes
from assessor_app.domain.hlc import wall_ms
from assessor_app.domain.records import Learner, Registration
from assessor_app.services.catalogue import Catalogue
from assessor_app.store import outbox, records
from assessor_app.store.database import Store

log = logging.getLogger(__name__)


class ServiceError(ValueError):
    """A request the records refuse; the message is for the user."""


class LockedError(ServiceError):
    """A change to a signed-off unit's links, dates or evidence; reopen the unit (with a reason) first."""


def as_dict(value) -> dict | None:
    """A record as the audit trail stores it."""
    if value is None or isinstance(value, dict):
        return value
    return asdict(value) if is_dataclass(value) else dict(value)


class Writer:
    """One open write transaction: run statements on `db`, `audit` each change, collect the Changes."""

    def __init__(self, db, context: "Context"):
        self.db = db
        self._context = context
        self.device_id = context.device_id
        self.changes = Changes()

    def audit(self, action: str, table: str, record_id: str, before=None, after=None, *,
              learner_id: str | None = None, also: tuple[str, ...] = ()) -> None:
        """Append the audit event and note the record, its kind (from `table`, plus `also`) and learner in this
        write's Changes: the one place Changes are collected."""
        records.append_audit(self.db, device_id=self._context.device_id, actor=self._context.actor, action=action,
                             table=table, record_id=record_id, before=as_dict(before), after=as_dict(after))
        self.changes = self.changes | Changes.of(table, *also, learner_id=learner_id, record_id=record_id)
        log.info("%s %s %s", action, table, record_id)  # ids and actions only: no names, no text


class Context:
    """Shared by the services of one Session. `actor` names who writes in the audit trail."""

    def __init__(self, store: Store, catalogue: Catalogue, device_id: str, actor: str = "assessor",
                 attachments_dir: Path | None = None):
        self.store = store
        self.catalogue = catalogue
        self.device_id = device_id
        self.actor = actor
        self.attachments_dir = Path(attachments_dir) if attachments_dir else Path(store.path).parent / "attachments"
        # The wall clock the sync stamps read (milliseconds); tests give each simulated device a skewed one.
        self.clock = wall_ms

    @property
    def db(self):
        return self.store.db

    @contextlib.contextmanager
    def write(self) -> Iterator[Writer]:
        """One SQLite transaction (BEGIN IMMEDIATE .. COMMIT): all of it is stored, or none of it. The changes
        it captured for sync are stamped (clock, device, sequence) just before the commit."""
        with self.store.transaction() as db:
            yield Writer(db, self)
            outbox.stamp_pending(db, self.device_id, self.clock())

    @contextlib.contextmanager
    def own_connection(self, *, read_only: bool = True) -> Iterator["Context"]:
        """A Context like this one on a connection of its own, for a worker thread: WAL lets it read while the
        window's connection is in use, and its writes wait (busy timeout) for the other's to finish."""
        from assessor_app.store.database import open_store

        store = open_store(self.store.path, read_only=read_only or self.store.read_only)
        try:
            yield Context(store, self.catalogue, self.device_id, self.actor, self.attachments_dir)
        finally:
            store.close()

    # -- lookups most services need ----------------------------------------------------------------------
    def learner(self, learner_id: str) -> Learner:
        found = records.learner(self.db, learner_id)
        if found is None:
            raise ServiceError(f"no learner with id {learner_id}")
        return found

    def registration(self, registration_id: str) -> Registration:
        found = records.registration(self.db, registration_id)
        if found is None:
            raise ServiceError(f"no registration with id {registration_id}")
        return found

    def qualification(self, registration: Registration) -> Qualification:
        """The version of the qualification the learner was registered on (see Catalogue.version)."""
        try:
            return self.catalogue.version(registration.qualification_number, registration.qualification_fingerprint)
        except KeyError as missing:
            raise ServiceError(missing.args[0]) from None

    def unit_of(self, registration: Registration, unit_urn: str, criterion_number: str | None = None):
        """The unit (checking the AC exists when given) of the registration's qualification."""
        qualification = self.qualification(registration)
        try:
            unit = qualification.unit(unit_urn)
            if criterion_number is not None:
                unit.criterion(criterion_number)
        except KeyError as missing:
            raise ServiceError(missing.args[0]) from None
        return unit
