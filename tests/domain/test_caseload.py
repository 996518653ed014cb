"""The learner list's rows: the folded search key the filter finds a learner by."""

from assessor_app.domain.caseload import caseload_row, fold
from assessor_app.domain.records import Learner


def test_fold_keeps_letters_digits_and_spaces_only():
    assert fold("Ó'Brien-Smith_2 (née Łoś)") == "obriensmith2 nee los"
    assert fold("  Wiśniewski  ") == "  wisniewski  " and fold("STRAßE") == "strasse"


def test_a_row_without_counts_is_found_by_name_number_employer_and_qualification():
    learner = Learner("Zoë Ó'Brien", "REG-7", employer_name_address="Hertford Kitchens, Ware", id="l1")
    row = caseload_row(learner, ["601/3456/2"])
    assert row.qualifications == ("601/3456/2",) and row.covered == row.total == 0 and row.percent == 0
    assert all(word in row.search_key for word in ("zoe", "obrien", "reg7", "hertford", "60134562"))
