"""Exporting many learners' records at once (an IV sample): read in the caller, rendered in worker processes."""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from assessor_app.domain.lar_model import LarRecord
from assessor_app.export.lar import write_lar
from assessor_app.services.context import ServiceError
from assessor_app.services.lar import build_lar_record
from assessor_app.services.session import Session


@dataclass(frozen=True)
class LarJob:
    record: LarRecord
    path: Path


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (learner or file, why)
    cancelled: bool = False


def file_name(record: LarRecord) -> str:
    """'IMI-2026-0002 Zoë Ó'Brien-Łukasiewicz - LAR 601-3456-2.pdf': unique per registration, safe on any disk."""
    raw = f"{record.learner.registration_no} {record.learner.name} - LAR {record.qualification.number}"
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", raw).strip(" .") + ".pdf"


def plan_jobs(session: Session, learner_ids: Iterable[str], out_dir: Path, qualification_number: str | None = None,
              on_read: Callable[[int, int], None] | None = None) -> tuple[list[LarJob], list[tuple[str, str]]]:
    """Build every record now, in the caller's thread (the one that owns the database connection): one job per
    registration of each learner, or per learner on `qualification_number`. Returns (jobs, problems)."""
    ids = list(learner_ids)
    jobs, problems = [], []
    for n, learner_id in enumerate(ids, start=1):
        learner = session.roster.learner(learner_id)
        numbers = [qualification_number] if qualification_number else \
            [r.qualification_number for r in session.roster.registrations(learner_id)]
        if not numbers:
            problems.append((learner.name, "no registration"))
        for number in numbers:
            try:
                record = build_lar_record(session, learner_id, number)
            except (ServiceError, KeyError) as error:
                problems.append((learner.name, str(error.args[0] if error.args else error)))
                continue
            jobs.append(LarJob(record, Path(out_dir) / file_name(record)))
        if on_read:
            on_read(n, len(ids))
    return jobs, problems


# In a worker process only: the batch's stop signal, set by the parent on Ctrl-C or cancel. A job already handed
# to a worker cannot be cancelled through its future, so the worker itself looks before it starts one.
_worker_stop = None


def _render(record: LarRecord, path: str, font_dir: str) -> str:
    """In a worker process: one record to one file, or "" when the batch was stopped before it began."""
    if _worker_stop is not None and _worker_stop.is_set():
        return ""
    return str(write_lar(record, Path(path), Path(font_dir)))


def run_jobs(jobs: list[LarJob], font_dir: Path, *, workers: int | None = None,
             on_progress: Callable[[int, int, Path], None] | None = None,
             cancelled: Callable[[], bool] | None = None) -> BatchResult:
    """Render the jobs on `workers` processes (default: every core, at most one per job). `on_progress(done,
    total, path)` after each file; when `cancelled()` turns true, files not started are skipped."""
    result = BatchResult()
    total = len(jobs)
    workers = max(1, min(workers or os.cpu_count() or 1, total or 1))
    is_cancelled = cancelled or (lambda: False)
    if workers == 1:
        for done, job in enumerate(jobs, start=1):
            if is_cancelled():
                result.cancelled = True
                break
            _finish(result, job, lambda: Path(_render(job.record, str(job.path), str(font_dir))))
            if on_progress:
                on_progress(done, total, job.path)
        return result
    # Spawned, not forked: the GUI calls this with Qt's threads running, which a fork would copy half-alive.
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                             initargs=(stop,)) as pool:
        pending = {pool.submit(_render, job.record, str(job.path), str(font_dir)): job for job in jobs}
        try:
            _collect(pending, result, total, on_progress, is_cancelled, stop)
        except KeyboardInterrupt:  # Ctrl-C: files being written finish whole (each is renamed into place); no new ones
            stop.set()
            for future in pending:
                future.cancel()
            raise
    order = {job.path: i for i, job in enumerate(jobs)}
    result.written.sort(key=lambda p: order.get(p, total))
    return result


def _start_worker(stop) -> None:
    """In a worker: Ctrl-C reaches the whole process group; the parent alone answers it, with one line, and tells
    the workers through `stop` not to begin another file."""
    global _worker_stop
    _worker_stop = stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _collect(pending: dict, result: BatchResult, total: int, on_progress, is_cancelled, stop) -> None:
    """Gather finished files as they come, reporting progress; on cancel, files not started are skipped."""
    done = 0
    while pending:
        finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        for future in finished:
            job = pending.pop(future)
            if future.cancelled() or (future.exception() is None and future.result() == ""):
                continue  # stopped before it began
            _finish(result, job, future.result)
            done += 1
            if on_progress:
                on_progress(done, total, job.path)
        if is_cancelled() and not result.cancelled:
            result.cancelled = True
            stop.set()
            for future in pending:
                future.cancel()


def _finish(result: BatchResult, job: LarJob, outcome: Callable[[], object]) -> None:
    try:
        outcome()
    except Exception as error:  # one unreadable record must not lose the other files
        result.failed.append((job.path.name, f"{type(error).__name__}: {error}"))
    else:
        result.written.append(job.path)
