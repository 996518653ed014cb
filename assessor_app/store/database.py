"""Opening the SQLite file: pragmas, read-only mode, backup-before-migrate, transactions."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from assessor_app.store.migrations import LATEST_VERSION, MIGRATIONS


class StoreError(RuntimeError):
    """The database cannot be used; the message names the file and the problem."""


class Store:
    """One open database. Writes happen only inside `transaction()`, one SQLite transaction each."""

    def __init__(self, path: Path, db: sqlite_utils.Database, read_only: bool):
        self.path = path
        self.db = db
        self.read_only = read_only

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only: another window holds this data folder")
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    closed = False

    def close(self) -> None:
        self.db.close()
        self.closed = True


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def open_store(path: Path, *, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) the database at `path`."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path} does not exist, so it cannot be opened read-only")
    refuse_non_sqlite(path)
    try:
        if read_only:
            conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None,
                                   check_same_thread=False)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        db = sqlite_utils.Database(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        version = schema_version(db)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path} is not a usable SQLite database ({error})") from error
    if version > LATEST_VERSION:
        raise StoreError(f"{path} was written by a newer assessor-app (schema {version}, this one knows "
                         f"{LATEST_VERSION}); update the app")
    if version < LATEST_VERSION:
        if read_only:
            raise StoreError(f"{path} needs upgrading, which a read-only window cannot do")
        _migrate(path, db, version)
    return Store(path, db, read_only)


def refuse_non_sqlite(path: Path) -> None:
    """StoreError unless `path` is missing, empty, or starts like a whole SQLite file."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(100)
    if header[:16] != b"SQLite format 3\x00":
        raise StoreError(f"{path} is not an SQLite database (it may be damaged or a different file); "
                         f"restore it from a backup with 'assessor-app restore FILE'")
    # The header records how many pages the file holds; a shorter file lost its end (a half-finished copy).
    # Not while a write-ahead log holds frames: a checkpoint cut short by a crash leaves page 1 already
    # counting pages the file does not have yet, and SQLite completes it from the log on opening.
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 32:
        return
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_is_current = header[92:96] == header[24:28]
    if len(header) < 100 or (header_is_current and pages * page_size > path.stat().st_size):
        raise StoreError(f"{path} is truncated (it should hold {pages * page_size} bytes, it holds "
                         f"{path.stat().st_size}); restore it from a backup with 'assessor-app restore FILE'")


def _migrate(path: Path, db: sqlite_utils.Database, version: int) -> None:
    if version > 0:
        backup_before_migrating(path, db, version)
    for number in range(version, LATEST_VERSION):
        with contextlib.closing(db.conn.cursor()):
            db.conn.execute("BEGIN IMMEDIATE")
            try:
                MIGRATIONS[number](db)
                db.conn.execute(f"PRAGMA user_version = {number + 1}")
            except BaseException:
                db.conn.execute("ROLLBACK")
                raise
            db.conn.execute("COMMIT")


def backup_before_migrating(path: Path, db: sqlite_utils.Database, version: int) -> Path:
    """A consistent copy of the database beside it, named for the schema it had and the time."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.schema{version}.{stamp}.backup.sqlite3")
    copy_database(db, target)
    return target


def copy_database(db: sqlite_utils.Database, target: Path) -> None:
    """SQLite's online backup: a consistent copy even while other connections write."""
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    dest = sqlite3.connect(str(partial))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    shutil.move(str(partial), str(target))
