"""Signatures on evidence forms: who may sign and with what, signing order, the schema upgrade, the printed form."""

import sqlite3

import pdfplumber
import pytest
import sqlite_utils

from assessor_app.domain.records import uk_date
from assessor_app.paths import shipped_dir
from assessor_app.services.context import ServiceError
from assessor_app.services.lar import build_lar_record, export_lar
from assessor_app.services.lar_sample import tiny_png
from assessor_app.services.opening import open_session
from assessor_app.store.database import schema_version
from assessor_app.store.migrations import LATEST_VERSION, MIGRATIONS
from tests.export.pdf_reading import LEFT, MM

ON = "2026-03-02"
STAMP = "2026-01-05T09:00:00.000+00:00"


@pytest.fixture
def drawn(tmp_path):
    path = tmp_path / "drawn.png"
    path.write_bytes(tiny_png(5))
    return path


def add_testimony(world, on=ON):
    item, _ = world.session.evidence.add(world.learner.id, "witness_testimony", on, title="Returns desk",
                                         narrative="Amelia reorganised the returns desk.",
                                         person_ids=[world.witness.id])
    return item


def stored_rows(session) -> int:
    return session.store.db.execute("SELECT count(*) FROM evidence_signature").fetchone()[0]


def test_signatures_are_listed_in_signing_order_with_their_images_audited(world, drawn):
    s = world.session
    item = add_testimony(world)
    witness, changes = s.evidence.sign(item.id, world.witness.id, "2026-03-04", drawn)
    learner, _ = s.evidence.sign(item.id, "learner", ON, drawn)
    assessor, _ = s.evidence.sign(item.id, world.assessor.id, "2026-03-05")  # not on the item, but an assessor
    assert [(x.role, x.name, x.signed_on) for x in s.evidence.signatures(item.id)] == [
        ("witness", "Dev Patel", "2026-03-04"), ("learner", "Amelia Hart", ON),
        ("assessor", "Priya Shah", "2026-03-05")]
    assert s.evidence.signatures(item.id) == [witness, learner, assessor]
    assert learner.person_id is None and witness.person_id == world.witness.id
    assert witness.signature_sha256 == learner.signature_sha256 and s.blobs.problem(witness.signature_sha256) is None
    assert assessor.signature_sha256 == world.assessor.signature_sha256  # the specimen, when no image is given
    assert changes.touches("evidence_signature") and world.learner.id in changes.learner_ids
    assert [e.action for e in s.audit_trail.events(witness.id)] == ["sign"]
    assert world.assessor.id in {p.id for p in s.people.contacts(world.learner.id)}


def test_each_refusal_says_why_and_stores_nothing(world, drawn, tmp_path):
    s = world.session
    item = add_testimony(world)
    not_an_image = tmp_path / "notes.txt"
    not_an_image.write_text("my name")
    refusals = [
        (lambda: s.evidence.sign(item.id, world.iv.id, ON), "Grace Mensah is not one of the people on evidence E1"),
        (lambda: s.evidence.sign(item.id, world.witness.id, ON), "Dev Patel has no stored signature"),
        (lambda: s.evidence.sign(item.id, "learner", ON), "the learner signs by drawing"),
        (lambda: s.evidence.sign(item.id, world.witness.id, "2026-03-01", drawn), "before the date of evidence E1"),
        (lambda: s.evidence.sign(item.id, world.witness.id, "2 March", drawn), "not a date"),
        (lambda: s.evidence.sign(item.id, "no-such-person", ON, drawn), "no person with id no-such-person"),
        (lambda: s.evidence.sign(item.id, "learner", ON, not_an_image), "not a PNG or JPEG image"),
        (lambda: s.evidence.sign(item.id, "learner", ON, tmp_path / "gone.png"), "no longer there"),
    ]
    for attempt, reason in refusals:
        with pytest.raises(ServiceError, match=reason):
            attempt()
    assert stored_rows(s) == 0

    s.evidence.sign(item.id, world.witness.id, ON, drawn)
    with pytest.raises(ServiceError, match=r"Dev Patel has already signed evidence E1 \(on 2026-03-02\)"):
        s.evidence.sign(item.id, world.witness.id, "2026-03-03", drawn)
    s.evidence.sign(item.id, "learner", ON, drawn)
    with pytest.raises(ServiceError, match="Amelia Hart has already signed evidence E1"):
        s.evidence.sign(item.id, "learner", ON, drawn)

    other = add_testimony(world)
    s.evidence.delete(other.id)
    with pytest.raises(ServiceError, match="evidence E2 is deleted; restore it"):
        s.evidence.sign(other.id, world.assessor.id, ON)
    assert stored_rows(s) == 2


def test_the_database_refuses_to_change_a_signature(world, drawn):
    s = world.session
    signed, _ = s.evidence.sign(add_testimony(world).id, world.witness.id, ON, drawn)
    with pytest.raises(sqlite3.DatabaseError, match="form signatures are never changed"):
        with s.store.transaction() as db:
            db.execute("UPDATE evidence_signature SET name = 'Someone Else' WHERE id = ?", [signed.id])
    assert s.evidence.signatures(signed.evidence_id) == [signed]


def test_the_read_model_fills_signed_rows_and_keeps_empty_ones(world, drawn):
    s = world.session
    item, _ = s.evidence.add(world.learner.id, "observation", ON, narrative="Served customers.",
                             person_ids=[world.witness.id])
    s.evidence.sign(item.id, world.assessor.id, "2026-03-03")  # signs though not named on the item
    s.evidence.sign(item.id, "learner", "2026-03-04", drawn)
    [form] = [e for e in build_lar_record(s, world.learner.id).evidence if e.ref == item.ref]
    rows = [(x.role, x.name, x.date, x.signature_png is not None) for x in form.signatures]
    assert rows == [("witness", "Dev Patel", ON, False),  # named but not signed: a row to sign on paper
                    ("assessor", "Priya Shah", "2026-03-03", True), ("learner", "Amelia Hart", "2026-03-04", True)]
    assert form.signatures[-1].signature_png == tiny_png(5)


def test_the_printed_witness_testimony_shows_the_signature_in_its_box(world, drawn, font_dir, tmp_path):
    s = world.session
    item = add_testimony(world)
    s.evidence.sign(item.id, world.witness.id, "2026-03-04", drawn)
    out, _ = export_lar(s, "IMI-1", tmp_path / "lar.pdf", font_dir)
    signature_left, signature_right = LEFT + 93 * MM, LEFT + 153 * MM  # export/forms.py: 38, 55, 60, 27 mm
    with pdfplumber.open(str(out)) as pdf:
        [page] = [pg for pg in pdf.pages if "WITNESS TESTIMONY" in (pg.extract_text() or "")]
        footer = float(page.height) - 21 * MM  # the page footer repeats "Learner:"
        words = [w for w in page.extract_words() if w["bottom"] < footer]
        images = page.images

    def row(label):
        [word] = [w for w in words if w["text"] == label]
        middle = (word["top"] + word["bottom"]) / 2
        line = " ".join(w["text"] for w in words if abs((w["top"] + w["bottom"]) / 2 - middle) < 3)
        drawn_here = [im for im in images if im["top"] <= middle <= im["bottom"]
                      and signature_left - 1 <= im["x0"] and im["x1"] <= signature_right + 1]
        return line, drawn_here

    line, drawn_here = row("Witness:")
    assert line == f"Witness: Dev Patel {uk_date('2026-03-04')}" and len(drawn_here) == 1
    line, drawn_here = row("Learner:")  # not signed yet: the empty box stays for a pen
    assert line == f"Learner: Amelia Hart {uk_date(ON)}" and drawn_here == []


def test_a_schema_2_file_gains_form_signatures_with_nothing_lost(tmp_path, drawn):
    path = tmp_path / "assessor.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    for migration in MIGRATIONS[:2]:
        migration(db)
    conn.execute("PRAGMA user_version = 2")
    sync = {"created_at": STAMP, "updated_at": STAMP, "device_id": "laptop-1", "deleted": 0}
    db["learner"].insert({"id": "L1", "name": "Amelia Hart", "registration_no": "IMI-1", **sync})
    db["person"].insert({"id": "P1", "role": "witness", "name": "Dev Patel", "job_title": "Store Manager", **sync})
    db["evidence_item"].insert({"id": "E1", "learner_id": "L1", "ref": "E1", "kind": "witness_testimony",
                                "date": ON, "narrative": "Reorganised returns.", **sync})
    db["evidence_person"].insert({"id": "EP1", "evidence_id": "E1", "person_id": "P1", **sync})
    db["audit_event"].insert({"id": "A1", "at": STAMP, "device_id": "laptop-1", "actor": "assessor",
                              "action": "create", "table_name": "evidence_item", "record_id": "E1", "after": "{}"})
    conn.close()

    session = open_session(path, [shipped_dir("qualifications")], "laptop-2")
    try:
        db = session.store.db
        assert schema_version(db) == LATEST_VERSION and "evidence_signature" in db.table_names()
        [backup] = list(tmp_path.glob("assessor.schema2.*.backup.sqlite3"))
        with sqlite3.connect(backup) as kept:
            assert kept.execute("PRAGMA user_version").fetchone()[0] == 2
        item = session.evidence.item("E1")
        assert (item.ref, item.kind, item.narrative, item.person_ids) == ("E1", "witness_testimony",
                                                                         "Reorganised returns.", ("P1",))
        assert session.roster.learner("L1").name == "Amelia Hart" and session.people.person("P1").job_title == "Store Manager"
        assert [e.id for e in session.audit_trail.events("E1")] == ["A1"]
        signed, _ = session.evidence.sign("E1", "P1", ON, drawn)
        assert session.evidence.signatures("E1") == [signed]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        session.store.close()
