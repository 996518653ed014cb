"""Reading an exported record back with pdfplumber: page texts, and the unit tables' cells by column position."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

MM = 72 / 25.4
LEFT = 15 * MM
# Column edges of the LO/AC table (export/unit_page.AC_TABLE_WIDTHS: 44, 92, 20, 24 mm).
AC_LEFT, REF_LEFT, DATE_LEFT, TABLE_RIGHT = LEFT + 44 * MM, LEFT + 136 * MM, LEFT + 156 * MM, LEFT + 180 * MM
AC_NUMBER = re.compile(r"^\d+\.\d+[a-z]?\.?$")
LO_NUMBER = re.compile(r"^\d+\.?$")
# The first header line of a unit page, in each awarding body's wording (export/labels.py): (ref, title).
UNIT_LINES = (re.compile(r"UNIT REF: (.*?) UNIT TITLE: (.*)"),
              re.compile(r"Unit Reference Number: (\S+) Unit Title: (.*)"),
              re.compile(r"^(Unit \d+): (.*)\nUnit reference number:", re.M))


def unit_line(text: str):
    return next((m for m in (pattern.search(text) for pattern in UNIT_LINES) if m), None)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


@dataclass
class UnitTable:
    ref: str
    title: str
    rows: list[tuple[str, str, str]] = field(default_factory=list)  # (AC cell, Ref No cell, Date cell)
    outcomes: list[str] = field(default_factory=list)  # LO cells
    text: str = ""  # every page of the unit, its guidance included


@dataclass
class ReadBack:
    pages: list[str]
    units: dict[str, UnitTable]
    page_sizes: list[tuple[float, float]]
    outside: list[str]  # characters printed outside the page's content box

    @property
    def text(self) -> str:
        return squash(" ".join(self.pages))

    def pages_between(self, start: str, stop: str | None) -> str:
        """Squashed text from the first page containing `start` up to the page before the one containing `stop`."""
        out, on = [], False
        for page in self.pages:
            if not on and start in page:
                on = True
            elif on and stop and stop in page:
                break
            if on:
                out.append(page)
        return squash(" ".join(out))


def _in(word, left, right) -> bool:
    return left - 1 <= word["x0"] and word["x1"] <= right + 1


def _cell(words, left, right, y0, y1) -> str:
    chosen = [w for w in words if _in(w, left, right) and y0 <= w["top"] < y1]
    chosen.sort(key=lambda w: (round(w["top"]), w["x0"]))
    return " ".join(w["text"] for w in chosen)


def _table_rows(words, page_height) -> tuple[list[tuple[str, str, str]], list[str]]:
    header = [w for w in words if w["text"] in ("CRITERIA", "can:") and AC_LEFT <= w["x0"] < REF_LEFT]
    if not header:
        return [], []
    top = max(w["bottom"] for w in header) + 2
    stops = [w["top"] for w in words if w["top"] > top and w["x0"] < AC_LEFT - 5
             and w["text"] in ("ASSESSOR", "Unit", "INTERNAL", "†")]
    bottom = min(stops + [page_height - 21 * MM])
    starts = sorted(w["top"] for w in words if top < w["top"] < bottom and AC_NUMBER.match(w["text"])
                    and abs(w["x0"] - AC_LEFT) < 6)
    rows = []
    for i, start in enumerate(starts):
        y0, y1 = start - 1, (starts[i + 1] - 1) if i + 1 < len(starts) else bottom
        rows.append((_cell(words, AC_LEFT, REF_LEFT, y0, y1), _cell(words, REF_LEFT, DATE_LEFT, y0, y1),
                     _cell(words, DATE_LEFT, TABLE_RIGHT, y0, y1)))
    lo_starts = sorted(w["top"] for w in words if top < w["top"] < bottom and LO_NUMBER.match(w["text"])
                       and abs(w["x0"] - LEFT) < 6)
    outcomes = [_cell(words, LEFT, AC_LEFT, start - 1, lo_starts[i + 1] - 1 if i + 1 < len(lo_starts) else bottom)
                for i, start in enumerate(lo_starts)]
    return rows, outcomes


def read_back(path: Path) -> ReadBack:
    pages, sizes, outside = [], [], []
    units: dict[str, UnitTable] = {}
    current: UnitTable | None = None
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            text = page.extract_text() or ""
            pages.append(text)
            sizes.append((round(float(page.width), 2), round(float(page.height), 2)))
            for ch in page.chars:
                if ch["x0"] < LEFT - 1 or ch["x1"] > page.width - LEFT + 1:
                    outside.append(f"page {number}: {ch['text']!r} at x {ch['x0']:.1f}-{ch['x1']:.1f}")
            match = unit_line(text)
            if match:
                current = UnitTable(match.group(1).strip(), match.group(2).strip())
                units[current.ref] = current
            elif any(marker in text for marker in ("ASSESSOR COMMENTS AND FEEDBACK", "EVIDENCE INDEX")):
                current = None
            if current is not None:
                rows, outcomes = _table_rows(page.extract_words(), float(page.height))
                current.rows += rows
                current.outcomes += outcomes
                current.text = squash(f"{current.text} {text}")
    return ReadBack(pages, units, sizes, outside)


def header_lines(unit, labels) -> list[str]:
    """Each header row of the unit page as it reads back: 'UNIT REF: CS 7 UNIT TITLE: DELIVER ...'."""
    return [squash(" ".join(f"{label} {value}" for label, value in row)) for row in labels.unit_rows(unit)]


def criterion_lines(unit, inferred=frozenset()) -> list[str]:
    """Each AC cell as it reads back, with the inferred-wording mark where the file infers the wording."""
    return [squash(f"{c.number} {c.text}" + (" †" if c.number in inferred else ""))
            for o in sorted(unit.outcomes, key=lambda o: int(o.number)) for c in o.criteria]


@dataclass
class Cell:
    """A table cell found by its label: the text after the label, and the cell's ruled box (PDF points, top-down)."""

    value: str
    left: float
    right: float
    top: float
    bottom: float


def _label_words(words, label: str):
    parts = label.split()
    for i in range(len(words) - len(parts) + 1):
        run = words[i:i + len(parts)]
        if [w["text"] for w in run] == parts and all(abs(w["top"] - run[0]["top"]) < 2 for w in run):
            return run
    raise AssertionError(f"label {label!r} is not on the page")


def cell(page, label: str) -> Cell:
    """The ruled cell holding `label` (by the table rules drawn around it) and the words after the label in it."""
    words = page.extract_words()
    run = _label_words(words, label)
    x0, x1, top = run[0]["x0"], run[-1]["x1"], run[0]["top"]
    vertical = [e for e in page.edges if e["orientation"] == "v" and e["top"] - 1 <= top <= e["bottom"] + 1]
    left = max((e["x0"] for e in vertical if e["x0"] <= x0 + 0.5), default=0)
    right = min((e["x0"] for e in vertical if e["x0"] >= x1 - 0.5), default=float(page.width))
    horizontal = [e for e in page.edges if e["orientation"] == "h" and e["x0"] <= x0 <= e["x1"]]
    upper = max((e["top"] for e in horizontal if e["top"] <= top + 0.5), default=0)
    lower = min((e["top"] for e in horizontal if e["top"] > top + 1), default=float(page.height))
    inside = [w for w in words if left <= w["x0"] and w["x1"] <= right and upper <= w["top"] < lower
              and w not in run and not (abs(w["top"] - top) < 2 and w["x1"] <= x0)]
    inside.sort(key=lambda w: (round(w["top"]), w["x0"]))
    return Cell(" ".join(w["text"] for w in inside), left, right, upper, lower)


def touching_rules(page, side: float = 3.5, level: float = 2.0) -> list[str]:
    """Characters closer than `side` points to a table rule beside them, or `level` points to one above or below."""
    found = []
    for ch in page.chars:
        if not ch["text"].strip():
            continue
        for e in page.edges:
            if e["orientation"] == "v" and e["top"] < ch["bottom"] and ch["top"] < e["bottom"]:
                gap = min(abs(ch["x0"] - e["x0"]), abs(ch["x1"] - e["x0"]))
                inside = ch["x0"] < e["x0"] < ch["x1"]
            elif e["orientation"] == "h" and e["x0"] < ch["x1"] and ch["x0"] < e["x1"]:
                gap = min(abs(ch["top"] - e["top"]), abs(ch["bottom"] - e["top"]))
                inside = ch["top"] < e["top"] < ch["bottom"]
            else:
                continue
            if inside or gap < (side if e["orientation"] == "v" else level):
                found.append(f"{ch['text']!r} at x {ch['x0']:.1f}, top {ch['top']:.1f}")
                break
    return found


def beside(page, label: str) -> str:
    """The text of the ruled cell to the right of the cell holding `label` (contact sheet: label | value)."""
    box = cell(page, label)
    edges = [e["x0"] for e in page.edges if e["orientation"] == "v" and e["top"] - 1 <= box.top + 2 <= e["bottom"] + 1
             and e["x0"] > box.right + 1]
    right = min(edges, default=float(page.width))
    words = [w for w in page.extract_words() if box.right <= w["x0"] and w["x1"] <= right
             and box.top <= w["top"] < box.bottom]
    words.sort(key=lambda w: (round(w["top"]), w["x0"]))
    return " ".join(w["text"] for w in words)


def images_in(page, box: Cell) -> list:
    return [im for im in page.images if box.left - 1 <= im["x0"] and im["x1"] <= box.right + 1
            and box.top - 1 <= im["top"] and im["bottom"] <= box.bottom + 1]
