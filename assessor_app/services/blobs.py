"""Files stored once by SHA-256 under the data folder: streamed in and out, never whole in memory, verified."""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

from assessor_app.durable import fsync_folder

CHUNK = 1024 * 1024
_HEX = set("0123456789abcdef")


class BlobError(OSError):
    """A stored file that is missing or whose bytes no longer match their SHA-256."""


def is_sha256(value: str) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX


class BlobStore:
    """Content-addressed files: `<root>/<first two hex digits>/<sha256>`. A file is written to a temporary
    name, flushed to disk and renamed, so a crash never leaves a half file under a real name."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path_of(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise ValueError(f"{sha256!r} is not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256

    @property
    def incoming(self) -> Path:
        return self.root / ".incoming"

    def put_file(self, source: Path, progress=None) -> tuple[str, int]:
        """Copy `source` in, 1 MiB at a time, hashing as it goes; returns (sha256, size). FileNotFoundError
        and other OSErrors from reading `source` propagate, with nothing stored. `progress(done, total)` is
        called after each chunk; whatever it raises (a cancel) also leaves nothing stored."""
        with open(source, "rb") as handle:
            chunks = iter(lambda: handle.read(CHUNK), b"")
            return self.put_chunks(chunks if progress is None else _reporting(chunks, os.fstat(handle.fileno()).st_size,
                                                                         progress))

    def put_bytes(self, data: bytes) -> tuple[str, int]:
        return self.put_chunks(iter([data]))

    def put_chunks(self, chunks) -> tuple[str, int]:
        """Store the bytes of `chunks` (an iterable of bytes) under their SHA-256; returns (sha256, size)."""
        self.incoming.mkdir(parents=True, exist_ok=True)
        partial = self.incoming / f"{uuid.uuid4().hex}.partial"
        digest, size = hashlib.sha256(), 0
        try:
            with open(partial, "wb") as out:
                for chunk in chunks:
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha256 = digest.hexdigest()
            final = self.path_of(sha256)
            if final.exists() and self.problem(sha256) is None:
                return sha256, size  # stored already: once is enough
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(partial, final)  # also repairs a damaged earlier copy
            fsync_folder(final.parent)
            return sha256, size
        finally:
            partial.unlink(missing_ok=True)

    def problem(self, sha256: str, size: int | None = None) -> str | None:
        """Why the stored file is not good (missing, wrong size, wrong hash), or None when it is."""
        path = self.path_of(sha256)
        if not path.is_file():
            return f"file {sha256[:12]}... is missing from {self.root}"
        if size is not None and path.stat().st_size != size:
            return f"file {sha256[:12]}... has {path.stat().st_size} bytes, the records say {size}"
        digest = hashlib.sha256()
        for chunk in self._chunks(path):
            digest.update(chunk)
        if digest.hexdigest() != sha256:
            return f"file {sha256[:12]}... is damaged (its content no longer matches its SHA-256)"
        return None

    def chunks(self, sha256: str) -> Iterator[bytes]:
        """The stored bytes in chunks; BlobError after the last chunk if they do not hash to `sha256`,
        so a consumer that finishes without an error has read exactly the bytes that were stored."""
        path = self.path_of(sha256)
        if not path.is_file():
            raise BlobError(f"file {sha256[:12]}... is missing from {self.root}")
        digest = hashlib.sha256()
        for chunk in self._chunks(path):
            digest.update(chunk)
            yield chunk
        if digest.hexdigest() != sha256:
            raise BlobError(f"file {sha256[:12]}... is damaged (its content no longer matches its SHA-256)")

    def read_bytes(self, sha256: str, limit: int = 64 * 1024 * 1024) -> bytes:
        """A small stored file (a signature image) whole, verified; BlobError above `limit` bytes."""
        path = self.path_of(sha256)
        if path.is_file() and path.stat().st_size > limit:
            raise BlobError(f"file {sha256[:12]}... is too large to read whole; stream it with chunks()")
        return b"".join(self.chunks(sha256))

    def copy_to(self, sha256: str, target: Path) -> Path:
        """Stream a stored file out to `target`; `target` appears only if every byte verified."""
        target = Path(target)
        partial = target.with_name(f".{target.name}.partial")
        try:
            with open(partial, "wb") as out:
                for chunk in self.chunks(sha256):
                    out.write(chunk)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        return target

    def stored(self) -> Iterator[str]:
        """The hashes of every file held."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and len(folder.name) == 2:
                for path in sorted(folder.iterdir()):
                    if is_sha256(path.name):
                        yield path.name

    def leftovers(self) -> list[Path]:
        """Temporary files an interrupted copy left behind."""
        return sorted(self.incoming.glob("*.partial")) if self.incoming.is_dir() else []

    def clear_leftovers(self) -> int:
        found = self.leftovers()
        for path in found:
            path.unlink(missing_ok=True)
        return len(found)

    @staticmethod
    def _chunks(path: Path) -> Iterator[bytes]:
        with open(path, "rb") as handle:
            yield from iter(lambda: handle.read(CHUNK), b"")


def _reporting(chunks, total: int, progress):
    done = 0
    for chunk in chunks:
        yield chunk
        done += len(chunk)
        progress(done, total)


def free_space_for(root: Path, size: int) -> bool:
    """Whether the data folder's disk can take `size` more bytes (with 64 MiB to spare)."""
    root.mkdir(parents=True, exist_ok=True)
    return shutil.disk_usage(root).free > size + 64 * 1024 * 1024
