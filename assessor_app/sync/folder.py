"""The sync folder on a stick, share or file-sync service: who wrote what where, read and written whole or not at all.

Layout: assessor-sync/key.json, devices/<device-id>/<number>.bundle, blobs/<keyed name>/<index>.part. Only names of
exactly that form are read, so temporary files, half-copied files and file-sync conflict copies
(`*.sync-conflict-*`, "conflicted copy", `.syncthing.*.tmp`, `.stfolder`) are passed over. No symlinks are made
or followed, no timestamps are trusted (FAT32 keeps 2-second ones), names differ by more than case, and every file
stays far below FAT32's 4 GB limit. A device writes only its own folder, so no two devices write one file.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

from assessor_app.durable import write_atomically
from assessor_app.sync import bundle
from assessor_app.sync.bundle import SetAside
from assessor_app.sync.crypto import KEY_FILE, FolderKey

ROOT_NAME = "assessor-sync"
BUNDLE_NAME = re.compile(r"^(\d{8})\.bundle$", re.IGNORECASE)
PART_NAME = "{:05d}.part"
DEVICE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
BLOB_NAME = re.compile(r"^[0-9a-f]{40}$|^[0-9a-f]{64}$")
# Parts far below FAT32's 4 GB file limit; small enough to seal in memory.
PART_SIZE = 64 * 1024 * 1024


class SyncFolder:
    def __init__(self, chosen: Path):
        chosen = Path(chosen)
        self.root = chosen if chosen.name == ROOT_NAME else chosen / ROOT_NAME

    @property
    def key_path(self) -> Path:
        return self.root / KEY_FILE

    @property
    def devices_dir(self) -> Path:
        return self.root / "devices"

    @property
    def blobs_dir(self) -> Path:
        return self.root / "blobs"

    def writable(self) -> bool:
        """Whether files can be made here (a write-protected stick or a read-only share: no)."""
        try:
            self.devices_dir.mkdir(parents=True, exist_ok=True)
            probe = self.root / f".probe-{uuid.uuid4().hex}.partial"
            probe.write_bytes(b"")
            probe.unlink()
            return True
        except OSError:
            return False

    def devices(self) -> list[str]:
        if not self.devices_dir.is_dir():
            return []
        return sorted(entry.name for entry in self.devices_dir.iterdir()
                      if DEVICE_NAME.match(entry.name) and not entry.is_symlink() and entry.is_dir())

    def bundles(self, device_id: str) -> dict[int, Path]:
        """Bundle number -> file, of files named exactly as bundles are (everything else is passed over)."""
        folder = self.devices_dir / device_id
        if not folder.is_dir():
            return {}
        found = {}
        for entry in folder.iterdir():
            match = BUNDLE_NAME.match(entry.name)
            if match and not entry.is_symlink() and entry.is_file():
                found[int(match.group(1))] = entry
        return found

    def bundle_path(self, device_id: str, number: int) -> Path:
        return self.devices_dir / device_id / f"{number:08d}.bundle"

    def write_bundle(self, device_id: str, number: int, data: bytes) -> Path:
        """Written once under a temporary name, flushed, fsynced, renamed; never over an existing bundle."""
        path = self.bundle_path(device_id, number)
        if path.exists():
            raise FileExistsError(f"{path} exists already; bundles are never rewritten")
        write_atomically(path, data)
        return path

    # -- attachments ----------------------------------------------------------------------------------------
    def has_blob(self, key: FolderKey, sha256: str) -> bool:
        return (self.blobs_dir / key.name_for(sha256) / PART_NAME.format(0)).is_file()

    def write_blob(self, key: FolderKey, sha256: str, size: int, source: Path, part_size: int = PART_SIZE) -> None:
        """The attachment in sealed parts; part 0 last, so a reader never sees a blob whose parts are not all
        there yet (unless a copy of the folder lost some, which reading reports)."""
        name = key.name_for(sha256)
        folder = self.blobs_dir / name
        count = max(1, math.ceil(size / part_size))
        with open(source, "rb") as handle:
            for index in list(range(1, count)) + [0]:
                handle.seek(index * part_size)
                data = handle.read(part_size)
                header = {"blob": name, "index": index, "count": count, "size": size, "part_size": part_size}
                write_atomically(folder / PART_NAME.format(index), bundle.seal(key, bundle.BLOB_PART, header, data))

    def read_blob(self, key: FolderKey, sha256: str) -> Iterator[bytes]:
        """The attachment's bytes, part by part, or SetAside (missing, incomplete, altered)."""
        name = key.name_for(sha256)
        folder = self.blobs_dir / name
        label = f"attachment {sha256[:12]}"
        first = folder / PART_NAME.format(0)
        if not first.is_file():
            raise SetAside(f"{label}: not in the sync folder yet; will retry")
        header, data = bundle.unseal(key, bundle.BLOB_PART, first.read_bytes(), f"{label} part 1")
        count = header.get("count", 1)
        if header.get("blob") != name or header.get("index") != 0:
            raise SetAside(f"{label}: its first part belongs elsewhere; set aside")
        yield data
        for index in range(1, count):
            path = folder / PART_NAME.format(index)
            if not path.is_file():
                raise SetAside(f"{label}: part {index + 1} of {count} is missing; will retry")
            part_header, part = bundle.unseal(key, bundle.BLOB_PART, path.read_bytes(),
                                              f"{label} part {index + 1}")
            if part_header.get("blob") != name or part_header.get("index") != index:
                raise SetAside(f"{label}: part {index + 1} belongs elsewhere; set aside")
            yield part

