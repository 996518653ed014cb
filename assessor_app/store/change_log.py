"""The change log as the merge reads it: one change record, and the changes of given rows."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

LINK, ITEM = "evidence_link", "evidence_item"
CHUNK = 400


@dataclass(frozen=True)
class Change:
    device_id: str
    device_seq: int
    hlc: str
    table: str
    row_id: str
    field: str
    value: str | None
    seen: str | None = None

    @property
    def key(self) -> tuple:
        return (self.hlc, self.device_id, self.device_seq)

    @cached_property
    def decoded(self) -> dict:
        decoded = json.loads(self.value) if self.value is not None else None
        return decoded if self.field == "*" else {self.field: decoded}

    def values(self) -> dict:
        """The columns this change sets, decoded from JSON (once)."""
        return self.decoded


def changes_of(db, table: str, row_ids: list[str]) -> dict[str, list[Change]]:
    found: dict[str, list[Change]] = defaultdict(list)
    for start in range(0, len(row_ids), CHUNK):
        part = row_ids[start:start + CHUNK]
        marks = ", ".join("?" for _ in part)
        for r in db.execute(f"SELECT device_id, device_seq, hlc, table_name, row_id, field, value, seen FROM "
                            f"sync_change WHERE table_name = ? AND row_id IN ({marks}) AND hlc IS NOT NULL",
                            [table, *part]).fetchall():
            found[r[4]].append(Change(*r))
    return found
