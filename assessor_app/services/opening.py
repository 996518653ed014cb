"""Opening a data folder's records: catalogue from the shipped and centre folders, then the database."""

from __future__ import annotations

from pathlib import Path

from assessor_app.services.catalogue import load_catalogue
from assessor_app.services.session import Session
from assessor_app.store.database import open_store
from assessor_app.store.early_check import EarlyCheck


def open_session(database: Path, qualification_folders: list[Path], device_id: str, *,
                 read_only: bool = False, attachments_dir: Path | None = None,
                 versions_dir: Path | None = None, early_check: EarlyCheck | None = None) -> Session:
    """A Session on `database`; attachments live in `attachments_dir`, by default the `attachments`
    folder beside the database, and kept qualification versions in `versions_dir`, by default
    qualifications/versions beside it (the data folder layout of paths.DataFolder). `early_check` is a quick
    check of `database` already under way (store.early_check)."""
    catalogue = load_catalogue(*qualification_folders)
    catalogue.versions_dir = versions_dir or Path(database).parent / "qualifications" / "versions"
    store = open_store(database, read_only=read_only, early_check=early_check)
    if not store.read_only:  # not into a damaged record's or a read-only folder's data folder
        catalogue.keep_versions()
    return Session(store=store, catalogue=catalogue, device_id=device_id, attachments_dir=attachments_dir)
