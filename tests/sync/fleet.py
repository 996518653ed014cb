"""Simulated devices for sync tests: each a real SQLite file with its own skewed clock, exchanging change records."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from pathlib import Path

from assessor_app.paths import shipped_dir
from assessor_app.services.catalogue import load_catalogue
from assessor_app.services.context import ServiceError
from assessor_app.services.demo import _demo_route
from assessor_app.services.session import Session
from assessor_app.store import merge_apply, outbox, sync_records
from assessor_app.store.database import open_store

IMI = "601/3456/2"
CS7 = "A/506/2130"
CS8 = "F/506/2131"
BASE_MS = 1_780_000_000_000
DAY_MS = 86_400_000
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002"
                    "000001e221bc330000000049454e44ae426082")

_CATALOGUE = None


def catalogue():
    global _CATALOGUE
    if _CATALOGUE is None:
        _CATALOGUE = load_catalogue(shipped_dir("qualifications"))
    return _CATALOGUE


@dataclass
class Device:
    name: str
    session: Session
    ticks: itertools.count = field(default_factory=lambda: itertools.count())

    @property
    def db(self):
        return self.session.store.db

    def changes(self, up_to: int | None = None) -> list[tuple]:
        every = outbox.local_changes(self.db, self.name, 0)
        return every if up_to is None else [c for c in every if c[1] <= up_to]

    def last_seq(self) -> int:
        return outbox.vector(self.db).get(self.name, {}).get("last_seq", 0)

    def receive(self, changes: list[tuple]) -> None:
        """What a sync does with the bundles it read: apply, then settle this device's own rows."""
        with self.session.context.write() as w:
            outbox.stamp_pending(w.db, self.name, self.session.context.clock())
            merge_apply.receive(w.db, changes, self.session.context.clock())
            merge_apply.settle_own(w.db, self.name)

    def dump(self) -> bytes:
        return sync_records.canonical_dump(self.db)


def make_device(folder: Path, name: str, skew_ms: int = 0, step_ms: int = 7) -> Device:
    folder.mkdir(parents=True, exist_ok=True)
    session = Session(open_store(folder / "assessor.sqlite3"), catalogue(), name,
                      attachments_dir=folder / "attachments")
    device = Device(name, session)
    # A wall clock of its own: skewed, advancing a little at every reading, so runs are repeatable.
    session.context.clock = lambda: BASE_MS + skew_ms + next(device.ticks) * step_ms
    return device


@dataclass
class World:
    """What every device starts from (the centre office's records, carried to each laptop)."""

    learner_id: str
    registration_id: str
    assessor_id: str


def seed(office: Device, tmp: Path) -> World:
    s = office.session
    signature = tmp / "signature.png"
    signature.write_bytes(PNG)
    learner, _ = s.roster.add("Amelia Hart", "IMI-1", email="amelia@example.org")
    registration, _ = s.roster.register(learner.id, IMI, _demo_route(s.catalogue.get(IMI)))
    assessor, _ = s.people.add("assessor", "Priya Shah", pin_no="4417", signature=signature)
    return World(learner.id, registration.id, assessor.id)


def criteria(unit_urn: str) -> list[str]:
    return [c.number for c in catalogue().get(IMI).unit(unit_urn).criteria]


def attempt(action, *args, **kwargs):
    """Run a service call; a refusal (a locked unit, a deleted record) is a normal outcome of random play."""
    try:
        return action(*args, **kwargs)
    except ServiceError:
        return None


def random_op(device: Device, world: World, rng: random.Random, op: str) -> None:
    s = device.session
    items = [i for i in s.evidence.register(world.learner_id)]
    if op == "edit_learner":
        attempt(s.roster.update, world.learner_id, address=f"{device.name} {rng.randrange(5)} Street")
    elif op == "add_learner":
        attempt(s.roster.add, f"Learner {rng.randrange(3)}", f"DUP-{rng.randrange(3)}")
    elif op == "delete_learner":
        others = [l for l in s.roster.learners() if l.id != world.learner_id]
        if others:
            attempt(s.roster.delete, rng.choice(others).id)
    elif op == "add_evidence":
        attempt(s.evidence.add, world.learner_id, "observation", "2026-03-02", narrative=f"seen by {device.name}",
                time="10:00", duration_minutes=30, location="Shop floor", person_ids=[world.assessor_id],
                draft_comment=False)
    elif op == "edit_evidence" and items:
        attempt(s.evidence.update, rng.choice(items).id, narrative=f"edited on {device.name} {rng.randrange(9)}")
    elif op == "delete_evidence" and items:
        item = rng.choice(items)
        attempt(s.evidence.restore if item.deleted else s.evidence.delete, item.id)
    elif op == "tick" and items:
        unit = rng.choice([CS7, CS8])
        attempt(s.mapping.link, rng.choice(items).id, world.registration_id, unit, rng.sample(criteria(unit), 2))
    elif op == "untick":
        links = s.mapping.links(registration_id=world.registration_id)
        if links:
            attempt(s.mapping.unlink, rng.choice(links).id)
    elif op == "comment":
        attempt(s.comments.add, world.learner_id, "2026-03-03", f"feedback from {device.name}")
    elif op == "sign":
        _cover_and_sign(device, world, rng.choice([CS7, CS8]))
    elif op == "reopen":
        attempt(s.signoffs.reopen, world.registration_id, rng.choice([CS7, CS8]), f"reopened on {device.name}")
    elif op == "resolve":
        open_requests = s.sync.amendments()
        if open_requests:
            attempt(s.sync.resolve, rng.choice(open_requests)["id"], rng.random() < 0.5, "resolved in test")
    elif op == "merge_learners":
        groups = s.sync.duplicates()
        if groups:
            attempt(s.sync.merge_learners, groups[0][0], groups[0][1])


def _cover_and_sign(device: Device, world: World, unit: str) -> None:
    s = device.session
    item = attempt(s.evidence.add, world.learner_id, "observation", "2026-03-02", narrative="covers the unit",
                   time="09:00", duration_minutes=60, location="Shop floor", person_ids=[world.assessor_id],
                   draft_comment=False)
    if item is None:
        return
    attempt(s.mapping.link, item[0].id, world.registration_id, unit, criteria(unit))
    attempt(s.signoffs.sign, world.registration_id, unit, world.assessor_id, "2026-03-04")


OPS = ("edit_learner", "add_learner", "delete_learner", "add_evidence", "edit_evidence", "delete_evidence", "tick",
       "untick", "comment", "sign", "reopen", "resolve", "merge_learners")
