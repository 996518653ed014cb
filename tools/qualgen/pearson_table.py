"""Pearson's LO | AC | amplification tables read into outcomes, with every repaired cell listed as a correction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .common import Ledger, tidy, unit_path

AC_NUMBER = re.compile(r"^(\d+\.\d+)(?:\s+(\S.*))?$")
LO_NUMBER = re.compile(r"^\d+$")
# Two amplification topics run together in one cell ("...friendliness Body language: ..."); a topic is one
# capitalised word then lower-case words up to a colon, so names such as "Health and Safety" never split,
# and the word before the break ends a list item, never a connective ("through Health and ...").
TOPIC_BREAK = re.compile(r"(?<=[a-z)]) (?=[A-Z][a-z]+(?: [a-z][a-z'-]*)*: )")
CONNECTIVES = {"a", "an", "and", "as", "for", "from", "in", "of", "on", "or", "the", "through", "to", "use", "with"}
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
COLUMNS = ("lo_num", "lo_text", "ac_num", "ac_text", "amp")
KIND_ORDER = ("guidance-moved", "residue-removed", "html-removed", "split-repaired")
DEFAULT_REASON = {
    "split-repaired": "The cell's text wraps over several table rows, interleaved with the other columns' text; "
                      "the pieces are rejoined in order.",
    "html-removed": "HTML residue (italic tags) removed.",
}


class TableError(ValueError):
    """A table row the reader cannot place; it needs a row override in corrections/pearson.json."""


@dataclass
class Piece:
    line: int
    start: int
    end: int
    text: str


@dataclass
class Field:
    """One LO text, AC text or guidance value, built from pieces of source rows."""

    lines: list[list[Piece]] = field(default_factory=list)
    residue: list[Piece] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    reasons: list[str] = field(default_factory=list)

    def add(self, piece: Piece, new_line: bool = False) -> None:
        if new_line or not self.lines:
            self.lines.append([piece])
        else:
            self.lines[-1].append(piece)

    def value(self, multiline: bool) -> str | None:
        if not self.lines:
            return None
        texts = [" ".join(p.text for p in line) for line in self.lines]
        if multiline:
            return "\n".join(_break_topics(tidy(t)) for t in texts)
        return tidy(" ".join(texts))

    def pieces(self) -> list[Piece]:
        return sorted([p for line in self.lines for p in line] + self.residue, key=lambda p: (p.line, p.start))


@dataclass
class Criterion:
    number: str
    text: Field = field(default_factory=Field)
    guidance: Field = field(default_factory=Field)


@dataclass
class Outcome:
    number: str
    text: Field = field(default_factory=Field)
    criteria: list[Criterion] = field(default_factory=list)


@dataclass
class NumberFix:
    outcome: str
    number: str
    kind: str
    printed: str
    reason: str


@dataclass
class Table:
    outcomes: list[Outcome]
    number_fixes: list[NumberFix]


def is_header(raw: str) -> bool:
    """A table's (often garbled) header row: 'Lea\tLearning outcomes ... Ur\tnit amplification'."""
    return "\t" in raw and "nit amplification" in raw


def _break_topics(text: str) -> str:
    cuts = [m.start() for m in TOPIC_BREAK.finditer(text) if text[:m.start()].rsplit(" ", 1)[-1] not in CONNECTIVES]
    for cut in reversed(cuts):
        text = f"{text[:cut]}\n{text[cut + 1:]}"
    return text


def _cells(raw: str) -> list[tuple[int, str]]:
    """(offset, text) of each tab-separated cell, trailing empty cells dropped."""
    out, offset = [], 0
    for text in raw.split("\t"):
        out.append((offset, text))
        offset += len(text) + 1
    while out and not out[-1][1].strip():
        out.pop()
    return out


def _piece(i: int, offset: int, text: str) -> Piece:
    lead = len(text) - len(text.lstrip())
    core = text.strip()
    return Piece(i, offset + lead, offset + lead + len(core), core)


def _generic_row(i: int, raw: str) -> dict:
    """Cells of a regular row: LO number | LO text | AC number | AC text | (blank) | amplification."""
    cells = _cells(raw)
    if len(cells) > 2 and re.fullmatch(r"\d+\.\d+", cells[1][1].strip()):
        cells.insert(1, (cells[1][0], ""))  # a page whose table has no LO column: shift right by one
    row: dict = {"residue": {}}
    get = {k: (cells[n] if n < len(cells) else (0, "")) for n, k in enumerate(COLUMNS[:4])}
    lo_off, lo_num = get["lo_num"]
    if lo_num.strip():
        if not LO_NUMBER.match(lo_num.strip()):
            raise TableError(f"line {i + 1}: {lo_num!r} in the LO number column")
        row["lo_num"] = _piece(i, lo_off, lo_num)
    off, text = get["lo_text"]
    if text.strip():
        piece = _piece(i, off, text)
        dup, _, rest = piece.text.partition(" ")
        if "lo_num" in row and dup == row["lo_num"].text and rest:
            row["residue"]["lo_text"] = [Piece(i, piece.start, piece.start + len(dup), dup)]
            row["why"] = {"lo_text": "The LO number is printed again at the start of the LO text cell; "
                                     "the repeat is dropped."}
            piece = Piece(i, piece.end - len(rest), piece.end, rest)
        row["lo_text"] = piece
    off, text = get["ac_num"]
    merged = False
    if text.strip():
        m = AC_NUMBER.match(text.strip())
        if not m:
            raise TableError(f"line {i + 1}: {text!r} in the AC number column")
        piece = _piece(i, off, text)
        row["ac_num"] = Piece(i, piece.start, piece.start + len(m.group(1)), m.group(1))
        if m.group(2):
            merged = True
            row["number_printed"] = piece.text
            row["ac_text"] = Piece(i, piece.end - len(m.group(2)), piece.end, m.group(2))
    off, text = get["ac_text"]
    if text.strip():
        if merged:
            raise TableError(f"line {i + 1}: AC number cell holds text and the AC text column is not empty")
        row["ac_text"] = _piece(i, off, text)
    rest = [(off, text) for off, text in cells[4:] if text.strip()]
    if len(rest) > 1:
        raise TableError(f"line {i + 1}: more than one amplification cell")
    if rest:
        row["amp"] = _piece(i, *rest[0])
    return row


def _locate(i: int, raw: str, text: str, taken: list[tuple[int, int]]) -> Piece:
    """The first place `text` stands in the raw line that no other piece of the row has claimed.

    A text ending in "..." is a cell's opening words and stands for the whole rest of that cell."""
    whole_cell = text.endswith("...")
    wanted = text[:-3] if whole_cell else text
    start = raw.find(wanted)
    while start >= 0:
        end = start + len(wanted)
        if whole_cell:
            end = raw.find("\t", start) if "\t" in raw[start:] else len(raw)
            end = start + len(raw[start:end].rstrip())
        if all(end <= a or start >= b for a, b in taken):
            taken.append((start, end))
            return Piece(i, start, end, raw[start:end])
        start = raw.find(wanted, start + 1)
    raise TableError(f"line {i + 1}: override text {text!r} is not in the source row")


def _override_row(i: int, raw: str, spec: dict) -> dict:
    """Cells of an irregular row as laid out by hand; each text must stand in the source row."""
    taken: list[tuple[int, int]] = []
    row: dict = {"residue": {}, "why": spec["why"]}
    for key in ("lo_num", "lo_text", "ac_text", "amp_prev", "amp"):
        value = spec.get(key)
        if value:
            parts = value if isinstance(value, list) else [value]
            row[key] = [_locate(i, raw, p, taken) for p in parts]
    for key, texts in spec.get("residue", {}).items():
        row["residue"][key] = [_locate(i, raw, t, taken) for t in texts]
    if "ac_num" in spec:
        number = spec["ac_num"]
        row["ac_num"] = Piece(i, 0, 0, number)
        if "printed" in spec:
            row["number_printed"] = spec["printed"]
            row["number_kind"] = spec.get("number_kind", "number-restored")
    return row


class _Reader:
    """Places row after row into outcomes and criteria, checking that numbers run 1, 2, 3 and 1.1, 1.2, 1.3."""

    def __init__(self):
        self.outcomes: list[Outcome] = []
        self.fixes: list[NumberFix] = []

    def take(self, i: int, row: dict) -> None:
        why = row.get("why")

        def because(key: str) -> str | None:
            return why.get(key) if isinstance(why, dict) else why

        as_list = {k: (v if isinstance(v, list) else [v]) for k, v in row.items()
                   if k in ("lo_num", "lo_text", "ac_text", "amp_prev", "amp")}
        if "lo_num" in as_list:
            number = as_list["lo_num"][0].text
            expected = str(len(self.outcomes) + 1)
            if number != expected:
                raise TableError(f"line {i + 1}: learning outcome {number} where {expected} was expected")
            self.outcomes.append(Outcome(number))
        outcome = self._outcome(i)
        for p in as_list.get("lo_text", []):
            outcome.text.add(p)
        if "amp_prev" in as_list:
            moved = self._criterion(i).guidance
            moved.kinds.add("guidance-moved")
            for p in as_list["amp_prev"]:
                self._mark(moved, because("amp_prev")).add(p)
        if "ac_num" in row:
            self._new_criterion(i, outcome, row, because("number"))
        for p in as_list.get("ac_text", []):
            self._criterion(i).text.add(p)
        for p in as_list.get("amp", []):
            target = self._criterion(i).guidance
            if HTML_TAG.search(p.text):
                target.kinds.add("html-removed")
                p = Piece(p.line, p.start, p.end, HTML_TAG.sub("", p.text))
            target.add(p, new_line=not p.text[:1].islower())
        for key, pieces in row["residue"].items():
            if key not in ("lo_text", "ac_text", "amp"):
                raise TableError(f"line {i + 1}: residue column {key!r} is not lo_text, ac_text or amp")
            owner = outcome.text if key == "lo_text" else (
                self._criterion(i).text if key == "ac_text" else self._criterion(i).guidance)
            owner = self._mark(owner, because(key))
            owner.kinds.add("residue-removed")
            owner.residue.extend(pieces)

    def _outcome(self, i: int) -> Outcome:
        if not self.outcomes:
            raise TableError(f"line {i + 1}: table row before the first learning outcome")
        return self.outcomes[-1]

    def _criterion(self, i: int) -> Criterion:
        outcome = self._outcome(i)
        if not outcome.criteria:
            raise TableError(f"line {i + 1}: AC text before the first AC number of outcome {outcome.number}")
        return outcome.criteria[-1]

    @staticmethod
    def _mark(target: Field, why: str | None) -> Field:
        if why and why not in target.reasons:
            target.reasons.append(why)
        return target

    def _new_criterion(self, i: int, outcome: Outcome, row: dict, why: str | None) -> None:
        number = row["ac_num"].text
        expected = f"{outcome.number}.{len(outcome.criteria) + 1}"
        if number != expected:
            raise TableError(f"line {i + 1}: AC {number} where {expected} was expected")
        outcome.criteria.append(Criterion(number))
        if "number_printed" in row:
            kind = row.get("number_kind", "split-repaired")
            reason = why or "The AC number is printed in the same cell as the AC text; split off."
            self.fixes.append(NumberFix(outcome.number, number, kind, tidy(row["number_printed"]), reason))


def read_table(lines: list[str], first: int, last: int, urn: str, overrides: list[dict]) -> Table:
    """Rows first..last (indexes into lines; header rows are skipped) read into outcomes."""
    reader = _Reader()
    unused = {spec["line"] for spec in overrides}
    for i in range(first, last):
        raw = lines[i]
        if not raw.strip() or is_header(raw):
            continue
        spec = next((s for s in overrides if raw.startswith(s["line"])), None)
        if spec:
            unused.discard(spec["line"])
            reader.take(i, _override_row(i, raw, spec))
        else:
            reader.take(i, _generic_row(i, raw))
    if unused:
        raise TableError(f"row overrides match no row of unit {urn}: {sorted(unused)}")
    return Table(reader.outcomes, reader.fixes)


def _span(lines: list[str], pieces: list[Piece]) -> str:
    """The source text from the first piece's start to the last piece's end, white space collapsed."""
    first, last = pieces[0], max(pieces, key=lambda p: (p.line, p.end))
    if first.line == last.line:
        return tidy(lines[first.line][first.start:last.end])
    middle = lines[first.line + 1:last.line]
    return tidy("\n".join([lines[first.line][first.start:], *middle, lines[last.line][:last.end]]))


def settle(lines: list[str], target: Field, multiline: bool, where: str, name: str, ledger: Ledger) -> str | None:
    """The field's value; when it is not the source text as printed, the repair goes in the ledger."""
    value = target.value(multiline)
    pieces = target.pieces()
    if not pieces:
        return value
    original = _span(lines, pieces)
    if value is not None and tidy(value) == original:
        return value
    kept = sorted((p for line in target.lines for p in line), key=lambda p: (p.line, p.start))
    kinds = set(target.kinds)
    if kept and tidy(value) != tidy(HTML_TAG.sub("", _span(lines, kept))):
        kinds.add("split-repaired")  # the kept pieces are not one run of source text
    kind = next(k for k in KIND_ORDER if k in kinds)
    reasons = target.reasons + [DEFAULT_REASON[k] for k in ("html-removed", "split-repaired") if k in kinds]
    reason = " ".join(reasons)
    ledger.correct(where, name, kind, original, value, reason)
    return value


def to_outcomes(lines: list[str], table: Table, urn: str, ledger: Ledger) -> list[dict]:
    """Outcome dicts of the file format, with number repairs and text repairs recorded in the ledger."""
    for fix in table.number_fixes:
        where = unit_path(urn, f"outcomes[{fix.outcome}]", f"criteria[{fix.number}]")
        ledger.correct(where, "number", fix.kind, fix.printed, fix.number, fix.reason)
    out = []
    for o in table.outcomes:
        o_where = unit_path(urn, f"outcomes[{o.number}]")
        criteria = []
        for c in o.criteria:
            c_where = unit_path(urn, f"outcomes[{o.number}]", f"criteria[{c.number}]")
            text = settle(lines, c.text, False, c_where, "text", ledger)
            guidance = settle(lines, c.guidance, True, c_where, "guidance", ledger)
            if not text:
                raise TableError(f"{c_where}: no AC text")
            criteria.append({"number": c.number, "text": text, "guidance": guidance})
        text = settle(lines, o.text, False, o_where, "text", ledger)
        if not text or not criteria:
            raise TableError(f"{o_where}: no LO text or no criteria")
        out.append({"number": o.number, "text": text, "criteria": criteria})
    return out
