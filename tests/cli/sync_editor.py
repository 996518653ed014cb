"""A separate process editing one data folder offline, for the two-process sync test: `python -m
tests.cli.sync_editor DATA_DIR ACTION`. Prints one JSON line of what it did."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assessor_app.paths import DataFolder, shipped_dir
from assessor_app.services.demo import _demo_route
from assessor_app.services.opening import open_session
from assessor_app.store import sync_records

IMI = "601/3456/2"
CS7 = "A/506/2130"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002"
                    "000001e221bc330000000049454e44ae426082")


def main(data_dir: str, action: str) -> None:
    folder = DataFolder(Path(data_dir)).ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    try:
        print(json.dumps(ACTIONS[action](session, folder)))
    finally:
        session.store.close()


def _learner(session):
    return session.roster.find("IMI-7")


def setup(session, folder):
    signature = folder.root / "signature.png"
    signature.write_bytes(PNG)
    learner, _ = session.roster.add("Amelia Hart", "IMI-7", address="1 Old Road")
    registration, _ = session.roster.register(learner.id, IMI, _demo_route(session.catalogue.get(IMI)))
    assessor, _ = session.people.add("assessor", "Priya Shah", pin_no="4417", signature=signature)
    item, _ = session.evidence.add(learner.id, "observation", "2026-03-02", narrative="Served six customers.",
                                   time="10:00", duration_minutes=45, location="Shop floor", person_ids=[assessor.id])
    numbers = [c.number for c in session.catalogue.get(IMI).unit(CS7).criteria]
    session.mapping.link(item.id, registration.id, CS7, numbers)
    return {"learner": learner.id, "item": item.id}


def sign_and_edit(session, folder):
    """Laptop one: signs CS 7 off, logs new evidence under the next Ref No, edits the address."""
    learner = _learner(session)
    registration = session.roster.registrations(learner.id)[0]
    assessor = session.people.people("assessor")[0]
    session.signoffs.sign(registration.id, CS7, assessor.id, "2026-03-05")
    item, _ = session.evidence.add(learner.id, "product", "2026-03-05", title="Till receipts from laptop one")
    session.roster.update(learner.id, address="2 Laptop One Street")
    return {"ref": item.ref}


def change_signed_unit(session, folder):
    """Laptop two, not knowing of the sign-off: changes CS 7's observation, logs evidence under the same next
    Ref No, edits the same field."""
    learner = _learner(session)
    observation = session.evidence.by_ref(learner.id, "E1")
    session.evidence.update(observation.id, narrative="Served six customers; one complaint handled.")
    item, _ = session.evidence.add(learner.id, "product", "2026-03-05", title="Stock list from laptop two")
    session.roster.update(learner.id, address="3 Laptop Two Avenue")
    return {"ref": item.ref}


def _add_product(session, title):
    item, _ = session.evidence.add(_learner(session).id, "product", "2026-03-06", title=title)
    return {"ref": item.ref, "device": session.device_id}


def after_backup(session, folder):
    """Evidence logged (and synced) after the backup was taken: the restore loses it from the database."""
    return _add_product(session, "Logged after the backup")


def after_restore(session, folder):
    return _add_product(session, "Logged after the restore")


def state(session, folder):
    learner = _learner(session)
    db = session.store.db
    import hashlib
    return {"dump": hashlib.sha256(sync_records.canonical_dump(db)).hexdigest(),
            "amendments": len(session.sync.amendments()),
            "items": sorted((i.ref, i.title) for i in session.evidence.register(learner.id)),
            "display": sorted(sync_records.display_refs(db, learner.id).values()),
            "address": learner.address,
            "narrative": session.evidence.by_ref(learner.id, "E1").narrative}


ACTIONS = {"setup": setup, "sign_and_edit": sign_and_edit, "change_signed_unit": change_signed_unit, "state": state,
           "after_backup": after_backup, "after_restore": after_restore}

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
