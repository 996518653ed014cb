"""The Changes value object every write returns, so screens refresh only what a write touched."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """What a write touched: tables by name, and the learners whose records changed."""

    tables: frozenset[str] = field(default_factory=frozenset)
    learner_ids: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *tables: str, learner_id: str | None = None) -> "Changes":
        return cls(frozenset(tables), frozenset([learner_id] if learner_id else []))

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(self.tables | other.tables, self.learner_ids | other.learner_ids)

    def __bool__(self) -> bool:
        return bool(self.tables)

    def touches(self, *tables: str) -> bool:
        return any(t in self.tables for t in tables)
