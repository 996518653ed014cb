"""Learner Assessment Record PDF: the full IMI record (39 units, 500 evidence items) against bare reportlab laying out
the same tables in the same run, and a batch of 50 learners on one core and on every core.

Two references: `bare_same_tables` lays out exactly the app's tables (the story lar_story builds from the record,
each table turned back into a stock reportlab Table, the keeping wrapper unwrapped, no page templates, footers or
page count); `bare_minimal` is a hand-written script with simpler tables (fewer cells: no contact sheet, no
structure page, no images), a floor rather than a like-for-like."""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import (KeepTogether, NextPageTemplate, PageBreak, Paragraph,  # noqa: E402
                                SimpleDocTemplate, Spacer, Table)

from assessor_app.domain.lar_model import LarRecord, LearnerContact  # noqa: E402
from assessor_app.export.fonts import register_fonts  # noqa: E402
from assessor_app.export.flow import KeepWithFooter, RuledRows  # noqa: E402
from assessor_app.export.lar import lar_story, write_lar  # noqa: E402
from assessor_app.paths import shipped_dir  # noqa: E402
from assessor_app.services.catalogue import load_catalogue  # noqa: E402
from assessor_app.services.lar_batch import LarJob, run_jobs  # noqa: E402
from assessor_app.services.lar_sample import sample_record  # noqa: E402
from bench.harness import report, summarise  # noqa: E402

IMI = "601/3456/2"
FONTS = shipped_dir("resources") / "fonts"


def bare_story(record: LarRecord) -> list:
    """The same tables (unit header, LO/AC table with spans and repeated header, footer, guidance, comments,
    evidence index, one form per form-kind item) as plain reportlab: no keeping, no continued captions."""
    body = ParagraphStyle("b", fontName="DejaVuSans", fontSize=9, leading=11.5)
    small = ParagraphStyle("s", parent=body, fontSize=7.5, leading=9.5)
    grid = [("GRID", (0, 0), (-1, -1), 0.5, "#404040"), ("VALIGN", (0, 0), (-1, -1), "TOP")]

    def p(text, style=body):
        return Paragraph(escape(text or "").replace("\n", "<br/>"), style)

    def table(rows, widths, *extra, repeat=0):
        t = Table(rows, colWidths=widths, repeatRows=repeat, splitInRow=1)
        t.setStyle(grid + list(extra))
        return t

    story = [p(record.qualification.title), PageBreak()]
    for entry in record.units:
        u = entry.unit
        story.append(table([[p(f"Learner Name: {record.learner.name}")], [p(f"UNIT REF: {u.ref} UNIT TITLE: "
                                                                             f"{u.title.upper()}")],
                            [p(f"Mapping: {u.mapping}")], [p(f"Rationale: {u.rationale}")]], (180 * mm,)))
        rows, spans, start = [[p("LEARNING OUTCOMES"), p("ASSESSMENT CRITERIA"), p("Ref No"), p("Date")]], [], 1
        for i, r in enumerate(entry.rows):
            first = i == 0 or entry.rows[i - 1].outcome_number != r.outcome_number
            rows.append([p(f"{r.outcome_number}. {r.outcome_text}") if first else "", p(f"{r.number} {r.text}"),
                         p(r.ref_no), p(r.date)])
            if i == len(entry.rows) - 1 or entry.rows[i + 1].outcome_number != r.outcome_number:
                if i + 1 > start:
                    spans.append(("SPAN", (0, start), (0, i + 1)))
                start = i + 2
        story.append(table(rows, (44 * mm, 92 * mm, 20 * mm, 24 * mm), *spans, repeat=1))
        signoff = entry.signoff
        story.append(table([[p("ASSESSOR SIGNATURE:"), "", p(f"PIN NO: {signoff.pin if signoff else ''}"),
                             p(f"DATE: {signoff.date if signoff else ''}")]], (46 * mm, 44 * mm, 45 * mm, 45 * mm)))
        guidance = [[p(f"{c.number} {c.text}"), p(c.guidance)] for c in u.criteria if c.guidance]
        story += [p(f"Unit {u.ref} Assessment Guidance table")] + ([table(guidance, (70 * mm, 110 * mm))]
                                                                    if guidance else []) + [PageBreak()]
    story.append(table([[p("Date"), p("Evidence Ref. No."), p("Assessor Comments")]] +
                       [[p(c.date), p(", ".join(c.evidence_refs)), p(c.text)] for c in record.comments],
                       (22 * mm, 33 * mm, 125 * mm), repeat=1))
    story += [PageBreak(), table([[p(h) for h in ("Ref No", "Date", "Kind", "Title", "People", "ACs")]] +
                                 [[p(i.ref, small), p(i.date, small), p(i.label, small), p(i.title, small),
                                   p("\n".join(x.name for x in i.people), small),
                                   p("; ".join(f"{a.unit_ref}: {a.number}" for a in i.criteria), small)]
                                  for i in record.evidence], (15 * mm, 18 * mm, 24 * mm, 45 * mm, 36 * mm, 42 * mm),
                                 repeat=1)]
    for item in (i for i in record.evidence if i.is_form):
        story += [PageBreak(), p(item.label.upper()),
                  table([[p(f"Learner Name: {record.learner.name}"), p(f"Evidence Ref. No.: {item.ref}")],
                         [p(f"Title: {item.title}"), p(f"Date: {item.date}")]], (95 * mm, 85 * mm)),
                  table([[p("Notes:")], [p(item.narrative)]], (180 * mm,))]
        if item.questions:
            story.append(table([[p(q.question), p(q.answer)] for q in item.questions], (80 * mm, 100 * mm)))
        story.append(table([[p(s.role), p(s.name), "", p(s.date)] for s in item.signatures],
                           (38 * mm, 55 * mm, 60 * mm, 27 * mm)))
    return story


def stock(flowables) -> list:
    """The app's story with stock reportlab only: tables back to Table, the footer keeper unwrapped."""
    out = []
    for f in flowables:
        if isinstance(f, KeepWithFooter):
            out += stock([f.body]) + [Spacer(1, f.gap)] + stock(f.footer)
        elif isinstance(f, Table):
            f.__class__ = Table  # same cells, same styles; only the split/continue behaviour goes
            out.append(f)
        elif isinstance(f, KeepTogether):
            out.append(KeepTogether(stock(f._content)))
        elif not isinstance(f, (RuledRows, NextPageTemplate)):
            out.append(f)
    return out


def bare_build(record: LarRecord, story=bare_story) -> int:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=21 * mm, invariant=1)
    doc.build(story(record))
    return doc.page


def same_tables(record: LarRecord) -> list:
    return stock(lar_story(record))


def app_build(record: LarRecord, folder: Path) -> Path:
    return write_lar(record, folder / "full.pdf", FONTS)


CLOCK = time.perf_counter  # --clock cpu: this process's CPU time, steadier than the wall on a shared machine


def timed(fn) -> float:
    start = CLOCK()
    fn()
    return CLOCK() - start


def learners(count: int, q) -> list[LarRecord]:
    """Distinct learners, each with a typical route (the demo's: 14 units) and 80 evidence items."""
    route = [urn for g in q.groups[:1] for urn in g.units] + [g.units[0] for g in q.groups[1:]] + \
        list(q.groups[2].units[1:6])
    return [sample_record(q, units=route, evidence_items=80, centre_name="Bench College",
                          learner=LearnerContact(f"Learner {n:02d} Ó'Brien", f"IMI-2026-{n:04d}"))
            for n in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--evidence", type=int, default=500)
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="time the single-record runs by wall clock or by this process's CPU time")
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    register_fonts(FONTS)
    q = load_catalogue(shipped_dir("qualifications")).get(IMI)
    record = sample_record(q, evidence_items=args.evidence)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages = bare_build(record)
        same_pages = bare_build(record, same_tables)
        app_build(record, folder)  # warm all three: font parsing, imports
        bare, same, app = [], [], []
        for _ in range(args.runs):  # interleaved, so drift on the machine hits all alike
            bare.append(timed(lambda: bare_build(record)))
            same.append(timed(lambda: bare_build(record, same_tables)))
            app.append(timed(lambda: app_build(record, folder)))
        from pypdf import PdfReader
        app_pages = len(PdfReader(folder / "full.pdf").pages)
        batch_records = learners(args.learners, q)
        results = {}
        for workers in (1, os.cpu_count() or 1):
            out = folder / f"batch-{workers}"
            out.mkdir()
            jobs = [LarJob(r, out / f"{r.learner.registration_no}.pdf") for r in batch_records]
            start = time.perf_counter()
            result = run_jobs(jobs, FONTS, workers=workers)
            results[workers] = round(time.perf_counter() - start, 2)
            assert len(result.written) == len(jobs) and not result.failed
    b, t, a = summarise(bare), summarise(same), summarise(app)
    cores = os.cpu_count() or 1
    report("lar_pdf", {
        "record": {"units": len(record.units), "evidence_items": len(record.evidence), "pages_app": app_pages,
                   "pages_bare_same_tables": same_pages, "pages_bare_minimal": pages},
        "assessor_app": a, "bare_same_tables": t, "bare_minimal": b,
        "clock": args.clock, "ratio_median": round(a["median_s"] / t["median_s"], 2),
        "ratio_to_minimal_median": round(a["median_s"] / b["median_s"], 2),
        "batch": {"learners": args.learners, "units_each": len(batch_records[0].units),
                  "evidence_each": len(batch_records[0].evidence), "cores": cores,
                  "one_process_s": results[1], "all_cores_s": results[cores],
                  "speedup": round(results[1] / results[cores], 2)},
    })


if __name__ == "__main__":
    main()
