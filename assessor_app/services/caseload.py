"""The caseload read models the window and `learners show` share: the learner list's rows and a learner's overview."""

from __future__ import annotations

from assessor_app.domain import rules
from assessor_app.domain.caseload import CaseloadRow, caseload_row
from assessor_app.domain.overview import GroupOverview, LearnerOverview, RegistrationOverview, UnitOverview
from assessor_app.domain.progress import coverage, qualification_progress
from assessor_app.services.context import Context
from assessor_app.store import caseload, evidence, records, signoffs


class CaseloadService:
    def __init__(self, context: Context):
        self._context = context
        # ACs per unit of each qualification version: a version's file never changes, so it is counted once.
        self._sizes: dict[str, dict[str, int]] = {}

    def _unit_sizes(self, registration) -> dict[str, int]:
        sizes = self._sizes.get(registration.qualification_fingerprint)
        if sizes is None:
            qualification = self._context.qualification(registration)
            sizes = {unit.urn: len(unit.criteria) for unit in qualification.units}
            self._sizes[registration.qualification_fingerprint] = sizes
        return sizes

    def rows(self, *, progress: bool = True) -> list[CaseloadRow]:
        """Every live learner by name with progress and what waits, read in five queries whatever the caseload.
        With `progress` False only names, numbers and qualifications (two queries): what a list needs to be used
        while the counts are read."""
        db = self._context.db
        covered = caseload.covered_counts(db) if progress else {}
        signed = caseload.signed_units(db) if progress else set()
        decisions = caseload.iv_decisions(db) if progress else {}
        by_learner: dict[str, list] = {}
        for registration in records.all_registrations(db):
            by_learner.setdefault(registration.learner_id, []).append(registration)
        result = []
        for learner in records.learners(db):
            numbers, done, total, awaiting_signoff, awaiting_iv, referred = [], 0, 0, 0, 0, 0
            for registration in by_learner.get(learner.id, ()):
                sizes = self._unit_sizes(registration)
                numbers.append(registration.qualification_number)
                for urn in registration.chosen_units if progress else ():
                    key = (registration.id, urn)
                    unit_total = sizes.get(urn, 0)
                    unit_done = min(covered.get(key, 0), unit_total)
                    done, total = done + unit_done, total + unit_total
                    if key in signed:
                        awaiting_iv += key not in decisions
                        referred += decisions.get(key) == "referred_back"
                    elif unit_done == unit_total:
                        awaiting_signoff += 1
            shown = (learner.id, learner.name, learner.registration_no, learner.employer_name_address)
            result.append(caseload_row(shown, numbers, done, total, awaiting_signoff, awaiting_iv, referred))
        return result

    def rows_on_own_connection(self) -> list[CaseloadRow]:
        """rows(), read on a read-only connection of its own, so a worker thread can read them while the window
        goes on using the session's connection (WAL lets both read at once)."""
        with self._context.own_connection() as reader:
            return CaseloadService(reader).rows()

    def overview(self, learner_id: str) -> LearnerOverview:
        """Per registration: each chosen unit's ACs met and missing, sign-off and IV state; each group's credits
        chosen and achieved against its rule; the qualification's total; what the route still lacks."""
        db = self._context.db
        learner = self._context.learner(learner_id)
        result = []
        for registration in records.registrations(db, learner_id):
            qualification = self._context.qualification(registration)
            covered = self._covered(registration.id)
            history = [s for s in signoffs.signoffs(db, registration.id) if s.active]
            active = {s.unit_urn: s for s in history}
            decisions = {}
            for sample in signoffs.iv_samples(db, registration.id):
                if sample.unit_urn in active and sample.signoff_id == active[sample.unit_urn].id:
                    decisions[sample.unit_urn] = sample.decision
            progress = qualification_progress(qualification, registration.chosen_units, covered, set(active))
            units = []
            for unit in progress.units:
                group = qualification.group_of(unit.urn)
                units.append(UnitOverview(unit.urn, unit.ref, unit.title, group.name if group else "", unit.credit,
                                          unit.covered, unit.total, unit.missing,
                                          active[unit.urn].signed_on if unit.urn in active else "",
                                          decisions.get(unit.urn, "")))
            groups, problems, achieved_credits = (), (), sum(u.credit or 0 for u in progress.units if u.achieved)
            if qualification.groups:
                route = rules.check_route(qualification, registration.chosen_units)
                achieved = rules.tally_achieved(qualification, progress.achieved_units)
                groups = tuple(GroupOverview(g.name, g.mandatory, g.min_credits, g.max_credits,
                                             route.tally.group(g.name).credits,
                                             achieved.group(g.name).counted_credits,
                                             route.tally.group(g.name).credits_short) for g in qualification.groups)
                problems = tuple(p.message for p in route.problems)
                achieved_credits = achieved.counted_credits
            result.append(RegistrationOverview(registration.id, qualification.number, qualification.title,
                                               qualification.credits, achieved_credits, tuple(units), groups,
                                               problems, progress.sentences))
        return LearnerOverview(learner, tuple(result))

    def _covered(self, registration_id: str) -> set[tuple[str, str]]:
        return {(fact.unit_urn, fact.criterion_number) for fact in evidence.link_facts(self._context.db,
                                                                                        registration_id)}

    def covering_evidence(self, registration_id: str, unit_urn: str) -> dict[str, list]:
        """AC number -> the live evidence items covering it, in Ref No order, for the unit page."""
        db = self._context.db
        learner_id = self._context.registration(registration_id).learner_id
        items = {item.id: item for item in evidence.items(db, learner_id)}
        found: dict[str, list] = {}
        for cover in coverage(evidence.link_facts(db, registration_id, unit_urn)).values():
            found[cover.criterion_number] = [items[i] for i in cover.evidence_ids if i in items]
        return found
