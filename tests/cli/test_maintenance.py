"""`assessor-app reset-passcode` as a centre's IT runs it: a real subprocess on a real data folder."""

import subprocess
import sys

from assessor_app.paths import DataFolder, DataFolderLock, shipped_dir
from assessor_app.services.opening import open_session


def _run(data_dir, *args):
    return subprocess.run([sys.executable, "-m", "assessor_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=120)


def _passcode_set(data_dir) -> bool:
    folder = DataFolder(data_dir)
    session = open_session(folder.database, [shipped_dir("qualifications")], "read-only", read_only=True)
    try:
        return session.passcode.is_set()
    finally:
        session.store.close()


def test_a_forgotten_passcode_is_cleared_only_while_the_app_is_closed(data_dir):
    folder = DataFolder(data_dir).ensure()
    session = open_session(folder.database, [shipped_dir("qualifications")], folder.device_id())
    session.passcode.set("kingfisher")
    session.store.close()
    with DataFolderLock(folder):  # the window is open
        held = _run(data_dir, "reset-passcode")
    assert held.returncode == 1 and "close assessor-app there first" in held.stderr and _passcode_set(data_dir)
    done = _run(data_dir, "reset-passcode")
    assert done.returncode == 0 and "passcode" in done.stdout and not _passcode_set(data_dir)
    again = _run(data_dir, "reset-passcode")
    assert again.returncode == 1 and "no passcode is set" in again.stderr


def test_no_records_no_passcode(tmp_path):
    missing = _run(tmp_path / "nothing-here", "reset-passcode")
    assert missing.returncode == 1 and "no records" in missing.stderr
