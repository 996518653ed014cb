"""`assessor-app export lar --learner REF --out FILE.pdf [--qualification NUMBER]` and `export batch`."""

from __future__ import annotations

from pathlib import Path

from assessor_app.cli.common import UserError, data_folder, emit, reading_session, say
from assessor_app.domain import lar_model
from assessor_app.paths import shipped_dir


def register(commands) -> None:
    export = commands.add_parser("export", help="write Learner Assessment Records as PDF").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    one = export.add_parser("lar", help="one learner's Learner Assessment Record")
    one.add_argument("--learner", required=True, metavar="REF", help="registration number, id or exact name")
    one.add_argument("--out", required=True, metavar="FILE.pdf")
    one.add_argument("--qualification", metavar="NUMBER", help="which registration, if the learner has several")
    one.add_argument("--allow-incomplete", action="store_true", help="write the record even if signature images "
                     "or attachments are missing, each missing image marked on the page")
    one.add_argument("--strict", action="store_true",
                     help="exit 1 when the record is incomplete (the PDF is still written)")
    one.add_argument("--json", action="store_true")
    one.set_defaults(handler=run_lar)
    many = export.add_parser("batch", help="many learners' records into a folder (an IV sample), on every core")
    many.add_argument("--out-dir", required=True, metavar="DIR")
    many.add_argument("--learner", action="append", metavar="REF", help="repeat for each; default: every learner")
    many.add_argument("--qualification", metavar="NUMBER")
    many.add_argument("--workers", type=int, metavar="N", help="processes (default: one per core)")
    many.add_argument("--allow-incomplete", action="store_true", help="also write records whose signature images "
                      "or attachments are missing, each missing image marked on the page")
    many.add_argument("--json", action="store_true")
    many.set_defaults(handler=run_batch)


def _fonts() -> Path:
    return shipped_dir("resources") / "fonts"


def run_lar(args) -> None:
    """The incompleteness list goes to stderr, one line each, before the PDF is written; `--strict` makes it an
    error (exit 1), otherwise the exit status stays 0."""
    from assessor_app.domain.lar_model import incomplete
    from assessor_app.services.lar import export_lar

    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise UserError(f"{out} does not end in .pdf")
    if not out.parent.is_dir():
        raise UserError(f"folder {out.parent} does not exist")
    with reading_session(data_folder(args)) as session:
        path, record = export_lar(session, args.learner, out, _fonts(), args.qualification,
                                  allow_incomplete=args.allow_incomplete, on_gaps=_list_gaps)
    marked = lar_model.missing_images(record)
    if marked:
        say(f"assessor-app: written with {len(marked)} missing signature image(s) marked on the page", error=True)
    q = record.qualification
    gaps = incomplete(record)
    emit({"path": str(path), "learner": record.learner.name, "registration_no": record.learner.registration_no,
          "qualification": q.number, "units": len(record.units), "evidence": len(record.evidence),
          "fingerprint": record.fingerprint, "missing_images": marked,
          "incomplete": [{"kind": g.kind, "message": g.message} for g in gaps]},
         args.json, f"Wrote {path}: {record.learner.name}, {q.title} ({q.number}), record {record.fingerprint}"
         + (f"; {len(gaps)} incomplete items listed on stderr." if gaps else "."))
    if gaps and args.strict:
        raise UserError(f"the record of {record.learner.name} is incomplete ({len(gaps)} items listed above)")


def _list_gaps(gaps) -> None:
    for gap in gaps:
        say(f"assessor-app: incomplete: {gap.message}", error=True)


def run_batch(args) -> None:
    from assessor_app.services.lar import incomplete_files
    from assessor_app.services.lar_batch import plan_jobs, run_jobs

    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with reading_session(data_folder(args)) as session:
        learners = [session.roster.find(ref) for ref in args.learner] if args.learner else session.roster.learners()
        jobs, problems = plan_jobs(session, [lr.id for lr in learners], out_dir, args.qualification)
        if not args.allow_incomplete:  # a record with files missing is held back, with the list, as `export lar` does
            missing = {id(job): incomplete_files(session, job.record) for job in jobs}
            problems += [(job.record.learner.name, f"incomplete, not written: {'; '.join(missing[id(job)])} (export "
                          "with --allow-incomplete to write it with each missing image marked)")
                         for job in jobs if missing[id(job)]]
            jobs = [job for job in jobs if not missing[id(job)]]
    result = run_jobs(jobs, _fonts(), workers=args.workers)
    problems += result.failed
    for who, why in problems:
        say(f"assessor-app: not exported: {who}: {why}", error=True)
    emit({"written": [str(p) for p in result.written], "problems": [list(p) for p in problems]}, args.json,
         f"Wrote {len(result.written)} records to {out_dir}" + (f"; {len(problems)} not exported." if problems
                                                               else "."))
    if problems and not result.written:
        raise UserError("nothing was exported")
