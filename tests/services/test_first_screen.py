"""The first screen's rows are the rows the caseload service gives without progress, read before the records open."""

from assessor_app.services.first_screen import first_rows
from tests.conftest import IMI


def test_the_first_rows_are_the_caseload_without_progress(session):
    amelia, _ = session.roster.add("Amelia Ó'Brien", "REG-1", employer_name_address="Brickendon Garage, Hertford")
    session.roster.add("ben Wiśniewski", "REG-2")
    session.roster.register(amelia.id, IMI)
    rows = first_rows(session.store.path)
    assert rows == session.caseload.rows(progress=False)
    assert [r.name for r in rows] == ["Amelia Ó'Brien", "ben Wiśniewski"]
    assert rows[0].qualifications == (IMI,) and "obrien" in rows[0].search_key and "brickendon" in rows[0].search_key
    assert rows[1].search_key.startswith("ben wisniewski")


def test_no_rows_when_the_file_must_open_the_ordinary_way(session, tmp_path):
    assert first_rows(tmp_path / "none-yet.sqlite3") is None
    session.roster.add("Amelia Smith", "REG-1")
    session.passcode.set("2468")
    assert first_rows(session.store.path) is None
