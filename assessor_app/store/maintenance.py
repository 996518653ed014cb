"""Whole-file care of the database: integrity and foreign-key checks, consistent backups, restoring a backup."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from assessor_app.store import evidence
from assessor_app.store.database import StoreError, read_only_uri, records_db, refuse_non_sqlite
from assessor_app.store.migrations import LATEST_VERSION


def _read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def database_problems(path: Path) -> list[str]:
    """What is wrong with the SQLite file at `path`, in words (empty when it is sound): not SQLite, truncated,
    failing PRAGMA integrity_check, rows pointing at missing rows, or a schema newer than this app."""
    path = Path(path)
    if not path.exists():
        return [f"{path} does not exist"]
    try:
        refuse_non_sqlite(path)
    except StoreError as error:
        return [str(error)]
    try:
        with contextlib.closing(_read_only(path)) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            problems = [f"{path}: {row[0]}" for row in conn.execute("PRAGMA integrity_check").fetchall()
                        if row[0] != "ok"]
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall():
                problems.append(f"{path}: a row of {table} (rowid {rowid}) refers to a missing {parent}")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        return [f"{path} is not a usable SQLite database ({error})"]
    if version > LATEST_VERSION:
        problems.append(f"{path} has schema {version}, newer than this app knows ({LATEST_VERSION})")
    elif "learner" not in tables:
        problems.append(f"{path} is an SQLite database but not an assessor-app one (it has no learner table)")
    return problems


def files_named_in(path: Path) -> tuple[dict[str, str], int]:
    """(every stored file the records in the database file `path` name, by SHA-256, with a description; its schema
    number), read-only: for a backup copy, whose records are what the backup must hold files for."""
    with contextlib.closing(_read_only(path)) as conn:
        return evidence.referenced_files(records_db(conn)), conn.execute("PRAGMA user_version").fetchone()[0]


def backup_database(path: Path, target: Path) -> Path:
    """A consistent copy of the database at `path` in one self-contained file `target`, taken through SQLite's
    online backup from a read-only connection, so it works while the app is writing. The copy is checked,
    flushed to disk and only then renamed into place: `target` is never a half-written file."""
    path, target = Path(path), Path(target)
    problems = database_problems(path)
    if problems:
        raise StoreError(problems[0])
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with contextlib.closing(_read_only(path)) as source, contextlib.closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
        _fsync(partial)
        copied = database_problems(partial)
        if copied:
            raise StoreError(f"the copy failed its check: {copied[0]}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def restore_database(path: Path, source: Path) -> Path | None:
    """Replace the database at `path` with the backup `source`, after checking `source` is a sound
    assessor-app database. The database replaced is first kept beside it (returned; None if there was none).
    The caller must hold the data folder's lock. A sound live database is overwritten through SQLite's
    backup API (readers stay consistent); a damaged one is moved aside and replaced as a file."""
    path, source = Path(path), Path(source)
    problems = database_problems(source)
    if problems:
        raise StoreError(f"will not restore from {source}: {problems[0]}")
    if path.exists() and path.resolve() == source.resolve():
        raise StoreError(f"{source} is the database itself; restore from a backup copy")
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    kept = _unused(path.with_name(f"{path.stem}.before-restore.{stamp}.sqlite3")) if path.exists() else None
    live_is_sound = path.exists() and not database_problems(path)
    if live_is_sound:
        backup_database(path, kept)
        try:
            with contextlib.closing(_read_only(source)) as src, contextlib.closing(sqlite3.connect(path)) as dest:
                dest.execute("PRAGMA busy_timeout = 5000")
                src.backup(dest)
            return kept
        except sqlite3.DatabaseError:
            pass  # e.g. different page sizes under WAL: fall back to replacing the file
    if kept is not None and not kept.exists():
        shutil.copy2(path, kept)
        if Path(f"{path}-wal").exists():
            shutil.copy2(f"{path}-wal", f"{kept}-wal")
    staged = path.with_name(f".{path.name}.restoring")
    backup_database(source, staged)
    for suffix in ("-wal", "-shm"):  # a stale log of the old file must never be replayed onto the new one
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(staged, path)
    return kept


def _unused(path: Path) -> Path:
    """`path`, or the first of NAME-2.EXT, NAME-3.EXT ... that does not exist: a kept copy is never overwritten."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
