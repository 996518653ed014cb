"""`assessor-app export lar --learner REF --out FILE.pdf [--qualification NUMBER]` and `export batch`."""

from __future__ import annotations

import sys
from pathlib import Path

from assessor_app.cli.common import UserError, data_folder, emit, reading_session
from assessor_app.paths import shipped_dir


def register(commands) -> None:
    export = commands.add_parser("export", help="write Learner Assessment Records as PDF").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    one = export.add_parser("lar", help="one learner's Learner Assessment Record")
    one.add_argument("--learner", required=True, metavar="REF", help="registration number, id or exact name")
    one.add_argument("--out", required=True, metavar="FILE.pdf")
    one.add_argument("--qualification", metavar="NUMBER", help="which registration, if the learner has several")
    one.add_argument("--json", action="store_true")
    one.set_defaults(handler=run_lar)
    many = export.add_parser("batch", help="many learners' records into a folder (an IV sample), on every core")
    many.add_argument("--out-dir", required=True, metavar="DIR")
    many.add_argument("--learner", action="append", metavar="REF", help="repeat for each; default: every learner")
    many.add_argument("--qualification", metavar="NUMBER")
    many.add_argument("--workers", type=int, metavar="N", help="processes (default: one per core)")
    many.add_argument("--json", action="store_true")
    many.set_defaults(handler=run_batch)


def _fonts() -> Path:
    return shipped_dir("resources") / "fonts"


def run_lar(args) -> None:
    from assessor_app.services.lar import export_lar

    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise UserError(f"{out} does not end in .pdf")
    if not out.parent.is_dir():
        raise UserError(f"folder {out.parent} does not exist")
    with reading_session(data_folder(args)) as session:
        path, record = export_lar(session, args.learner, out, _fonts(), args.qualification)
    q = record.qualification
    emit({"path": str(path), "learner": record.learner.name, "registration_no": record.learner.registration_no,
          "qualification": q.number, "units": len(record.units), "evidence": len(record.evidence),
          "fingerprint": record.fingerprint},
         args.json, f"Wrote {path}: {record.learner.name}, {q.title} ({q.number}), record {record.fingerprint}.")


def run_batch(args) -> None:
    from assessor_app.services.lar_batch import plan_jobs, run_jobs

    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with reading_session(data_folder(args)) as session:
        learners = [session.roster.find(ref) for ref in args.learner] if args.learner else session.roster.learners()
        jobs, problems = plan_jobs(session, [lr.id for lr in learners], out_dir, args.qualification)
    result = run_jobs(jobs, _fonts(), workers=args.workers)
    problems += result.failed
    for who, why in problems:
        print(f"assessor-app: not exported: {who}: {why}", file=sys.stderr)
    emit({"written": [str(p) for p in result.written], "problems": [list(p) for p in problems]}, args.json,
         f"Wrote {len(result.written)} records to {out_dir}" + (f"; {len(problems)} not exported." if problems
                                                               else "."))
    if problems and not result.written:
        raise UserError("nothing was exported")
