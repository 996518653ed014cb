"""Word for word: every unit title, LO, AC and guidance text equals its source document, or is a listed correction.

Only white space, quote style and line-wrap hyphens are normalised; any other difference must be a correction in the
file (where, field, original as printed, corrected as shipped)."""

import json
import re
from functools import lru_cache

import pytest

from assessor_app.paths import shipped_dir
from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents (../shared/seeds) not beside this checkout")

FILES = sorted(p for p in shipped_dir("qualifications").glob("*.json") if p.name != "schema.json")
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


def normalise(text: str) -> str:
    text = text.translate(QUOTES)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(\w)-\s*(\w)", r"\1\2", text)  # "custo- mer", "consumer- related": line-wrap hyphens
    text = re.sub(r" ?• ?", "•", text)  # bullets: the space beside a bullet glyph is white space too
    return text.strip()


@lru_cache(maxsize=None)
def seed_texts() -> dict[str, str]:
    return {p.name: normalise(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))
            if p.name[:3].isdigit()}


def values(document: dict):
    """(where, field, text) for every unit title, LO, AC and guidance value in a file."""
    for unit in document["units"]:
        where = f"units[{unit['urn']}]"
        yield where, "title", unit["title"]
        for outcome in unit["outcomes"]:
            o_where = f"{where}.outcomes[{outcome['number']}]"
            yield o_where, "text", outcome["text"]
            for criterion in outcome["criteria"]:
                c_where = f"{o_where}.criteria[{criterion['number']}]"
                yield c_where, "text", criterion["text"]
                if criterion.get("guidance"):
                    yield c_where, "guidance", criterion["guidance"]


def home_seed(document: dict) -> str:
    """The source document a file came from: the one that prints most of its uncorrected values verbatim.

    Values repaired from another document are left out of the count, or a badly extracted unit bank whose text was
    mostly repaired from the IMI record would look as if it came from the IMI record."""
    texts = seed_texts()
    corrected = {(c["where"], c["field"]) for c in document.get("corrections", [])}
    criteria = [normalise(v) for w, f, v in values(document) if (w, f) not in corrected]
    return max(texts, key=lambda name: sum(c in texts[name] for c in criteria))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_value_is_printed_in_the_source_or_a_listed_correction(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    texts = seed_texts()
    home = texts[home_seed(document)]
    corrections: dict[tuple[str, str], list[dict]] = {}
    for c in document.get("corrections", []):
        corrections.setdefault((c["where"], c["field"]), []).append(c)
    unexplained = []
    for where, field, value in values(document):
        if normalise(value) in home:
            continue
        listed = [c for c in corrections.get((where, field), []) if isinstance(c.get("corrected"), str)
                  and normalise(c["corrected"]) == normalise(value)]
        if not listed:
            unexplained.append(f"{where}.{field}: {value[:90]!r}")
    assert not unexplained, f"{len(unexplained)} values differ from the source with no correction listed:\n" + \
        "\n".join(unexplained[:40])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_correction_quotes_what_a_source_printed(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    all_text = " ".join(seed_texts().values())
    misquoted = []
    for c in document.get("corrections", []):
        original = c.get("original")
        if isinstance(original, str) and original.strip() and normalise(original) not in all_text:
            misquoted.append(f"{c['where']}.{c['field']} ({c['kind']}): {original[:90]!r}")
        assert c.get("reason"), f"correction without a reason at {c['where']}"
    assert not misquoted, "corrections whose 'original' no source prints:\n" + "\n".join(misquoted[:40])
