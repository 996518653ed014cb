"""Attachments: stored once by SHA-256, streamed (never whole in memory), verified on read, clear when a file vanished."""

import hashlib
import tracemalloc

import pytest

from assessor_app.services.blobs import BlobError
from assessor_app.services.session import ServiceError


@pytest.fixture
def item(world):
    return world.session.evidence.add(world.learner.id, "product", "2026-03-01", title="Rota")[0]


def test_a_file_is_stored_once_and_named_by_its_hash(world, item, tmp_path):
    s = world.session
    photo = tmp_path / "rota.jpg"
    photo.write_bytes(b"\xff\xd8 a photo of the rota" * 100)
    signatures = set(s.blobs.stored())
    first, changes = s.attachments.attach(item.id, photo)
    second, _ = s.attachments.attach(item.id, photo, name="rota again.jpg")
    assert first.sha256 == second.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert (first.name, first.media_type, first.size) == ("rota.jpg", "image/jpeg", photo.stat().st_size)
    assert set(s.blobs.stored()) - signatures == {first.sha256}
    assert s.blobs.path_of(first.sha256).read_bytes() == photo.read_bytes()
    assert changes.touches("attachment", "evidence_item")
    assert [a.name for a in s.evidence.item(item.id).attachments] == ["rota.jpg", "rota again.jpg"]
    s.attachments.detach(second.id)
    assert [a.id for a in s.evidence.item(item.id).attachments] == [first.id]
    s.attachments.restore(second.id)
    assert len(s.evidence.item(item.id).attachments) == 2


def test_a_large_file_is_streamed_not_read_into_memory(world, item, tmp_path):
    video = tmp_path / "observation.mp4"
    size = 96 * 1024 * 1024
    with open(video, "wb") as handle:  # sparse: quick to make, still 96 MiB to read and hash
        handle.truncate(size)
    s = world.session
    tracemalloc.start()
    try:
        attachment, _ = s.attachments.attach(item.id, video)
        out = s.attachments.save_as(attachment.id, tmp_path / "copy.mp4")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert attachment.size == size and out.stat().st_size == size
    assert peak < 8 * 1024 * 1024, f"peak Python memory {peak:,} bytes while copying {size:,}"


def test_reading_verifies_the_bytes(world, item, tmp_path):
    s = world.session
    doc = tmp_path / "policy.pdf"
    doc.write_bytes(b"%PDF-1.4 complaints policy" * 50)
    attachment, _ = s.attachments.attach(item.id, doc)
    assert b"".join(s.attachments.chunks(attachment.id)) == doc.read_bytes()
    stored = s.blobs.path_of(attachment.sha256)
    stored.write_bytes(b"%PDF-1.4 complaints policX" + doc.read_bytes()[26:])  # one byte flipped on disk
    assert "damaged" in s.attachments.problem(attachment.id)
    with pytest.raises(BlobError, match="damaged"):
        b"".join(s.attachments.chunks(attachment.id))
    with pytest.raises(BlobError):
        s.attachments.save_as(attachment.id, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()
    s.attachments.attach(item.id, doc)  # attaching the good file again repairs the stored copy
    assert s.attachments.problem(attachment.id) is None


def test_a_vanished_file_gives_a_clear_message_and_stores_nothing(world, item, tmp_path):
    s = world.session
    gone = tmp_path / "on-the-usb-stick.jpg"
    signatures = set(s.blobs.stored())
    with pytest.raises(ServiceError, match="the file is no longer there"):
        s.attachments.attach(item.id, gone)
    with pytest.raises(ServiceError, match="is a folder"):
        s.attachments.attach(item.id, tmp_path)
    assert s.evidence.item(item.id).attachments == () and set(s.blobs.stored()) == signatures
    assert s.blobs.leftovers() == []


def test_copy_in_reports_progress_and_a_cancel_stores_nothing(world, item, tmp_path):
    s = world.session
    video = tmp_path / "discussion.m4a"
    video.write_bytes(b"\x00audio" * 600_000)  # a little over 3 MiB: several chunks
    seen = []
    sha256, size = s.attachments.copy_in(video, lambda done, total: seen.append((done, total)))
    assert size == video.stat().st_size and seen[-1] == (size, size) and len(seen) > 2
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    attachment, _ = s.attachments.record(item.id, sha256, size, video.name)
    assert attachment.media_type.startswith("audio/")
    assert s.attachments.problem(attachment.id) is None

    other = tmp_path / "other.bin"
    other.write_bytes(b"\x01" * 3_000_000)
    before = set(s.blobs.stored())

    class Cancelled(Exception):
        pass

    def cancel(done, total):
        raise Cancelled()

    with pytest.raises(Cancelled):
        s.attachments.copy_in(other, cancel)
    assert set(s.blobs.stored()) == before and s.blobs.leftovers() == []
