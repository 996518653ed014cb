"""The typed Changes value object every write returns, so each screen refreshes only what a write touched."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

# The kinds of record a screen can care about, and the tables whose writes change each kind. A table not
# listed (an app setting, a sync bookkeeping table) changes no kind a screen shows.
KIND_TABLES = {
    "learner": ("learner",),
    "registration": ("registration",),
    "evidence": ("evidence_item", "evidence_signature"),
    "link": ("evidence_link",),
    "comment": ("comment",),
    "signoff": ("unit_signoff", "unit_reopen"),
    "iv_sample": ("iv_sample",),
    "person": ("person", "learner_person"),
    "attachment": ("attachment",),
}
KINDS = tuple(KIND_TABLES)
KIND_OF_TABLE = {table: kind for kind, tables in KIND_TABLES.items() for table in tables}


@dataclass(frozen=True)
class Changes:
    """Which kinds of record a write changed (one flag per kind), the ids of the records and of the learners
    they belong to, and the tables written (for the audit trail's sake and for tables no screen shows)."""

    learner: bool = False
    registration: bool = False
    evidence: bool = False
    link: bool = False
    comment: bool = False
    signoff: bool = False
    iv_sample: bool = False
    person: bool = False
    attachment: bool = False
    learner_ids: frozenset[str] = field(default_factory=frozenset)
    record_ids: frozenset[str] = field(default_factory=frozenset)
    tables: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *tables: str, learner_id: str | None = None, record_id: str | None = None) -> "Changes":
        """The Changes of writing `tables` (table names, as the audit trail names them)."""
        kinds = {KIND_OF_TABLE[t]: True for t in tables if t in KIND_OF_TABLE}
        return cls(**kinds, learner_ids=frozenset([learner_id] if learner_id else []),
                   record_ids=frozenset([record_id] if record_id else []), tables=frozenset(tables))

    def __or__(self, other: "Changes") -> "Changes":
        kinds = {kind: getattr(self, kind) or getattr(other, kind) for kind in KINDS}
        return replace(self, **kinds, learner_ids=self.learner_ids | other.learner_ids,
                       record_ids=self.record_ids | other.record_ids, tables=self.tables | other.tables)

    def __bool__(self) -> bool:
        return bool(self.tables) or any(getattr(self, kind) for kind in KINDS)

    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind in KINDS if getattr(self, kind))

    def touches(self, *names: str) -> bool:
        """True when any of `names` changed: a kind ("signoff") or a table name ("unit_signoff")."""
        return any((name in KIND_TABLES and getattr(self, name)) or name in self.tables for name in names)

    def concerns(self, learner_id: str) -> bool:
        """Whether a screen showing this learner should look again (a write naming no learner may touch anyone)."""
        return not self.learner_ids or learner_id in self.learner_ids

