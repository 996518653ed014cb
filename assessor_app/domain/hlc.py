"""Hybrid logical clock stamps: wall-clock milliseconds plus a counter, as text that sorts in clock order."""

from __future__ import annotations

import time
from dataclasses import dataclass

DAY_MS = 24 * 60 * 60 * 1000


def wall_ms() -> int:
    return int(time.time() * 1000)


@dataclass(frozen=True, order=True)
class Stamp:
    """One clock reading. Ties between devices are broken by device id, then per-device sequence, by whoever
    compares change records; the stamp itself only orders one device's readings and causality."""

    wall: int
    counter: int

    def text(self) -> str:
        return f"{self.wall:015d}-{self.counter:06d}"

    @classmethod
    def parse(cls, text: str) -> "Stamp":
        wall, _, counter = text.partition("-")
        if not (wall.isdigit() and counter.isdigit()):
            raise ValueError(f"{text!r} is not a clock stamp")
        return cls(int(wall), int(counter))


def tick(last: Stamp, now_ms: int) -> Stamp:
    """The stamp of a local event: never behind `last`, whatever the wall clock says."""
    if now_ms > last.wall:
        return Stamp(now_ms, 0)
    return Stamp(last.wall, last.counter + 1)


def receive(last: Stamp, remote: Stamp, now_ms: int) -> Stamp:
    """The clock after seeing `remote`: ahead of both. A remote stamp is never refused for disagreeing with the
    local wall clock (devices would diverge); see ahead_of() for reporting one far in the future."""
    wall = max(last.wall, remote.wall, now_ms)
    if wall == last.wall == remote.wall:
        return Stamp(wall, max(last.counter, remote.counter) + 1)
    if wall == last.wall:
        return Stamp(wall, last.counter + 1)
    if wall == remote.wall:
        return Stamp(wall, remote.counter + 1)
    return Stamp(wall, 0)


def ahead_of(remote: Stamp, now_ms: int, limit_ms: int = DAY_MS) -> bool:
    """True when `remote` is more than `limit_ms` ahead of this wall clock: worth a line in the sync report."""
    return remote.wall - now_ms > limit_ms
