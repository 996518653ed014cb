"""Builds qualifications/unit-bank-skills-cfa-cs-l2.json from the Skills CFA Customer Service Level 2 units (CS 5-24).

The Skills CFA text is badly column-split, so each learning outcome and criterion is looked for in it as the IMI Learner
Assessment Record prints the same unit: where the Skills CFA text holds it intact (white space, quote style and
line-wrap hyphens aside) its own printing is kept; otherwise the IMI text is used and listed as "text-repaired".
"""

from __future__ import annotations

import re
from pathlib import Path

from assessor_app.domain.catalogue import normalise_urn

from . import imi
from .common import Ledger, find_source, load_corrections, qualification_document, unit_path
from .imi_parse import RawCriterion, RawOutcome
from .skills_cfa_parse import SIGNATURE, RawUnit, flexible, parse, printed_lo_number, row_start, token

NAME = "unit-bank-skills-cfa-cs-l2"
NUMBER = "CFA-CS-L2"
PUBLISHER = "Skills CFA"
QUOTE_STYLE = str.maketrans({q: "'" for q in "‘’“”\""})


def build(seeds: Path) -> list[tuple[str, dict]]:
    doc = parse(find_source(seeds, SIGNATURE))
    imi_doc = imi.read(seeds)
    repaired_from = imi.cited_as(imi_doc)
    hand = load_corrections(NAME)
    differences = {(d["unit"], d["criterion"]): d["printed"] for d in hand.get("wording_differences", [])}
    imi_units = {u.ref: u for u in imi_doc.units}
    imi_rows = {r.ref: r for r in imi_doc.structure}
    source = {"title": f"{doc.heading} - {doc.subtitle}", "publisher": PUBLISHER, "version": doc.version}
    ledger = Ledger()
    units = []
    for raw in doc.units:
        if raw.ref not in imi_units:
            raise ValueError(f"{raw.ref} is not in {repaired_from}: no unit reference to join it by")
        builder = _UnitBuilder(raw, imi_units[raw.ref], imi_rows[raw.ref], repaired_from, differences, ledger)
        units.append(builder.build())
    used = {(u["ref"], n) for u in units for n in u["extra"].pop("differences_used")}
    if used != set(differences):
        raise ValueError(f"corrections file lists wording differences not found in the text: {set(differences) - used}")
    document = qualification_document(
        kind="unit-bank", number=NUMBER, title=f"{doc.heading}: {doc.subtitle}", awarding_body=PUBLISHER,
        source=source, level=int(re.search(r"Level (\d+)", doc.subtitle).group(1)), units=units, ledger=ledger,
    )
    return [(f"{NAME}.json", document)]


class _UnitBuilder:
    """One Skills CFA unit: header from its own text, outcomes and criteria matched against the IMI printing."""

    def __init__(self, raw: RawUnit, imi_unit, imi_row, repaired_from: str, differences: dict, ledger: Ledger):
        self.raw, self.imi_unit, self.imi_row = raw, imi_unit, imi_row
        self.repaired_from, self.differences, self.ledger = repaired_from, differences, ledger
        self.urn = normalise_urn(imi_row.urn_printed)
        self.used: list[str] = []  # ACs printed with the hand-listed different wording
        self.pos = 0               # how far through the unit's text the criteria have been found
        self.first_ac_at = 0       # where the current outcome's first AC number is printed

    def build(self) -> dict:
        raw, where = self.raw, unit_path(self.urn)
        if raw.header_title is None:
            self.ledger.flag(where, "title", [{"source": "contents", "value": raw.contents_title}],
                             "The unit header prints no Title row; the title is the contents table's.")
        elif raw.header_title != raw.contents_title:
            self.ledger.correct(where, "title", "split-repaired", raw.header_title, raw.contents_title,
                                "The unit header's title is garbled by the extraction (split cells or misread "
                                "letters); the document's contents table prints it whole.")
        self._compare(where, "title", raw.contents_title, self.imi_row.title)
        pairs = (("level", raw.level, self.imi_row.level), ("credit", raw.credit, self.imi_row.credit),
                 ("glh", raw.glh, self.imi_row.glh))
        for label, mine, theirs in pairs:
            if mine != theirs:
                self.ledger.flag(where, label, [{"source": PUBLISHER, "value": mine},
                                                {"source": self.repaired_from, "value": theirs}],
                                 "The two documents disagree; this file keeps the Skills CFA value.")
        outcomes = [self._outcome(o) for o in self.imi_unit.outcomes]
        printed = set(re.findall(r"(?<![\d.])(\d+\.\d+)(?!\d)", raw.run))
        if printed != {c["number"] for o in outcomes for c in o["criteria"]}:
            raise ValueError(f"{raw.ref}: the Skills CFA text prints ACs {sorted(printed)}, not the IMI record's")
        return {
            "urn": self.urn, "ref": raw.ref, "title": raw.contents_title, "title_on_unit_page": None,
            "level": raw.level, "credit": raw.credit, "glh": raw.glh, "mapping": None, "rationale": None,
            "guidance_intro": None, "outcomes": outcomes,
            "extra": {
                "urn_source": (f"Not printed here (the Unit Reference No. cell is blank): taken from "
                               f"{self.repaired_from}, whose structure table prints {raw.ref} as "
                               f"{self.imi_row.urn_printed!r}"),
                "additional_information": raw.additional_information,
                "differences_used": self.used,
            },
        }

    def _outcome(self, lo: RawOutcome) -> dict:
        where = unit_path(self.urn, f"outcomes[{lo.number}]")
        run = self.raw.run
        found = flexible(lo.text).search(run)
        criteria = [self._criterion(lo, c) for c in lo.criteria]
        if found:
            text = self._intact(where, "text", run[found.start():found.end()], lo.text)
            printed = printed_lo_number(run, found.start())
            original = text
        else:
            first = self.first_ac_at
            start = row_start(self.raw, first)
            if not run[start:first].strip() and start:  # the AC starts its own line: the LO cell is the line above
                start = row_start(self.raw, start - 1)
            original = run[start:first].strip()
            text = self.ledger.correct(where, "text", "text-repaired", original, lo.text,
                                       "The learning outcome is split across columns and truncated by the "
                                       "extraction; its text is taken from the same unit in the IMI record.",
                                       self.repaired_from)
            m = re.match(r"(\d+)\.?\s", original)
            printed = m.group(1) if m else None
        if printed != lo.number:
            self.ledger.correct(where, "number", "number-restored", original, lo.number,
                                f"The Skills CFA text prints this learning outcome without its number; it is "
                                f"outcome {lo.number} by its place and in the IMI record.")
        return {"number": lo.number, "text": text, "criteria": criteria}

    def _criterion(self, lo: RawOutcome, c: RawCriterion) -> dict:
        where = unit_path(self.urn, f"outcomes[{lo.number}]", f"criteria[{c.number}]")
        run = self.raw.run
        hand = self.differences.get((self.raw.ref, c.number))
        occurrences = list(token(c.number).finditer(run, self.pos))
        if not occurrences:
            raise ValueError(f"{self.raw.ref}: AC {c.number} is not printed after position {self.pos}")
        if c is lo.criteria[0]:
            self.first_ac_at = occurrences[0].start()
        for t in occurrences:
            for wanted in filter(None, (c.text, hand)):
                m = flexible(wanted).match(run, t.end())
                if m:
                    if c is lo.criteria[0]:
                        self.first_ac_at = t.start()
                    self.pos = m.end()
                    if wanted is hand:
                        self.used.append(c.number)
                    return {"number": c.number, "text": self._intact(where, "text", m.group(0), c.text),
                            "guidance": None}
        t = occurrences[0]
        following = [n for o in self.imi_unit.outcomes for n in (x.number for x in o.criteria)]
        later = following[following.index(c.number) + 1:]
        ends = [m.start() for n in later[:1] for m in [token(n).search(run, t.end())] if m]
        original = run[t.end():ends[0] if ends else len(run)].strip()
        self.pos = t.end()
        text = self.ledger.correct(where, "text", "text-repaired", original, c.text,
                                   f"The text printed between AC {c.number} and the next AC is broken by the "
                                   f"extraction (split columns, lost or stray letters); the AC's text is taken from "
                                   f"the same unit in the IMI record.", self.repaired_from)
        return {"number": c.number, "text": text, "guidance": None}

    def _intact(self, where: str, field: str, printed: str, imi_text: str) -> str:
        """The Skills CFA printing of a value found whole, with line-wrap hyphens ("consumer- related") joined."""
        joined = re.sub(r"(?<=\w)- (?=\w)", "-", printed)
        if joined != printed:
            self.ledger.correct(where, field, "split-repaired", printed, joined,
                                "A hyphen broken at a line end ('- ') is joined again.")
        self._compare(where, field, joined, imi_text)
        return joined

    def _compare(self, where: str, field: str, mine: str, theirs: str) -> None:
        if mine == theirs:
            return
        quotes_only = mine.translate(QUOTE_STYLE) == theirs.translate(QUOTE_STYLE)
        self.ledger.flag(where, field, [{"source": PUBLISHER, "value": mine}, {"source": self.repaired_from,
                                                                               "value": theirs}],
                         "The two documents print this with different quote marks; the Skills CFA printing is kept."
                         if quotes_only else
                         "The two documents word this differently (not extraction damage); the Skills CFA wording "
                         "is kept.")
