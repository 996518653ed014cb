"""Whole-or-nothing files on any file system: write to a temporary name, fsync, rename; checksummed content."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from assessor_app.durable import write_atomically  # noqa: F401  (sync files are written with it)

MAGIC = "assessor-sync/1"


class DamagedFile(ValueError):
    """A sync file that is incomplete or altered; the message names it."""


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
