"""The app's version, read from the one place it is set (pyproject.toml), and the facts the About box shows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assessor_app.paths import APP_NAME, PACKAGE_DIR, DataFolder, shipped_dir

UNKNOWN = "0+unknown"


def app_version() -> str:
    """pyproject.toml in a checkout, else the installed (or bundled) package metadata, else 0+unknown."""
    checkout = _checkout_version(PACKAGE_DIR.parent / "pyproject.toml")
    if checkout:
        return checkout
    # A wheel's or a bundle's metadata folder sits beside the package and is named for the version; reading the
    # name spares every start the 20-odd ms that importing importlib.metadata costs.
    for info in PACKAGE_DIR.parent.glob("assessor_app-*.dist-info"):
        return info.name[len("assessor_app-"):-len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(APP_NAME)
    except metadata.PackageNotFoundError:  # a bundle built without the package's metadata
        return UNKNOWN


def _checkout_version(pyproject: Path) -> str:
    # Read in a source checkout, where an editable install's metadata may lag behind the file.
    if not pyproject.is_file():
        return ""
    import tomllib

    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return ""
    return project.get("version", "") if project.get("name") == APP_NAME else ""


@dataclass(frozen=True)
class AboutFacts:
    """What the About box shows: which build this is, under what terms, and where it keeps things."""

    version: str
    licence: str
    data_folder: Path
    database: Path
    log_file: Path
    upgrade_backups: Path
    sync_folder: Path | None

    def lines(self) -> list[str]:
        """The facts as short labelled lines, as the About box shows them."""
        return [
            f"Version: {self.version}",
            f"Data folder: {self.data_folder}",
            f"Records: {self.database}",
            f"Log file: {self.log_file}",
            f"Backups made before an upgrade: {self.upgrade_backups} (assessor.schemaN.*.backup.sqlite3)",
            f"Sync folder: {self.sync_folder if self.sync_folder else 'none chosen yet (Sync, Ctrl+Shift+S)'}",
        ]


def about_facts(data_dir: Path, sync_folder: Path | None = None) -> AboutFacts:
    folder = DataFolder(data_dir)
    return AboutFacts(version=app_version(), licence=licence_text(), data_folder=folder.root,
                      database=folder.database, log_file=folder.log_file,
                      upgrade_backups=folder.database.parent, sync_folder=sync_folder)


def licence_text() -> str:
    """The app's licence and the licences of what ships with it (resources/LICENCE.txt)."""
    return (shipped_dir("resources") / "LICENCE.txt").read_text(encoding="utf-8")
