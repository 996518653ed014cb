"""Cleans IMI guidance cells (HTML residue, bullets) and decides which AC each printed guidance row belongs to."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .common import tidy
from .imi_parse import GuidanceRow, RawCriterion

HTML_TAG = re.compile(r"</?(?:p|ul|i)(?:\s[^>]*)?>")
# a stray "#" left before a bullet by the extraction ("interruptions#•")
STRAY_HASH = re.compile(r"#(?=\s*•)")
QUOTES = str.maketrans({"“": "", "”": "", "‘": "", "’": "'", '"': ""})


@dataclass
class Placement:
    """Where one printed guidance row goes, and why."""

    row: GuidanceRow
    criterion: RawCriterion
    moved: bool        # the row cites another AC number than the one it belongs to
    text_differs: bool  # the row's printed AC text is not the AC's text


def has_html(text: str) -> bool:
    return bool(HTML_TAG.search(text))


def strip_p(text: str) -> str:
    """Text of a cell wrapped in <p>...</p>, e.g. CS 9's rationale and some guidance intros."""
    return tidy(HTML_TAG.sub(" ", text))


def clean_cells(cells: list[str]) -> tuple[str | None, bool, bool]:
    """(guidance text, HTML removed?, stray glyph removed?) for a row's guidance cell plus continuation cells.

    Paragraphs (<p>, and each continuation row) become lines; each "•" item becomes a line starting "• ".
    """
    lines: list[str] = []
    html = stray = False
    for cell in cells:
        if has_html(cell):
            html = True
        if STRAY_HASH.search(cell):
            stray = True
            cell = STRAY_HASH.sub("", cell)
        for paragraph in re.split(r"</?p>", cell):
            paragraph = HTML_TAG.sub(" ", paragraph)
            head, *items = paragraph.split("•")
            if tidy(head):
                lines.append(tidy(head))
            lines.extend("• " + tidy(item) for item in items if tidy(item))
    return ("\n".join(lines) or None), html, stray


def _normal(text: str) -> str:
    """AC text for matching: case, quotes and a trailing full stop do not count."""
    return tidy(text.translate(QUOTES)).rstrip(".").lower()


def place(rows: list[GuidanceRow], criteria: list[RawCriterion], ref: str) -> list[Placement]:
    """Attach each row to the AC whose text it prints; fall back to the closest text, preferring the cited number."""
    placements = []
    for row in rows:
        wanted = _normal(row.ac_cell)
        exact = [c for c in criteria if _normal(c.text) == wanted]
        if len(exact) == 1:
            target = exact[0]
        else:
            def score(c: RawCriterion) -> tuple[float, bool]:
                return difflib.SequenceMatcher(None, wanted, _normal(c.text)).ratio(), c.number == row.printed_number
            target = max(criteria, key=score)
            if score(target)[0] < 0.8:
                raise ValueError(f"unit {ref} line {row.line}: no AC text close to guidance row {row.ac_cell!r}")
        placements.append(Placement(row, target, target.number != row.printed_number, target.text != row.ac_cell))
    taken = [p.criterion.number for p in placements]
    if len(taken) != len(set(taken)):
        raise ValueError(f"unit {ref}: two guidance rows attach to one AC: {taken}")
    return placements
