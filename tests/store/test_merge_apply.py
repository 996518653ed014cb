"""The merge is a pure function of the set of change records: random devices, random exchanges, one result."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sync.fleet import CS7, DAY_MS, OPS, make_device, random_op, seed

APPEND_ONLY = ("evidence_item", "evidence_link", "comment", "evidence_signature", "unit_signoff", "audit_event")


def _play(device_count: int, seed_value: int, steps: int):
    rng = random.Random(seed_value)
    root = Path(tempfile.mkdtemp(prefix="merge-"))
    devices = [make_device(root / f"d{n}", f"dev{n:02d}", skew_ms=rng.randint(-DAY_MS, DAY_MS),
                           step_ms=rng.randint(1, 50)) for n in range(device_count)]
    world = seed(devices[0], root)
    for other in devices[1:]:
        other.receive(devices[0].changes())
    for _ in range(steps):
        device = rng.choice(devices)
        if rng.random() < 0.3:
            # A partial exchange: a prefix of another device's changes (as its bundles arrive), shuffled, at
            # times twice over.
            source = rng.choice(devices)
            if source is not device and source.last_seq():
                batch = source.changes(rng.randint(1, source.last_seq()))
                rng.shuffle(batch)
                device.receive(batch + (batch[: rng.randint(0, len(batch))] if rng.random() < 0.3 else []))
        else:
            random_op(device, world, rng, rng.choice(OPS))
    return rng, devices


def _everyone_gets_everything(rng, devices) -> None:
    everything = [c for d in devices for c in d.changes()]
    for device in rng.sample(devices, len(devices)):
        batch = list(everything)
        rng.shuffle(batch)
        device.receive(batch)


def _ids_created(devices, table: str) -> set[str]:
    return {c[4] for d in devices for c in d.changes() if c[3] == table and c[5] == "*"}


def _check_converged(rng, devices) -> None:
    _everyone_gets_everything(rng, devices)
    dumps = {d.name: d.dump() for d in devices}
    reference = dumps[devices[0].name]
    for name, dump in dumps.items():
        assert dump == reference, f"{name} differs from {devices[0].name}"
    # Nothing is lost: every append-only record made anywhere is in the records, or held as an amendment.
    db = devices[0].db
    held = {r[0] for r in db.execute("SELECT row_id FROM sync_amendment WHERE field = '*'").fetchall()}
    for table in APPEND_ONLY:
        present = {r[0] for r in db.execute(f"SELECT id FROM {table}").fetchall()}
        missing = _ids_created(devices, table) - present - held
        assert not missing, f"{table} lost {sorted(missing)[:3]}"
    assert db.execute("SELECT count(*) FROM sync_waiting").fetchone()[0] == 0
    # Importing everything again changes nothing.
    devices[-1].receive([c for d in devices for c in d.changes()])
    assert devices[-1].dump() == reference


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(device_count=st.integers(2, 6), seed_value=st.integers(0, 2**32), steps=st.integers(10, 60))
def test_few_devices_converge_on_identical_records(device_count, seed_value, steps):
    rng, devices = _play(device_count, seed_value, steps)
    _check_converged(rng, devices)


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(device_count=st.integers(20, 30), seed_value=st.integers(0, 2**32))
def test_thirty_devices_converge_on_identical_records(device_count, seed_value):
    rng, devices = _play(device_count, seed_value, 90)
    _check_converged(rng, devices)


def test_a_signed_unit_holds_back_a_change_made_elsewhere(tmp_path):
    """Device B edits the evidence of a unit that A signs off meanwhile: on both, the change is one amendment
    request with the same id, and the signed evidence is unchanged."""
    rng = random.Random(4)
    a, b = make_device(tmp_path / "a", "devA"), make_device(tmp_path / "b", "devB", skew_ms=DAY_MS // 2)
    world = seed(a, tmp_path)
    from tests.sync.fleet import _cover_and_sign
    _cover_and_sign(a, world, CS7)
    b.receive(a.changes())
    signed = a.session.signoffs.active(world.registration_id, CS7)
    assert signed is not None
    # B has not seen the sign-off yet: roll B back to before it by giving it only A's changes before signing.
    c = make_device(tmp_path / "c", "devC")
    sign_seq = next(ch[1] for ch in a.changes() if ch[3] == "unit_signoff")
    c.receive([ch for ch in a.changes() if ch[1] < sign_seq])
    item = next(i for i in c.session.evidence.register(world.learner_id) if i.narrative == "covers the unit")
    c.session.evidence.update(item.id, narrative="changed offline on C")
    for device in (a, b, c):
        device.receive([ch for d in (a, b, c) for ch in d.changes()])
    requests = [d.session.sync.amendments() for d in (a, b, c)]
    assert len(requests[0]) == 1 and requests[0] == requests[1] == requests[2]
    for device in (a, b, c):
        assert device.session.evidence.item(item.id).narrative == "covers the unit"
    assert a.dump() == b.dump() == c.dump()
    # Accepting it on C reopens the unit; once synced the change applies everywhere and the request closes.
    c.session.sync.resolve(requests[2][0]["id"], accept=True, reason="learner's account corrected")
    for device in (a, b, c):
        device.receive([ch for d in (a, b, c) for ch in d.changes()])
    for device in (a, b, c):
        assert device.session.evidence.item(item.id).narrative == "changed offline on C"
        assert device.session.sync.amendments() == []
        assert device.session.signoffs.active(world.registration_id, CS7) is None
    assert a.dump() == b.dump() == c.dump()
    del rng


def test_two_offline_signoffs_keep_the_earlier(tmp_path):
    a, b = make_device(tmp_path / "a", "devA"), make_device(tmp_path / "b", "devB", skew_ms=5000)
    world = seed(a, tmp_path)
    b.receive(a.changes())
    from tests.sync.fleet import _cover_and_sign
    _cover_and_sign(a, world, CS7)
    _cover_and_sign(b, world, CS7)
    first = a.session.signoffs.active(world.registration_id, CS7)
    for device in (a, b):
        device.receive(a.changes() + b.changes())
    assert a.session.signoffs.active(world.registration_id, CS7).id == first.id
    assert b.session.signoffs.active(world.registration_id, CS7).id == first.id
    flagged = b.db.execute("SELECT record_id FROM sync_flag WHERE kind = 'second_signoff'").fetchall()
    assert len(flagged) == 1 and flagged[0][0] != first.id
    assert a.dump() == b.dump()


def test_a_deletion_never_overrides_a_later_edit(tmp_path):
    a, b = make_device(tmp_path / "a", "devA"), make_device(tmp_path / "b", "devB", skew_ms=60_000)
    world = seed(a, tmp_path)
    item, _ = a.session.evidence.add(world.learner_id, "product", "2026-03-01", title="Poster")
    b.receive(a.changes())
    a.session.evidence.delete(item.id)          # earlier by the clock
    b.session.evidence.update(item.id, title="Poster, second draft")   # a minute later by B's clock
    for device in (a, b):
        device.receive(a.changes() + b.changes())
    for device in (a, b):
        kept = device.session.evidence.item(item.id)
        assert not kept.deleted and kept.title == "Poster, second draft"
    assert a.dump() == b.dump()


def test_every_losing_value_is_kept_in_history(tmp_path):
    a, b = make_device(tmp_path / "a", "devA"), make_device(tmp_path / "b", "devB", skew_ms=1000)
    world = seed(a, tmp_path)
    b.receive(a.changes())
    a.session.roster.update(world.learner_id, address="1 High Street")
    b.session.roster.update(world.learner_id, address="2 Low Road")
    for device in (a, b):
        device.receive(a.changes() + b.changes())
    assert a.session.roster.learner(world.learner_id).address == "2 Low Road"
    lost = [h["value"] for h in a.session.sync.history("learner", world.learner_id) if h["field"] == "address"]
    assert "1 High Street" in lost
    assert a.dump() == b.dump()
    json.loads(a.dump().split(b"\n")[0])
