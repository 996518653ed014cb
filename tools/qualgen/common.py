"""Shared pieces of the qualification generator: finding source texts, corrections, deterministic output."""

# Builders: read tools/qualgen/README.md first; it fixes the file format, correction kinds and working rules.

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from assessor_app.domain.catalogue import FORMAT

CORRECTIONS_DIR = Path(__file__).parent / "corrections"


class SourceNotFound(LookupError):
    """No file in the seeds folder carries the signature of the wanted document."""


def find_source(seeds_dir: Path, signature: str) -> list[str]:
    """Lines of the one text file in seeds_dir that contains `signature` (documents are found by content, not name)."""
    matches = [p for p in sorted(seeds_dir.glob("*.txt")) if signature in p.read_text(encoding="utf-8")]
    if len(matches) != 1:
        raise SourceNotFound(f"expected one source text containing {signature!r} in {seeds_dir}, found {len(matches)}")
    return matches[0].read_text(encoding="utf-8").splitlines()


def unit_path(urn: str, *rest: str) -> str:
    """Readable location of a field, e.g. units[A/506/2130].outcomes[2].criteria[2.4]."""
    return ".".join([f"units[{urn}]", *rest])


@dataclass
class Ledger:
    """Collects the corrections and review flags of one qualification file as they are made."""

    corrections: list[dict] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)

    def correct(self, where: str, field_name: str, kind: str, original, corrected, reason: str,
                repaired_from: str | None = None):
        self.corrections.append({
            "where": where, "field": field_name, "kind": kind, "original": original,
            "corrected": corrected, "reason": reason, "repaired_from": repaired_from,
        })
        return corrected

    def flag(self, where: str, field_name: str, values: list[dict], note: str) -> None:
        self.flags.append({"where": where, "field": field_name, "values": values, "note": note})


def load_corrections(name: str) -> dict:
    """The committed hand corrections for one output file (tools/qualgen/corrections/NAME.json), or {}."""
    path = CORRECTIONS_DIR / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def qualification_document(*, kind: str, number: str, title: str, awarding_body: str, source: dict,
                           units: list[dict], groups: list[dict] | None = None, level=None, credits=None,
                           glh_min=None, glh_max=None, tqt=None, rules: dict | None = None,
                           ledger: Ledger | None = None) -> dict:
    """A qualification file's dict in the fixed key order every file uses."""
    ledger = ledger or Ledger()
    return {
        "format": FORMAT, "kind": kind, "number": number, "title": title, "awarding_body": awarding_body,
        "source": source, "level": level, "credits": credits, "glh_min": glh_min, "glh_max": glh_max,
        "tqt": tqt, "rules": rules or {}, "groups": groups or [], "units": units,
        "corrections": ledger.corrections, "flags": ledger.flags,
    }


def dump(document: dict) -> str:
    """Deterministic JSON text: same document, same bytes."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def tidy(text: str) -> str:
    """Collapse runs of white space; the only change made to source text without listing it."""
    return re.sub(r"\s+", " ", text).strip()
