"""The layer contracts of DESIGN.md section 2 (Qt only in gui, sqlite-utils only in store, reportlab only in export)."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken" in result.stdout


def test_every_module_says_what_it_owns():
    missing = []
    for path in sorted((REPO / "assessor_app").rglob("*.py")):
        text = path.read_text(encoding="utf-8").lstrip()
        if not text.startswith('"""'):
            missing.append(str(path.relative_to(REPO)))
    assert not missing, f"modules without a docstring line: {missing}"
