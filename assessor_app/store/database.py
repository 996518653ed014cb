"""Opening the SQLite file: pragmas, quick check, read-only mode, backup-before-migrate, transactions, faults in words."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from assessor_app.store import outbox
from assessor_app.store.early_check import QUICK_CHECK_SECONDS, EarlyCheck
from assessor_app.store.migrations import LATEST_VERSION, MIGRATIONS


class StoreError(RuntimeError):
    """The database cannot be used; the message names the file and the problem."""


class Store:
    """One open database. Writes happen only inside `transaction()`, one SQLite transaction each.
    `read_only_reason`, when set, is the sentence every refused write gives (damaged file, read-only folder)."""

    def __init__(self, path: Path, db: sqlite_utils.Database, read_only: bool, read_only_reason: str | None = None,
                 damaged: bool = False):
        self.path = path
        self.db = db
        self.read_only = read_only or read_only_reason is not None
        self.read_only_reason = read_only_reason
        self.damaged = damaged

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        if self.read_only:
            raise StoreError(self.read_only_reason or
                             f"{self.path} is open read-only: another window holds this data folder")
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                if conn.in_transaction:  # SQLite rolls back by itself on a full disk; a second ROLLBACK would fail
                    conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            sentence = fault_sentence(self.path, error)
            if sentence is None:
                raise
            if is_damage(error):  # no write is accepted into it from now on
                self.read_only, self.read_only_reason, self.damaged = True, sentence, True
            raise StoreError(sentence) from error

    def mark_if_damaged(self, error: BaseException) -> str | None:
        """When `error` (or what caused it) is SQLite finding the file damaged, switch to read-only as a failed write
        would and return the sentence every refused write now gives; None for any other error."""
        seen = error
        while seen is not None:
            if isinstance(seen, sqlite3.DatabaseError) and is_damage(seen):
                if not self.damaged:
                    self.read_only, self.damaged = True, True
                    self.read_only_reason = damaged_sentence(self.path, f"SQLite reports: {seen}")
                return self.read_only_reason
            if isinstance(seen, StoreError) and self.damaged and str(seen) == self.read_only_reason:
                return self.read_only_reason  # a write refused for the damage already found
            seen = seen.__cause__ or seen.__context__
        return None

    closed = False

    def close(self) -> None:
        self.db.close()
        self.closed = True


def records_db(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils over `conn` without its plugins: looking them up scans every installed package's entry points
    at start (about 20 ms), and no third-party hook should run on the records' connection."""
    return sqlite_utils.Database(conn, execute_plugins=False)


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def open_store(path: Path, *, read_only: bool = False, early_check: EarlyCheck | None = None) -> Store:
    """Open (creating and migrating if needed) the database at `path`. Opened for writing, a file SQLite finds
    damaged, or one in a read-only file or folder, is opened read-only instead, with the reason as the sentence
    every write then gives (Store.read_only_reason). `early_check`, begun on the same file before the caller's
    imports, stands in for the quick check made here."""
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file; give the data folder with --data-dir")
    if read_only and not path.exists():
        raise StoreError(f"{path} does not exist, so it cannot be opened read-only")
    refuse_non_sqlite(path)
    reason = None if read_only else unwritable_reason(path)
    if reason is not None and not path.exists():
        raise StoreError(f"cannot create {path}: the folder {path.parent} is read-only; choose a data folder you "
                         "can write to (--data-dir or ASSESSOR_APP_HOME)")
    store = _connect(path, read_only or reason is not None, reason)
    if not store.read_only:
        found = early_check.findings() if early_check is not None else None
        if found is None:
            damage = quick_check(store.db.conn, path, QUICK_CHECK_SECONDS)
        else:
            damage = damage_in(found, path)
        if damage is not None:
            store.close()
            store = _connect(path, True, damage)
            store.damaged = True
        else:
            _refresh_capture(store.db)
    return store


def _connect(path: Path, read_only: bool, reason: str | None) -> Store:
    try:
        if read_only:
            conn = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        db = records_db(conn)
        conn.execute("PRAGMA busy_timeout = 5000")
        version = schema_version(db)
        if version > LATEST_VERSION:
            # Refused before anything is written: switching the journal mode would already change the file.
            conn.close()
            raise StoreError(f"{path} was written by a newer version of assessor-app (schema {version}; this "
                             f"version knows up to {LATEST_VERSION}); install the newer version to open it. "
                             f"Nothing was changed")
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as error:
        raise StoreError(fault_sentence(path, error) or
                         f"{path} is not a usable SQLite database ({error})") from error
    if version < LATEST_VERSION:
        if reason is not None:
            raise StoreError(reason.replace("opened read-only", "cannot be upgraded to this version of the app"))
        if read_only:
            raise StoreError(f"{path} was made by an earlier version and needs upgrading, which cannot be done "
                             f"read-only: open the app's window on it once, or run any command that writes (it "
                             f"backs the file up, then upgrades it)")
        _migrate(path, db, version)
    return Store(path, db, read_only, reason)


def read_only_uri(path: Path) -> str:
    """The URI that opens `path` read-only. In a folder nobody can write, SQLite cannot make the shared-memory
    file a WAL database needs, so with no log left to replay the file is opened as immutable (it cannot change)."""
    path = Path(path).resolve()
    wal = path.with_name(path.name + "-wal")
    unchangeable = not os.access(path.parent, os.W_OK) and not (wal.exists() and wal.stat().st_size > 0)
    return f"{path.as_uri()}?mode=ro" + ("&immutable=1" if unchangeable else "")


def unwritable_reason(path: Path) -> str | None:
    """Why the database at `path` cannot be written here (a read-only file or folder), or None."""
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return (f"{path} is a read-only file, so it was opened read-only: the record is sound and nothing was "
                f"changed; make the file writable (or copy the data folder somewhere writable) to make changes")
    if folder.exists() and not os.access(folder, os.W_OK):
        return (f"the folder {folder} is read-only, so {path.name} was opened read-only: the record is sound and "
                f"nothing was changed; make the folder writable (or copy it somewhere writable) to make changes")
    return None


def is_damage(error: BaseException) -> bool:
    text = str(error).lower()
    return "malformed" in text or "file is not a database" in text or "database corrupt" in text


def damaged_sentence(path: Path, detail: str) -> str:
    return (f"{path} is damaged ({detail}): it is open read-only and nothing will be written to it; restore the "
            f"last backup with 'assessor-app restore BACKUP' (the damaged file is kept beside the restored one)")


def fault_sentence(path: Path, error: sqlite3.DatabaseError) -> str | None:
    """The user's sentence for a fault SQLite reports on `path`, or None when it is not one of the known faults."""
    text = str(error).lower()
    if is_damage(error):
        return damaged_sentence(path, f"SQLite reports: {error}")
    if "disk is full" in text or "disk i/o error" in text and shutil.disk_usage(path.parent).free < 1 << 20:
        return disk_full_sentence(path)
    if "disk i/o error" in text:
        return (f"{path} could not be written or read (disk I/O error: the disk may be failing or was removed, or the "
                "file is larger than its file system allows): nothing was changed; copy the data folder to a sound "
                "disk, or restore a backup there")
    if "readonly database" in text or "read-only" in text:
        return unwritable_reason(path) or (f"{path} cannot be written (SQLite reports: {error}); nothing was "
                                           "changed")
    return None


def fault_sentence_for(path: Path, error: BaseException) -> str | None:
    """fault_sentence() for any exception: None unless it is an SQLite error with a sentence of its own."""
    return fault_sentence(path, error) if isinstance(error, sqlite3.DatabaseError) else None


def disk_full_sentence(path: Path, needed: int | None = None) -> str:
    free = shutil.disk_usage(path.parent).free if path.parent.exists() else 0
    size = path.stat().st_size if path.exists() else 0
    wanted = needed if needed is not None else max(size, 64 << 20)
    return (f"the disk holding {path} is full ({free // (1 << 20)} MB free): nothing was changed; free at least "
            f"{wanted // (1 << 20) + 1} MB and try again")


def quick_check(conn: sqlite3.Connection, path: Path, budget: float = QUICK_CHECK_SECONDS) -> str | None:
    """The sentence for a damaged file if PRAGMA quick_check finds damage within `budget` seconds, else None."""
    deadline = time.monotonic() + budget
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10000)
    try:
        found = [row[0] for row in conn.execute("PRAGMA quick_check(5)").fetchall()]
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            return None
        found = [str(error)]
    except sqlite3.DatabaseError as error:
        found = [str(error)]
    finally:
        conn.set_progress_handler(None, 0)
    return damage_in(found, path)


def damage_in(found: list[str], path: Path) -> str | None:
    """The damaged-file sentence for what a quick check reported, or None for a sound file (or a check cut short)."""
    if found in (["ok"], []):
        return None
    detail = " ".join(found[0].replace("*** in database main ***", "").split())  # one line, as every sentence
    return damaged_sentence(path, f"SQLite's quick check reports: {detail}")


def _refresh_capture(db: sqlite_utils.Database) -> None:
    """Change capture follows the live schema, whichever migrations (of any branch) made it."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        outbox.install_capture(db)
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def refuse_non_sqlite(path: Path) -> None:
    """StoreError unless `path` is missing or starts like a whole SQLite file."""
    if not path.exists():
        return
    if path.stat().st_size == 0:
        raise StoreError(f"{path} is empty (0 bytes): it holds no records; restore your last backup with "
                         f"'assessor-app restore BACKUP', or delete the empty file to start a new record")
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
        outbox.drop_capture(db)
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
