"""A learner's overview against the rules: per registration, each unit's ACs met and missing, sign-off and IV state,
and each group's credits (the list's rows are domain/caseload.py, which the first screen imports alone)."""

from __future__ import annotations

from dataclasses import dataclass

from assessor_app.domain.records import Learner

NEEDS_ACTION = "referred_back"


@dataclass(frozen=True)
class UnitOverview:
    urn: str
    ref: str
    title: str
    group: str
    credit: int | None
    covered: int
    total: int
    missing: tuple[str, ...]  # AC numbers with no evidence
    signed_on: str  # "" when not signed off
    iv_decision: str  # "" when not sampled

    @property
    def state(self) -> str:
        """What the unit needs next, in words."""
        if self.iv_decision == NEEDS_ACTION:
            return "Referred back: needs action"
        if self.signed_on:
            return "Signed off, IV agreed" if self.iv_decision else "Signed off, awaiting IV"
        if self.covered == self.total:
            return "Awaiting sign-off"
        return f"{len(self.missing)} AC{'s' if len(self.missing) != 1 else ''} missing"


@dataclass(frozen=True)
class GroupOverview:
    name: str
    mandatory: bool
    min_credits: int | None
    max_credits: int | None
    chosen_credits: int
    achieved_credits: int
    credits_short: int  # the chosen route's shortfall in this group under its rule


@dataclass(frozen=True)
class RegistrationOverview:
    registration_id: str
    qualification_number: str
    qualification_title: str
    credits_required: int | None
    credits_achieved: int
    units: tuple[UnitOverview, ...]
    groups: tuple[GroupOverview, ...]
    route_problems: tuple[str, ...]  # what the rules of combination say of the chosen route
    sentences: tuple[str, ...]  # what is still needed to achieve the qualification

    @property
    def awaiting_signoff(self) -> tuple[UnitOverview, ...]:
        return tuple(u for u in self.units if not u.signed_on and u.covered == u.total)

    @property
    def awaiting_iv(self) -> tuple[UnitOverview, ...]:
        return tuple(u for u in self.units if u.signed_on and not u.iv_decision)

    @property
    def needing_action(self) -> tuple[UnitOverview, ...]:
        return tuple(u for u in self.units if u.iv_decision == NEEDS_ACTION)


@dataclass(frozen=True)
class LearnerOverview:
    learner: Learner
    registrations: tuple[RegistrationOverview, ...]
