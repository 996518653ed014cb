"""`backup FILE` and `restore FILE`: one zip file holding the database, every stored file it names, and a manifest.

The zip's members are stored, not compressed (photos and PDFs do not shrink), and streamed a mebibyte at a time,
so a backup of a gigabyte video needs no more memory than one of a text note. The manifest, with the SHA-256 and
size of every member, is written last, and the whole file is written under a temporary name, flushed and renamed:
a backup cut short is never a file that restores. Restoring verifies every hash before the database is replaced.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from assessor_app.domain.ids import utc_now
from assessor_app.durable import fsync_folder
from assessor_app.services.blobs import CHUNK, BlobError, BlobStore
from assessor_app.store import maintenance
from assessor_app.store.database import StoreError, disk_full_sentence

FORMAT = "assessor-app backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "assessor.sqlite3"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class BackupReport:
    path: Path
    files: int = 0
    bytes: int = 0
    missing: list[str] = field(default_factory=list)  # named by the records but missing or damaged here


@dataclass
class RestoreReport:
    kept: Path | None
    files: int = 0
    database_only: bool = False
    missing_at_backup: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # files the restored records name that are not stored here


def _member(sha256: str) -> str:
    return f"attachments/{sha256[:2]}/{sha256}"


def _stream_into(archive: zipfile.ZipFile, name: str, chunks) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with archive.open(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), "w", force_zip64=True) as out:
        for chunk in chunks:
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _file_chunks(path: Path):
    with open(path, "rb") as handle:
        yield from iter(lambda: handle.read(CHUNK), b"")


def write_backup(database: Path, attachments: Path, target: Path) -> BackupReport:
    """The database (a consistent online copy) and every stored file its records name, in one zip `target`."""
    target = Path(target)
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give a file name for the backup")
    if not target.parent.is_dir():
        raise StoreError(f"folder {target.parent} does not exist; create it or choose another place for the backup")
    partial = target.with_name(f".{target.name}.partial")
    copy = target.with_name(f".{target.name}.database.partial")
    blobs = BlobStore(attachments)
    report = BackupReport(target)
    named: dict[str, str] = {}
    try:
        maintenance.backup_database(database, copy)
        named, schema = maintenance.files_named_in(copy)
        entries = []
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
            sha256, size = _stream_into(archive, DATABASE, _file_chunks(copy))
            entries.append({"name": DATABASE, "sha256": sha256, "size": size})
            for sha256, description in sorted(named.items()):
                try:
                    _, size = _stream_into(archive, _member(sha256), blobs.chunks(sha256))
                except BlobError as error:  # the member may be written; without a manifest entry it is ignored
                    report.missing.append(f"{description}: {error}")
                    continue
                entries.append({"name": _member(sha256), "sha256": sha256, "size": size})
                report.files += 1
                report.bytes += size
            manifest = {"format": FORMAT, "version": FORMAT_VERSION, "created_at": utc_now(), "schema": schema,
                        "members": entries, "missing_at_backup": report.missing}
            archive.writestr(zipfile.ZipInfo(MANIFEST, date_time=(1980, 1, 1, 0, 0, 0)),
                             json.dumps(manifest, indent=1, sort_keys=True))
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
        fsync_folder(target.parent)
    except OSError as error:
        if error.errno == errno.EFBIG:
            raise StoreError(f"{target} would be larger than the file system there allows (a FAT32 stick holds "
                             "files up to 4 GB): no backup was written; back up to a disk formatted exFAT, NTFS, "
                             "APFS or ext4") from None
        if error.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        partial.unlink(missing_ok=True)  # first, so the free space said is what the user has
        copy.unlink(missing_ok=True)
        needed = Path(database).stat().st_size + sum(p.stat().st_size for p in map(blobs.path_of, named) if p.is_file())
        raise StoreError(disk_full_sentence(target, needed).replace("nothing was changed", "no backup was written")) \
            from None
    finally:
        partial.unlink(missing_ok=True)
        copy.unlink(missing_ok=True)
    return report


def is_zip_backup(source: Path) -> bool:
    with open(source, "rb") as handle:
        return handle.read(4) == ZIP_MAGIC


def _manifest(archive: zipfile.ZipFile, source: Path) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise StoreError(f"will not restore from {source}: it has no manifest, so it is not a whole backup "
                         "(it may have been cut short); nothing was changed") from None
    if manifest.get("format") != FORMAT or not isinstance(manifest.get("members"), list):
        raise StoreError(f"will not restore from {source}: it is a zip file but not an assessor-app backup")
    if manifest.get("version", 0) > FORMAT_VERSION:
        raise StoreError(f"will not restore from {source}: it was written by a newer assessor-app; update the app")
    return manifest


def _verified_copy(archive: zipfile.ZipFile, entry: dict, source: Path, write) -> None:
    """Stream one member into `write(chunks)`; StoreError unless its bytes hash to the manifest's SHA-256."""
    try:
        info = archive.getinfo(entry["name"])
    except KeyError:
        raise StoreError(f"will not restore from {source}: it is incomplete ({entry['name']} is listed in its "
                         "manifest but not in it); nothing was changed") from None
    digest = hashlib.sha256()

    def chunks():
        with archive.open(info) as member:
            for chunk in iter(lambda: member.read(CHUNK), b""):
                digest.update(chunk)
                yield chunk

    try:
        write(chunks())
    except zipfile.BadZipFile:  # its CRC failed: damaged after it was written
        digest = hashlib.sha256(b"damaged")
    if digest.hexdigest() != entry["sha256"] or info.file_size != entry["size"]:
        raise StoreError(f"will not restore from {source}: {entry['name']} is damaged (its SHA-256 does not match "
                         "the manifest); nothing was changed")


def unpack_backup(source: Path, attachments: Path, staged_database: Path) -> RestoreReport:
    """Verify the zip backup `source` member by member: stored files go into `attachments` (content-addressed,
    so adding one never alters anything), the database to `staged_database`. StoreError if anything is missing
    or damaged, before the records are touched."""
    blobs = BlobStore(attachments)
    report = RestoreReport(kept=None)
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise StoreError(f"will not restore from {source}: it is an incomplete backup (cut short while it was "
                         "written, or damaged since); nothing was changed") from None
    with archive:
        manifest = _manifest(archive, source)
        entries = {e["name"]: e for e in manifest["members"]}
        if DATABASE not in entries:
            raise StoreError(f"will not restore from {source}: its manifest names no database")

        def to_staging(chunks):
            with open(staged_database, "wb") as out:
                for chunk in chunks:
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())

        try:
            _verified_copy(archive, entries.pop(DATABASE), source, to_staging)
            for entry in entries.values():
                _verified_copy(archive, entry, source, blobs.put_chunks)
                report.files += 1
        except OSError as error:
            if error.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            staged_database.unlink(missing_ok=True)
            needed = sum(e["size"] for e in manifest["members"])
            raise StoreError(disk_full_sentence(staged_database, needed).replace(
                "nothing was changed", "the records were not changed")) from None
        report.missing_at_backup = list(manifest.get("missing_at_backup", []))
    return report
