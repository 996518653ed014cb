"""Layout changes are deliberate: a fixed record's text, page by page, equals the committed extraction; same bytes twice.

To accept a deliberate layout change: UPDATE_GOLDEN=1 pytest tests/export/test_golden.py, then review the diff."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pdfplumber

from assessor_app.export.lar import write_lar
from assessor_app.paths import shipped_dir
from tests.export.golden_record import golden_record

GOLDEN = Path(__file__).parent / "golden" / "lar_small.txt"
FONTS = shipped_dir("resources") / "fonts"


def extraction(path: Path) -> str:
    with pdfplumber.open(str(path)) as pdf:
        return "".join(f"=== page {n} ===\n{page.extract_text()}\n" for n, page in enumerate(pdf.pages, start=1))


def test_fixed_record_matches_the_committed_text(tmp_path):
    out = write_lar(golden_record(), tmp_path / "golden.pdf", FONTS)
    text = extraction(out)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), "layout changed: review, then UPDATE_GOLDEN=1"


def test_same_record_same_bytes_in_one_run_and_in_a_fresh_process(tmp_path):
    first = write_lar(golden_record(), tmp_path / "a.pdf", FONTS).read_bytes()
    second = write_lar(golden_record(), tmp_path / "b.pdf", FONTS).read_bytes()
    assert first == second
    code = ("import sys; from pathlib import Path; from assessor_app.export.lar import write_lar; "
            "from assessor_app.paths import shipped_dir; from tests.export.golden_record import golden_record; "
            "write_lar(golden_record(), Path(sys.argv[1]), shipped_dir('resources') / 'fonts')")
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "c.pdf")], check=True,
                   cwd=Path(__file__).resolve().parents[2])
    assert hashlib.sha256((tmp_path / "c.pdf").read_bytes()).hexdigest() == hashlib.sha256(first).hexdigest()


def test_a_changed_record_prints_a_different_fingerprint(tmp_path):
    before, after = golden_record(), golden_record(comment_text="A different comment.")
    assert len(before.fingerprint) == 12 and before.fingerprint != after.fingerprint
    text = extraction(write_lar(after, tmp_path / "after.pdf", FONTS))
    assert f"Record fingerprint: {after.fingerprint}" in text and before.fingerprint not in text
