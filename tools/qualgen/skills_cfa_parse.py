"""Reads the Skills CFA Customer Service Level 2 unit text: contents, unit headers, and each unit's LO/AC text run."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .common import tidy

SIGNATURE = "QCF units of assessment Level 2"
REF_LINE = re.compile(r"Reference\s+(CS \d+)\b")
CONTENTS_ROW = re.compile(r"^(CS \d+)\t(.+?)\t(\d+)$")
ADDITIONAL = "Additional Information about the unit"
# the three "Additional Information" fields that carry a value in this document, label as printed whole (CS 13)
INFO_FIELDS = (
    ("Support for the unit from an SSC or other appropriate body (if required)",
     r"Support for the unit from an SSC or other (?:appropriate body \(if required\) )?(Skills CFA)"),
    ("Name of the organisation submitting the unit", r"Name of the organisation submitting the unit (Skills CFA)"),
    ("Availability for use", r"Availability for use (Shared)"),
)


class LayoutError(ValueError):
    """The text does not have the layout this parser was written for (the seed changed)."""


@dataclass
class RawUnit:
    ref: str
    contents_title: str
    header_title: str | None   # the unit header's "Title" cells, tidied (None: no Title row, as for CS 18)
    level: int
    credit: int
    glh: int
    run: str                   # the LO/AC table text, whitespace collapsed, in reading order
    line_starts: list[int]     # where each printed line of the table begins in `run`
    additional_information: dict[str, str]
    line: int


@dataclass
class RawDocument:
    heading: str
    subtitle: str
    version: str
    units: list[RawUnit]


def parse(lines: list[str]) -> RawDocument:
    text = [line for line in lines if line.strip()]
    heading, subtitle, version, date = (t.strip() for t in text[:4])
    if subtitle != SIGNATURE or not version.startswith("V"):
        raise LayoutError("the cover is not 'Customer Service / QCF units of assessment Level 2 / Vn / date'")
    contents = {m.group(1): m.group(2) for m in map(CONTENTS_ROW.match, lines) if m}
    refs = [(i, REF_LINE.search(line).group(1)) for i, line in enumerate(lines) if REF_LINE.search(line)]
    if [r for _, r in refs] != list(contents):
        raise LayoutError(f"unit headers {[r for _, r in refs]} do not follow the contents {list(contents)}")
    units = []
    for n, (i, ref) in enumerate(refs):
        stop = refs[n + 1][0] if n + 1 < len(refs) else len(lines)
        units.append(_unit(lines, i, stop, ref, contents[ref]))
    return RawDocument(heading, subtitle, f"{version} {date}", units)


def _unit(lines: list[str], at: int, stop: int, ref: str, contents_title: str) -> RawUnit:
    title_rows = [i for i in range(max(at - 3, 0), at) if lines[i].startswith("Title")]
    header_title = None
    if title_rows:
        header_title = tidy(lines[title_rows[-1]][len("Title"):].replace("\t", " "))
    header_end = next(i for i in range(at, stop) if "will:" in lines[i])
    header = tidy(" ".join(lines[at + 1:header_end]).replace("\t", " ") + " " + lines[at].split(ref)[-1])
    level = _number(header, r"Level (\d+)", ref)
    credit = _number(header, r"Credit Va ?lue (\d+)", ref)
    glh = _number(header, r"GLH (\d+)", ref)
    end = next(i for i in range(header_end, stop) if lines[i].startswith(ADDITIONAL))
    run_lines = lines[header_end + 1:end]
    info_text = tidy(" ".join(lines[end:stop]))
    info = {}
    for label, pattern in INFO_FIELDS:
        m = re.search(pattern, info_text)
        if not m:
            raise LayoutError(f"{ref}: no {label!r} in its Additional Information block")
        info[label] = m.group(1)
    pieces = [tidy(line) for line in run_lines if tidy(line)]
    starts, offset = [], 0
    for piece in pieces:
        starts.append(offset)
        offset += len(piece) + 1
    return RawUnit(ref, contents_title, header_title, level, credit, glh, " ".join(pieces), starts, info, at + 1)


def _number(header: str, pattern: str, ref: str) -> int:
    m = re.search(pattern, header)
    if not m:
        raise LayoutError(f"{ref}: header has no {pattern!r}: {header!r}")
    return int(m.group(1))


def token(number: str) -> re.Pattern:
    """An AC number in running text; ACs are sometimes fused to the word before ("services3.2 Prepare")."""
    return re.compile(r"(?<![\d.])" + re.escape(number) + r"\.?(?!\d)\s*")


def flexible(text: str) -> re.Pattern:
    """A pattern for `text` as printed elsewhere: any white space, any quote style, and a line-wrap space after a
    hyphen are allowed; nothing else may differ."""
    parts = []
    for ch in text:
        if ch.isspace():
            parts.append(r"\s+")
        elif ch in "'\"‘’“”":
            parts.append("['\"‘’“”]")
        elif ch == "-":
            parts.append(r"-\s?")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts))


def printed_lo_number(run: str, at: int) -> str | None:
    """The LO number printed just before position `at` of the run ("3. Be able..." or "2 Be able..."), if any."""
    m = re.search(r"(?:^|\s)(\d+)\.?\s*$", run[:at])
    return m.group(1) if m else None


def row_start(unit: RawUnit, at: int) -> int:
    """Where the printed line holding position `at` of the run begins."""
    return max(start for start in unit.line_starts if start <= at)
