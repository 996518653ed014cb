"""The learner list's read model: one row per learner, and the folded text the list's filter finds them by."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# Everything but what str.isalnum() keeps and spaces (\w is isalnum() and "_"): one pass in C, not one per character.
_NOT_KEPT = re.compile(r"[^\w ]|_")


def fold(text: str) -> str:
    """Text as the learner filter compares it: no case, no accents, no punctuation ("Ó'Brien" -> "obrien",
    "Wiśniewski" -> "wisniewski"); ł and ø, which have no decomposition, fold to l and o."""
    text = text.casefold().replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")
    return _NOT_KEPT.sub("", unicodedata.normalize("NFKD", text))


class CaseloadRow(NamedTuple):
    """One learner in the list: who (only what the list shows: no address, phone or email), on what, how far, and
    what waits for the assessor or the IV. A named tuple, not a record: the first screen makes a thousand of these
    before the records' modules are imported."""

    learner_id: str
    name: str
    registration_no: str
    employer_name_address: str
    qualifications: tuple[str, ...]
    covered: int
    total: int
    awaiting_signoff: int  # units with every AC covered and no sign-off in force
    awaiting_iv: int  # signed-off units no IV has sampled yet
    referred_back: int  # signed-off units an IV referred back to the assessor
    search_key: str

    @property
    def percent(self) -> int:
        return round(100 * self.covered / self.total) if self.total else 0


def caseload_row(shown: tuple[str, str, str, str], numbers, covered: int = 0, total: int = 0,
                 awaiting_signoff: int = 0, awaiting_iv: int = 0, referred_back: int = 0) -> CaseloadRow:
    """A learner's row from what the list shows of them (id, name, registration no, employer), its search key made
    of what the filter finds them by; without counts, a row whose progress is not read yet."""
    learner_id, name, registration_no, employer = shown
    return CaseloadRow(learner_id, name, registration_no, employer, tuple(numbers), covered, total, awaiting_signoff,
                       awaiting_iv, referred_back, fold(" ".join([name, registration_no, employer, *numbers])))


def rows_of(values: list[tuple]) -> list[CaseloadRow]:
    """Rows from their fields' values in order, as a reader in another process hands them back."""
    return [CaseloadRow._make(value) for value in values]
