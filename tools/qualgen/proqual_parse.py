"""Reads the ProQual Level 3 Diploma specification text: profile, rules, structure table and the unit LO/AC tables."""

# Layout and faults: ../shared/seeds/DIGEST.md section 2.2. Each row of a unit table is "LO cell<TAB>AC cell";
# LO text wraps into the first cell of following rows, some AC cells lost their number or hold two fused ACs,
# one unit puts the AC number in a column of its own and one prints no LO column at all.

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .common import tidy

SIGNATURE = "Ofqual qualification number\t601/3577/3"
UNIT_HEADING = re.compile(r"^(?:Unit )?([A-Z]/\d{3}/\d{4}) (\S.*)$")
TABLE_ROW = re.compile(r"^([A-Z]/\d{3}/\d{4})\t(.+?)\t(\d)\t(\d+)\s*$")
GROUP_HEADING = re.compile(r"^Group ([A-C]) ")
LO_CELL = re.compile(r"^(\d+) (\S.*)$")
AC_NUMBER = re.compile(r"(\d+\.\d+)\s+")
WRAP_HYPHEN = re.compile(r"(?<=[a-z])- (?=[a-z])")
FURNITURE = ("ProQual, November 2017", "Level 3 Diploma in Customer Service")
TABLE_HEADERS = ("Learning Outcome - The learner will:", "Assessment Criterion - The learner can:")


@dataclass
class Piece:
    """One LO or AC as printed: its value plus the printed text it was read from and what had to be done to it."""

    number: str | None
    text: str
    printed: str
    fixes: list[tuple[str, str, str]] = field(default_factory=list)  # (field, kind, detail)


@dataclass
class ProQualUnit:
    urn: str
    heading_urn: str
    heading_title: str
    outcomes: list[tuple[Piece, list[Piece]]]
    line: int


def profile(lines: list[str]) -> dict[str, str]:
    """The "Qualification Profile" table: label -> value, as printed."""
    out = {}
    start = lines.index("Qualification Profile Level 3 Diploma in Customer Service")
    for ln in lines[start + 1:]:
        if ln.startswith("Entry Requirements"):
            break
        if "\t" in ln:
            label, _, value = ln.partition("\t")
            out[label.strip()] = value.strip()
    return out


def rules_lines(lines: list[str]) -> list[str]:
    """The printed rules-of-combination sentences, between "Qualification Structure" and the first group table."""
    start = lines.index("Qualification Structure")
    out = []
    for ln in lines[start + 1:]:
        if GROUP_HEADING.match(ln):
            break
        if ln.strip():
            out.append(ln.strip())
    return out


def structure(lines: list[str]) -> list[dict]:
    """Groups in printed order: name, printed caption, and rows (urn, title, level, credit)."""
    groups: list[dict] = []
    end = lines.index("Centre Requirements")
    for ln in lines[:end]:
        g = GROUP_HEADING.match(ln)
        row = TABLE_ROW.match(ln)
        if g:
            groups.append({"name": g.group(1), "printed_caption": ln.strip("\t "), "rows": []})
        elif row and groups:
            groups[-1]["rows"].append({"urn": row.group(1), "title": row.group(2), "level": int(row.group(3)),
                                       "credit": int(row.group(4))})
    return groups


def unit_blocks(lines: list[str]) -> list[tuple[int, int]]:
    start = lines.index("Learning Outcomes and Assessment Criteria")
    heads = [i for i in range(start, len(lines)) if UNIT_HEADING.match(lines[i])]
    return [(h, heads[k + 1] if k + 1 < len(heads) else len(lines)) for k, h in enumerate(heads)]


def _is_skipped(ln: str) -> bool:
    text = ln.strip()
    return (not text or any(text.startswith(h) for h in TABLE_HEADERS) or any(text.startswith(f) for f in FURNITURE)
            or text.startswith("ProQual Awarding Body") or text.startswith("Tel:") or text.startswith("www.")
            or "@" in text)


def _unhyphen(piece: Piece, field_name: str) -> None:
    fixed = WRAP_HYPHEN.sub("-", piece.text)
    if fixed != piece.text:
        piece.fixes.append((field_name, "split-repaired",
                            "a line-wrap hyphen left a space inside a hyphenated word; closed up"))
        piece.text = fixed


def parse_unit(lines: list[str], start: int, end: int, urn: str) -> ProQualUnit:
    """The LO/AC table of one unit. `urn` is the structure table's reference for it (the heading may differ)."""
    head = UNIT_HEADING.match(lines[start])
    rows = [lines[i] for i in range(start + 1, end) if not _is_skipped(lines[i])]
    has_lo_column = any(lines[i].startswith(TABLE_HEADERS[0]) for i in range(start + 1, end))
    table = _Table()
    for row in rows:
        if has_lo_column:
            cells = row.split("\t")  # one unit prints the AC number in a column of its own: join the AC cells
            table.row(cells[0].strip(), " ".join(c.strip() for c in cells[1:] if c.strip()))
        else:
            table.row_without_lo_column(row.strip())
    for lo, _ in table.outcomes:
        _unhyphen(lo, "text")
    return ProQualUnit(urn, head.group(1), head.group(2).strip(), table.outcomes, start + 1)


class _Table:
    """Accumulates outcomes and criteria row by row."""

    def __init__(self):
        self.outcomes: list[tuple[Piece, list[Piece]]] = []
        self.lo_printed: list[str] = []  # printed text from the LO's first cell to its last wrapped fragment
        self.previous_ac_cell = ""

    def row(self, lo_cell: str, ac_cell: str) -> None:
        acs = _split_acs(ac_cell)
        lo_of_first = acs[0][0].split(".")[0] if acs and acs[0][0] else None
        numbered = LO_CELL.match(lo_cell)
        if numbered:
            self._open(Piece(numbered.group(1), numbered.group(2).strip(), lo_cell), lo_cell)
        elif lo_cell and acs and acs[0][0] and acs[0][0].endswith(".1") and lo_of_first != self._current():
            # the first AC of a new LO, next to LO text printed without its number
            lo = Piece(lo_of_first, lo_cell, lo_cell)
            lo.fixes.append(("number", "number-restored",
                             f"the LO number is not printed in front of the LO text; {lo_of_first} from its ACs"))
            self._open(lo, lo_cell)
        elif lo_cell:
            self._wrap(lo_cell)
        self._criteria(acs, ac_cell)
        self.previous_ac_cell = ac_cell

    def row_without_lo_column(self, ac_cell: str) -> None:
        acs = _split_acs(ac_cell)
        lo_number = acs[0][0].split(".")[0] if acs and acs[0][0] else self._current()
        if lo_number != self._current():
            self.outcomes.append((Piece(lo_number, "", ""), []))
        self._criteria(acs, ac_cell)

    def _current(self) -> str | None:
        return self.outcomes[-1][0].number if self.outcomes else None

    def _open(self, lo: Piece, lo_cell: str) -> None:
        self.outcomes.append((lo, []))
        self.lo_printed = [lo_cell]

    def _wrap(self, lo_cell: str) -> None:
        lo = self.outcomes[-1][0]
        lo.text += ("" if lo.text.endswith("-") else " ") + lo_cell
        self.lo_printed += [self.previous_ac_cell, lo_cell]
        lo.printed = tidy(" ".join(self.lo_printed))
        if not any(f[:2] == ("text", "split-repaired") for f in lo.fixes):
            lo.fixes.append(("text", "split-repaired",
                             "the LO text wraps into the first column of the next table row(s); rejoined"))

    def _criteria(self, acs: list[tuple[str | None, str]], ac_cell: str) -> None:
        criteria = self.outcomes[-1][1]
        for number, text in acs:
            piece = Piece(number, text, ac_cell)
            if number is None:
                last = criteria[-1].number if criteria else f"{self._current()}.0"
                lo_no, ac_no = last.split(".")
                piece.number = f"{lo_no}.{int(ac_no) + 1}"
                piece.fixes.append(("number", "number-restored",
                                    f"the AC was printed without its number; {piece.number} follows {last}"))
            if len(acs) > 1:
                piece.fixes.append(("text", "split-repaired",
                                    "several ACs printed fused in one table cell; split at the printed AC numbers"))
            _unhyphen(piece, "text")
            criteria.append(piece)


def _split_acs(cell: str) -> list[tuple[str | None, str]]:
    """AC cell -> [(number or None, text)]; handles fused cells ("...process1.2 Explain...")."""
    cell = cell.strip()
    if not cell:
        return []
    parts = AC_NUMBER.split(cell)
    out: list[tuple[str | None, str]] = []
    if parts[0].strip():
        out.append((None, parts[0].strip()))
    for k in range(1, len(parts), 2):
        out.append((parts[k], parts[k + 1].strip()))
    return out
