"""The learner list's rows read before the records open (no migrations, no catalogue): the window's first screen."""

from __future__ import annotations

from pathlib import Path

from assessor_app.domain.caseload import CaseloadRow, caseload_row, rows_of
from assessor_app.store.roster_read import read_roster


def first_rows(database: Path) -> list[CaseloadRow] | None:
    """What CaseloadService.rows(progress=False) will give once the records are open, in the same order; None when
    the file has to be opened the ordinary way first (see read_roster)."""
    values = first_row_values(database)
    return None if values is None else rows_of(values)


def first_row_values(database: Path) -> list[tuple] | None:
    """first_rows as plain tuples, which a reader in another process can hand back (see assessor_app/forked.py)."""
    roster = read_roster(database)
    if roster is None:
        return None
    listed, qualifications = roster
    return [tuple(caseload_row(shown, qualifications.get(shown[0], ()))) for shown in listed]
