"""A learner on the IMI diploma with a valid route, and the people who assess, witness and verify."""

from dataclasses import dataclass

import pytest

from assessor_app.services.demo import _demo_route
from tests.conftest import IMI

# Bytes standing in for a scanned signature image (the records never decode images).
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000 1f15c4890000000d49444154789c6360000002"
                    "000001e221bc330000000049454e44ae426082".replace(" ", ""))
CS7 = "A/506/2130"      # CS 7 Deliver customer service: 20 ACs
CS8 = "F/506/2131"      # second mandatory unit


@dataclass
class World:
    session: object
    learner: object
    registration: object
    assessor: object
    witness: object
    iv: object


@pytest.fixture
def world(session, tmp_path) -> World:
    signature = tmp_path / "signature.png"
    signature.write_bytes(PNG)
    learner, _ = session.roster.add("Amelia Hart", "IMI-1", email="amelia@example.org",
                                     employer_name_address="Brickendon Garden Centre")
    qualification = session.catalogue.get(IMI)
    registration, _ = session.roster.register(learner.id, IMI, _demo_route(qualification))
    assessor, _ = session.people.add("assessor", "Priya Shah", pin_no="4417", signature=signature)
    witness, _ = session.people.add("witness", "Dev Patel", job_title="Store Manager", relationship="line manager")
    iv, _ = session.people.add("iv", "Grace Mensah", signature=signature)
    return World(session, learner, registration, assessor, witness, iv)


def cover_unit(world: World, urn: str = CS7, on: str = "2026-03-02") -> object:
    """One observation covering every AC of a unit, with a narrative: ready to sign."""
    s = world.session
    item, _ = s.evidence.add(world.learner.id, "observation", on, narrative="Served six customers at the till.",
                             time="10:00", duration_minutes=45, location="Shop floor",
                             person_ids=[world.assessor.id])
    numbers = [c.number for c in s.catalogue.get(IMI).unit(urn).criteria]
    s.mapping.link(item.id, world.registration.id, urn, numbers)
    return s.evidence.item(item.id)
