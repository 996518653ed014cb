"""What every command shares: opening the data folder for reading or writing, printing text or JSON, user errors."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator

from assessor_app.logs import add_log_file
from assessor_app.paths import DataFolder, DataFolderLock, resolve_data_dir, shipped_dir
from assessor_app.services.catalogue import load_catalogue
from assessor_app.services.opening import open_session
from assessor_app.services.session import Session


class UserError(Exception):
    """Reported as one line on stderr with exit status 1."""


def data_folder(args) -> DataFolder:
    return DataFolder(resolve_data_dir(args.data_dir))


def catalogue_of(folder: DataFolder):
    return load_catalogue(shipped_dir("qualifications"), folder.qualifications)


@contextlib.contextmanager
def writing_session(folder: DataFolder) -> Iterator[Session]:
    """The data folder locked for this process, its records open for writing."""
    folder.ensure()
    add_log_file(folder.log_file)
    with DataFolderLock(folder):
        session = open_session(folder.database, [shipped_dir("qualifications"), folder.qualifications],
                               folder.device_id())
        try:
            yield session
        finally:
            session.store.close()


@contextlib.contextmanager
def reading_session(folder: DataFolder) -> Iterator[Session]:
    """The records open read-only: works while a window holds the folder."""
    if not folder.database.exists():
        raise UserError(f"no records in {folder.root} yet (run 'assessor-app --data-dir {folder.root} demo')")
    session = open_session(folder.database, [shipped_dir("qualifications"), folder.qualifications], "read-only",
                           read_only=True)
    try:
        yield session
    finally:
        session.store.close()


def emit(data, as_json: bool, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2) if as_json else text)
