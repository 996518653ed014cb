"""Command line of the generator: python -m tools.qualgen [--seeds DIR] [--out DIR] [--check]."""
# Builders: read tools/qualgen/README.md first (file format, correction kinds, working rules).

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from .common import dump

ROOT = Path(__file__).resolve().parents[2]
BUILDERS = ("imi", "proqual_cityguilds", "skills_cfa", "pearson")


def build_all(seeds: Path) -> dict[str, str]:
    """File name -> JSON text for every qualification file the builders make."""
    out: dict[str, str] = {}
    for name in BUILDERS:
        try:
            module = importlib.import_module(f"tools.qualgen.{name}")
        except ModuleNotFoundError as missing:
            if missing.name == f"tools.qualgen.{name}":
                continue  # builder not written yet
            raise
        for file_name, document in module.build(seeds):
            out[file_name] = dump(document)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.qualgen", description=__doc__)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--out", type=Path, default=ROOT / "qualifications")
    parser.add_argument("--check", action="store_true", help="compare with the files in --out; write nothing")
    args = parser.parse_args(argv)
    built = build_all(args.seeds)
    if args.check:
        stale = [n for n, text in built.items()
                 if not (args.out / n).exists() or (args.out / n).read_text(encoding="utf-8") != text]
        for n in stale:
            print(f"differs from generator output: {n}", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, text in built.items():
        (args.out / n).write_text(text, encoding="utf-8")
        print(f"wrote {args.out / n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
