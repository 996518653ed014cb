"""The sync service through a real folder: refs issued twice, duplicate learners, clocks ahead, what needs the user."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from assessor_app.paths import shipped_dir
from assessor_app.services.context import ServiceError
from assessor_app.services.lar import export_lar
from assessor_app.store import sync_records
from tests.sync.fleet import CS7, DAY_MS, _cover_and_sign, make_device, seed

PASSPHRASE = "centre passphrase"


@pytest.fixture
def laptops(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    a, b = make_device(tmp_path / "a", "devA"), make_device(tmp_path / "b", "devB", skew_ms=3000)
    world = seed(a, tmp_path)
    a.session.sync.sync(stick, PASSPHRASE)
    b.session.sync.sync(stick, PASSPHRASE)
    return a, b, stick, world


def _round(stick, *devices):
    return [d.session.sync.sync(stick, PASSPHRASE)[0] for d in devices]


def _pdf_text(session, learner_id, out):
    export_lar(session, learner_id, out, shipped_dir("resources") / "fonts")
    return "\n".join(page.extract_text() for page in PdfReader(out).pages)


def test_a_ref_issued_twice_shows_as_e12_b_until_its_issuer_renumbers(laptops, tmp_path):
    a, b, stick, world = laptops
    first, _ = a.session.evidence.add(world.learner_id, "product", "2026-03-01", title="Poster from A")
    second, _ = b.session.evidence.add(world.learner_id, "product", "2026-03-01", title="Leaflet from B")
    assert first.ref == second.ref == "E1"
    a.session.mapping.link(first.id, world.registration_id, CS7, ["1.1"])
    b.session.mapping.link(second.id, world.registration_id, CS7, ["1.2"])
    a.session.sync.sync(stick, PASSPHRASE)
    # Without renumbering: both kept, the later by the clock (B's) shows as E1-b, on both laptops.
    b.session.sync.sync(stick, PASSPHRASE, renumber=False)
    a.session.sync.sync(stick, PASSPHRASE)
    for device in (a, b):
        assert sync_records.display_refs(device.db, world.learner_id) == {second.id: "E1-b"}
        assert device.session.evidence.by_ref(world.learner_id, "E1-b").id == second.id
        assert device.session.evidence.by_ref(world.learner_id, "E1").id == first.id
        unit_page = device.session.progress.unit_record(world.registration_id, CS7)
        learner_file = device.session.progress.learner_file(world.learner_id)
        for coverage in (device.session.progress.coverage(world.registration_id, CS7),
                         learner_file.registrations[0].coverage):
            assert (coverage[(CS7, "1.1")].ref_no, coverage[(CS7, "1.2")].ref_no) == ("E1", "E1-b")
        assert unit_page is not None
    # The PDF shows what the window shows, comments' Evidence Ref. No. included.
    a.session.comments.add(world.learner_id, "2026-03-02", "Leaflet well laid out", evidence_ids=(second.id,))
    assert a.session.comments.comments(world.learner_id)[-1].evidence_refs == ("E1-b",)
    text = _pdf_text(a.session, world.learner_id, tmp_path / "a.pdf")
    assert text.count("E1-b") >= 3, "unit page, comments, evidence index"
    assert "Leaflet from B" in text and "Poster from A" in text
    # B, the issuer of the later item, renumbers its own item at its next sync; A learns of it.
    report = b.session.sync.sync(stick, PASSPHRASE)[0]
    assert report.renumbered == ["Amelia Hart: evidence shown as E1-b is now E2"]
    _round(stick, a, b)
    for device in (a, b):
        assert sync_records.display_refs(device.db, world.learner_id) == {}
        assert device.session.evidence.item(second.id).ref == "E2"
        assert device.session.comments.comments(world.learner_id)[-1].evidence_refs == ("E2",)
    assert a.dump() == b.dump()


def test_the_same_learner_added_on_two_laptops_is_a_possible_duplicate_merged_losing_nothing(laptops):
    a, b, stick, world = laptops
    on_a, _ = a.session.roster.add("Ben Osei", "IMI-42", email="ben@example.org")
    on_b, _ = b.session.roster.add("Ben Osei", "IMI-42", tel="01234 567890")
    item_b, _ = b.session.evidence.add(on_b.id, "product", "2026-03-01", title="Ben's poster")
    b.session.comments.add(on_b.id, "2026-03-02", "Good start")
    reports = _round(stick, a, b, a)
    assert [[d["registration_no"] for d in g] for g in reports[-1].duplicates] == [["IMI-42", "IMI-42"]]
    keep, other = a.session.sync.duplicates()[0]
    a.session.sync.merge_learners(keep, other)
    _round(stick, a, b)
    for device in (a, b):
        assert [lr.registration_no for lr in device.session.roster.learners()].count("IMI-42") == 1
        merged = device.session.roster.learner(keep)
        assert merged.email == "ben@example.org" and merged.tel == "01234 567890"
        titles = [i.title for i in device.session.evidence.register(keep)]
        assert "Ben's poster" in titles
        assert [c.text for c in device.session.comments.comments(keep)] == ["Good start"]
        assert device.session.sync.duplicates() == []
    assert a.dump() == b.dump()
    assert item_b.id in {i.id for i in a.session.evidence.register(keep)}


def test_a_clock_a_day_ahead_is_reported_and_its_edit_still_counts(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    a = make_device(tmp_path / "a", "devA")
    fast = make_device(tmp_path / "f", "devFast", skew_ms=2 * DAY_MS)
    world = seed(a, tmp_path)
    a.session.sync.sync(stick, PASSPHRASE)
    fast.session.sync.sync(stick, PASSPHRASE)
    fast.session.roster.update(world.learner_id, address="Tomorrow Lane")
    fast.session.sync.sync(stick, PASSPHRASE)
    report = a.session.sync.sync(stick, PASSPHRASE)[0]
    assert len(report.clock_ahead) == 1
    assert any("more than a day ahead" in line for line in report.lines())
    assert a.session.roster.learner(world.learner_id).address == "Tomorrow Lane"
    # A's own later edit still wins: its clock moved past the fast one on import.
    a.session.roster.update(world.learner_id, address="Today Street")
    _round(stick, a, fast)
    assert fast.session.roster.learner(world.learner_id).address == "Today Street"


def test_an_amendment_request_is_listed_and_dismissed_on_every_laptop(laptops):
    a, b, stick, world = laptops
    item, _ = a.session.evidence.add(world.learner_id, "observation", "2026-03-02", narrative="Watched the till",
                                     time="10:00", duration_minutes=30, location="Shop", person_ids=[world.assessor_id])
    _round(stick, a, b)
    _cover_and_sign(a, world, CS7)
    b.session.mapping.link(item.id, world.registration_id, CS7, ["1.1"])  # B has not seen the sign-off
    reports = _round(stick, a, b, a)
    assert len(reports[1].amendments) == 1 and reports[1].amendments == reports[2].amendments
    request = reports[2].amendments[0]
    assert request["unit_urn"] == CS7 and request["table_name"] == "evidence_link"
    assert "needs you: amendment request" in "\n".join(reports[2].lines())
    a.session.sync.resolve(request["id"], accept=False)
    _round(stick, a, b)
    for device in (a, b):
        assert device.session.sync.amendments() == []
        decided = device.session.sync.amendments(open_only=False)
        assert [r["decision"] for r in decided] == ["dismissed"]
        assert device.session.signoffs.active(world.registration_id, CS7) is not None
    with pytest.raises(ServiceError, match="dismissed already"):
        b.session.sync.resolve(request["id"], accept=True)
    assert a.dump() == b.dump()


def test_a_second_offline_signoff_is_reported(laptops):
    a, b, stick, world = laptops
    _cover_and_sign(a, world, CS7)
    _cover_and_sign(b, world, CS7)
    reports = _round(stick, a, b, a)
    assert len(reports[-1].second_signoffs) == 1
    assert "the earlier sign-off stands" in reports[-1].second_signoffs[0]


def test_nothing_new_sends_nothing_and_pending_counts_what_waits(laptops):
    a, b, stick, world = laptops
    assert a.session.sync.pending() == 0
    a.session.roster.update(world.learner_id, tel="0800 000")
    assert a.session.sync.pending() > 0
    first = a.session.sync.sync(stick, PASSPHRASE)[0]
    assert first.sent_changes > 0 and a.session.sync.pending() == 0
    again = a.session.sync.sync(stick, PASSPHRASE)[0]
    assert again.sent_changes == 0 and again.sent_bundles == [] and again.received_changes == 0


def test_the_records_are_never_kept_inside_the_sync_folder(tmp_path):
    inside = make_device(tmp_path / "stick" / "assessor-sync" / "data", "devIn")
    with pytest.raises(ServiceError, match="never kept in a sync folder"):
        inside.session.sync.sync(tmp_path / "stick", PASSPHRASE)


def test_a_missing_folder_is_one_clear_message(laptops, tmp_path):
    a, *_ = laptops
    with pytest.raises(ServiceError, match="is not a folder"):
        a.session.sync.sync(tmp_path / "no-stick", PASSPHRASE)


def test_cancelling_before_the_import_changes_nothing(laptops):
    from assessor_app.services.sync import SyncCancelled
    a, b, stick, world = laptops
    a.session.roster.update(world.learner_id, address="Cancel Close")
    a.session.sync.sync(stick, PASSPHRASE)
    before = b.dump()
    with pytest.raises(SyncCancelled, match="nothing was changed"):
        b.session.sync.sync(stick, PASSPHRASE, cancelled=lambda: True)
    assert b.dump() == before
    assert b.session.sync.sync(stick, PASSPHRASE)[0].received_changes > 0
    assert b.session.roster.learner(world.learner_id).address == "Cancel Close"
