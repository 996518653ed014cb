"""Attaching files to evidence items and reading them back verified; the bytes live in the BlobStore."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterator
from pathlib import Path

from assessor_app.domain.changes import Changes
from assessor_app.domain.evidence import Attachment
from assessor_app.domain.ids import new_id
from assessor_app.services.blobs import BlobStore, free_space_for
from assessor_app.services.context import Context, ServiceError
from assessor_app.services.locks import refuse_if_evidence_locked
from assessor_app.store import evidence as store


def store_file(blobs: BlobStore, source: Path, progress=None) -> tuple[str, int]:
    """Copy a user's file into the blob store, turning the ways that can fail into one clear message.
    `progress(done, total)` is called after each chunk when given."""
    source = Path(source)
    try:
        if source.is_dir():
            raise ServiceError(f"cannot attach {source}: it is a folder, not a file")
        size = source.stat().st_size
        if not free_space_for(blobs.root, size):
            raise ServiceError(f"cannot attach {source}: not enough free disk space for {size:,} bytes")
        return blobs.put_file(source, progress)
    except FileNotFoundError:
        raise ServiceError(f"cannot attach {source}: the file is no longer there (moved, renamed or on a "
                           "disconnected drive?)") from None
    except PermissionError:
        raise ServiceError(f"cannot attach {source}: permission to read it was refused") from None
    except OSError as error:
        raise ServiceError(f"cannot attach {source}: {error.strerror or error}") from None


class AttachmentService:
    def __init__(self, context: Context, blobs: BlobStore):
        self._context = context
        self.blobs = blobs

    def attach(self, evidence_id: str, source: Path, name: str | None = None,
               media_type: str | None = None) -> tuple[Attachment, Changes]:
        """Attach a file (any size: it is streamed, never read whole) to an evidence item. The bytes are
        stored once by SHA-256 before the record is written, so a crash leaves at worst an unused file.
        Refused if the item supports a signed-off unit. Inverse: detach."""
        self._attachable(evidence_id)
        sha256, size = store_file(self.blobs, source)
        return self.record(evidence_id, sha256, size, name or Path(source).name, media_type)

    def copy_in(self, source: Path, progress: Callable[[int, int], None] | None = None) -> tuple[str, int]:
        """The first half of attach, safe off the GUI thread (it never touches the database): stream `source`
        into the file store, calling `progress(done, total)` per chunk (it may raise to cancel). Returns
        (sha256, size) for `record`."""
        return store_file(self.blobs, source, progress)

    def record(self, evidence_id: str, sha256: str, size: int, name: str,
               media_type: str | None = None) -> tuple[Attachment, Changes]:
        """The second half of attach: the attachment record of a file already in the store."""
        item = self._attachable(evidence_id)
        media_type = media_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
        attachment = Attachment(new_id(), evidence_id, sha256, name, media_type, size)
        with self._context.write() as w:
            refuse_if_evidence_locked(w.db, evidence_id, item.ref, "attach a file")
            store.insert_attachment(w.db, attachment, self._context.device_id)
            w.audit("create", "attachment", attachment.id, None, attachment, learner_id=item.learner_id,
                    also=("evidence_item",))
        return attachment, w.changes

    def _attachable(self, evidence_id: str):
        item = store.item(self._context.db, evidence_id)
        if item is None or item.deleted:
            raise ServiceError(f"no evidence item with id {evidence_id}")
        refuse_if_evidence_locked(self._context.db, evidence_id, item.ref, "attach a file")
        return item

    def detach(self, attachment_id: str) -> Changes:
        """Soft delete of the attachment record (the stored file stays: other records may share it). Inverse: restore."""
        return self._set_deleted(attachment_id, True)

    def restore(self, attachment_id: str) -> Changes:
        return self._set_deleted(attachment_id, False)

    def _set_deleted(self, attachment_id: str, deleted: bool) -> Changes:
        attachment = self.attachment(attachment_id)
        item = store.item(self._context.db, attachment.evidence_id)
        with self._context.write() as w:
            refuse_if_evidence_locked(w.db, item.id, item.ref, "detach a file" if deleted else "restore a file")
            store.set_attachment_deleted(w.db, attachment_id, deleted, self._context.device_id)
            w.audit("delete" if deleted else "restore", "attachment", attachment_id, {"deleted": not deleted},
                    {"deleted": deleted}, learner_id=item.learner_id, also=("evidence_item",))
        return w.changes

    def attachment(self, attachment_id: str) -> Attachment:
        found = store.attachment(self._context.db, attachment_id)
        if found is None:
            raise ServiceError(f"no attachment with id {attachment_id}")
        return found[0]

    def chunks(self, attachment_id: str) -> Iterator[bytes]:
        """The attachment's bytes, streamed and verified (BlobError at the end if they do not match their hash)."""
        return self.blobs.chunks(self.attachment(attachment_id).sha256)

    def save_as(self, attachment_id: str, target: Path) -> Path:
        """Copy the attachment out to `target`, verified; nothing is left at `target` if verification fails."""
        return self.blobs.copy_to(self.attachment(attachment_id).sha256, target)

    def problem(self, attachment_id: str) -> str | None:
        """None when the stored file is present and matches its hash and size; else what is wrong."""
        attachment = self.attachment(attachment_id)
        return self.blobs.problem(attachment.sha256, attachment.size)

    def read_signature(self, sha256: str) -> bytes:
        """A signature image's bytes (small), verified: for the PDF's ASSESSOR SIGNATURE and contact sheet."""
        return self.blobs.read_bytes(sha256, limit=16 * 1024 * 1024)
