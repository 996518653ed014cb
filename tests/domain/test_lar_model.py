"""What the record prints as incomplete, and which ACs carry an inferred wording."""

import dataclasses

from assessor_app.domain.lar_model import (DATED_EARLY, DRAFT_COMMENT, NO_NARRATIVE, OPEN_OBSERVATION, UNSIGNED,
                                           incomplete, inferred_criteria, sealed)
from tests.export.golden_record import QUALIFICATION, golden_record


def test_the_golden_record_names_its_draft_comment_and_its_open_unsigned_observation():
    gaps = incomplete(golden_record())
    assert [(g.kind, g.evidence_ref) for g in gaps] == [
        (DRAFT_COMMENT, "E6"), (OPEN_OBSERVATION, "E6"), (NO_NARRATIVE, "E6"), (UNSIGNED, "E6")]
    assert gaps[-1].message == "E6 (observation) is not signed by the assessor or the learner"


def test_an_unsigned_witness_testimony_and_an_ac_dated_before_its_evidence_are_listed():
    record = golden_record()
    testimony = next(i for i in record.evidence if i.ref == "E2")
    unsigned = dataclasses.replace(testimony, signatures=(dataclasses.replace(testimony.signatures[0], signed=False,
                                                                              signature_png=None),))
    first = record.units[0]
    early = tuple(dataclasses.replace(r, date="2026-01-01") if r.number == "1.1" else r for r in first.rows)
    record = sealed(dataclasses.replace(
        record, evidence=tuple(unsigned if i.ref == "E2" else i for i in record.evidence),
        units=(dataclasses.replace(first, rows=early), *record.units[1:])))
    messages = [g.message for g in incomplete(record)]
    assert "E2 (witness testimony) is not signed by the witness" in messages
    assert "Unit CS 7 AC 1.1 is dated 2026-01-01, before its evidence E1 (2026-01-05)" in messages


def test_inferred_wordings_are_found_by_unit_and_criterion():
    assert inferred_criteria(QUALIFICATION, "A/506/2130") == {"2.2"}
    assert inferred_criteria(QUALIFICATION, "F/502/4396") == frozenset()
