"""Where things live: the data folder (and its lock), and the shipped qualifications/ and resources/ folders."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

APP_NAME = "assessor-app"
HOME_VARIABLE = "ASSESSOR_APP_HOME"
# What the installers associate with the app: opening such a file offers to restore it.
BACKUP_SUFFIX = ".assessorbackup"
PACKAGE_DIR = Path(__file__).resolve().parent


def resolve_data_dir(cli_value: str | os.PathLike | None = None) -> Path:
    """--data-dir wins, then ASSESSOR_APP_HOME, then the platform's user data folder."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    if os.environ.get(HOME_VARIABLE):
        return Path(os.environ[HOME_VARIABLE]).expanduser().resolve()
    import platformdirs  # here, not at the top: every start with a folder given is spared its import

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def private_files() -> None:
    """Files and folders this process creates are its user's alone (0600 / 0700 on POSIX): the records are personal
    data. Called by both composition roots (the CLI and the window) before anything is written."""
    if os.name == "posix":
        os.umask(0o077)


def shipped_dir(name: str) -> Path:
    """qualifications/ or resources/ in a PyInstaller bundle, a source checkout, or an installed wheel."""
    candidates = []
    if getattr(sys, "_MEIPASS", None):
        candidates.append(Path(sys._MEIPASS) / name)
    candidates.append(PACKAGE_DIR / "_shipped" / name)
    # Beside the package only in a source checkout: in site-packages a folder of that name is someone else's.
    if (PACKAGE_DIR.parent / "pyproject.toml").is_file():
        candidates.append(PACKAGE_DIR.parent / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the shipped {name}/ folder is missing (looked in {', '.join(map(str, candidates))})")


class DataFolder:
    """The layout of one data folder. A plain class, not a dataclass: every start makes one before the list shows, and
    the first screen is spared importing dataclasses."""

    __slots__ = ("root",)

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def __eq__(self, other) -> bool:
        return isinstance(other, DataFolder) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    def __repr__(self) -> str:
        return f"DataFolder(root={self.root!r})"

    @property
    def database(self) -> Path:
        return self.root / "assessor.sqlite3"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def qualifications(self) -> Path:
        return self.root / "qualifications"

    @property
    def settings_file(self) -> Path:
        """The window's remembered geometry and splitter sizes (kept here, not in the user's registry)."""
        return self.root / "window.ini"

    @property
    def lock_file(self) -> Path:
        return self.root / "assessor.lock"

    @property
    def log_file(self) -> Path:
        """The rotating log (ids and actions only, never personal data); the About box names it."""
        return self.root / "logs" / "assessor-app.log"

    def ensure(self) -> "DataFolder":
        """Create the folders that are missing, each readable by this user only (0700 on POSIX)."""
        for folder in (self.root, self.attachments, self.qualifications):
            if not folder.is_dir():
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                if os.name == "posix":
                    folder.chmod(0o700)
        return self

    def device_id(self) -> str:
        """This installation's id, made once and kept in the data folder; sync and audit name writers by it."""
        path = self.root / "device-id"
        if path.exists():
            value = path.read_text(encoding="utf-8").strip()
            if value:
                return value
        return self.renew_device_id()

    def renew_device_id(self) -> str:
        """Give this installation a new id and keep it. Restoring a backup calls this: the restored records stop at
        an older sequence number than the bundles this device already left in a sync folder, so they carry on under
        a new id (the old bundles then come back as another device's, which restores what the backup lacked)."""
        import uuid

        path = self.root / "device-id"
        value = uuid.uuid4().hex
        temporary = path.with_suffix(".partial")
        temporary.write_text(value + "\n", encoding="utf-8")
        os.replace(temporary, path)
        return value


class FolderLocked(RuntimeError):
    """Another running assessor-app holds the data folder; `holder` says who."""

    def __init__(self, folder: Path, holder: dict):
        self.folder = folder
        self.holder = holder
        super().__init__(f"{folder} is in use by {describe_holder(holder)}")


def describe_holder(holder: dict) -> str:
    who = holder.get("user") or "someone"
    where = holder.get("host") or "an unknown computer"
    since = holder.get("since", "")
    pid = holder.get("pid")
    return f"{who} on {where} (process {pid}, since {since})" if pid else f"{who} on {where}"


class DataFolderLock:
    """An OS-level lock on the data folder's lock file: released by the OS if the holder crashes, so never stale."""

    def __init__(self, folder: DataFolder):
        self.folder = folder
        self._handle = None

    def acquire(self) -> None:
        path = self.folder.lock_file
        handle = open(path, "a+", encoding="utf-8")
        if not _try_lock(handle):
            handle.seek(0)
            try:
                holder = json.loads(handle.read() or "{}")
            except json.JSONDecodeError:
                holder = {}
            handle.close()
            raise FolderLocked(self.folder.root, holder)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({
            "user": _user(), "host": _host(), "pid": os.getpid(),
            "since": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),  # ISO 8601 in UTC, to the second
        }))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None

    def __enter__(self) -> "DataFolderLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


# The lock is taken on every start: getpass and socket (a few ms to import) are imported only where they are needed.
def _host() -> str:
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def _user() -> str:
    named = os.environ.get("LOGNAME") or os.environ.get("USER") or os.environ.get("USERNAME")
    if named:  # what getpass.getuser() looks at first, without its import
        return named
    try:
        import pwd  # built in, where getpass would import termios and more to come here too
    except ImportError:  # Windows: USERNAME is set there
        return "unknown user"
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # no login name in some service contexts
        return "unknown user"


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(handle) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
