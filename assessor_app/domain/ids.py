"""Time-ordered record identifiers (UUID version 7) and timestamps, stdlib only."""

from __future__ import annotations

import os
import time
import uuid
from datetime import datetime, timezone


def new_id(now_ms: int | None = None) -> str:
    """A UUIDv7 string: 48 bits of Unix milliseconds, then random bits, so ids sort by creation time."""
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    value = (ms & ((1 << 48) - 1)) << 80
    value |= int.from_bytes(os.urandom(10), "big") & ((1 << 80) - 1)
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return str(uuid.UUID(int=value))


def utc_now() -> str:
    """An ISO-8601 UTC timestamp with milliseconds, the one timestamp format records use."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")
