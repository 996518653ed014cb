"""Whole-or-nothing files on any file system: write to a temporary name, fsync, rename; checksummed content."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

MAGIC = "assessor-sync/1"


class DamagedFile(ValueError):
    """A sync file that is incomplete or altered; the message names it."""


def write_atomically(path: Path, data: bytes) -> None:
    """After this returns, `path` holds exactly `data`; a crash before then leaves the old file (or none)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    with open(partial, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync; the rename is durable there already
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def seal(records: list[dict]) -> bytes:
    """A sync file: a header line with the count and SHA-256 of the body, then one JSON record per line."""
    body = "".join(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    header = json.dumps({"format": MAGIC, "records": len(records), "sha256": hashlib.sha256(body).hexdigest()})
    return header.encode("utf-8") + b"\n" + body


def unseal(path: Path) -> list[dict]:
    """The records of a sync file, or DamagedFile if it is truncated, altered or not a sync file at all."""
    raw = Path(path).read_bytes()
    head, _, body = raw.partition(b"\n")
    try:
        header = json.loads(head)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise DamagedFile(f"{path}: not an assessor-app sync file") from None
    if not isinstance(header, dict) or header.get("format") != MAGIC:
        raise DamagedFile(f"{path}: not an assessor-app sync file")
    if hashlib.sha256(body).hexdigest() != header.get("sha256"):
        raise DamagedFile(f"{path}: incomplete or altered (checksum does not match); copy it again")
    records = [json.loads(line) for line in body.decode("utf-8").splitlines()]
    if len(records) != header.get("records"):
        raise DamagedFile(f"{path}: holds {len(records)} records, its header says {header.get('records')}")
    return records
