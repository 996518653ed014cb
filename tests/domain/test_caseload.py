"""The learner list's rows: only what the list shows of a learner, and the folded search key the filter finds them by."""

from assessor_app.domain.caseload import caseload_row, fold


def test_fold_keeps_letters_digits_and_spaces_only():
    assert fold("Ó'Brien-Smith_2 (née Łoś)") == "obriensmith2 nee los"
    assert fold("  Wiśniewski  ") == "  wisniewski  " and fold("STRAßE") == "strasse"


def test_a_row_without_counts_is_found_by_name_number_employer_and_qualification():
    row = caseload_row(("l1", "Zoë Ó'Brien", "REG-7", "Hertford Kitchens, Ware"), ["601/3456/2"])
    assert (row.learner_id, row.name, row.registration_no) == ("l1", "Zoë Ó'Brien", "REG-7")
    assert row.qualifications == ("601/3456/2",) and row.covered == row.total == 0 and row.percent == 0
    assert all(word in row.search_key for word in ("zoe", "obrien", "reg7", "hertford", "60134562"))
