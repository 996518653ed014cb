"""Choosing the data folder, and the lock that keeps a second window from writing into it."""

from pathlib import Path

import pytest

from assessor_app.paths import DataFolder, DataFolderLock, FolderLocked, resolve_data_dir, shipped_dir


def test_flag_beats_environment_beats_default(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSESSOR_APP_HOME", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "flag") == (tmp_path / "flag").resolve()
    assert resolve_data_dir(None) == (tmp_path / "env").resolve()
    monkeypatch.delenv("ASSESSOR_APP_HOME")
    assert "assessor-app" in str(resolve_data_dir(None))


def test_second_holder_is_told_who_holds_the_folder(tmp_path):
    folder = DataFolder(tmp_path).ensure()
    with DataFolderLock(folder):
        with pytest.raises(FolderLocked) as held:
            DataFolderLock(folder).acquire()
    assert held.value.holder["pid"] > 0 and held.value.holder["host"]
    assert "in use by" in str(held.value)
    DataFolderLock(folder).acquire()  # released with the first holder


def test_device_id_is_made_once(tmp_path):
    folder = DataFolder(tmp_path).ensure()
    assert folder.device_id() == folder.device_id() != ""


def test_a_renewed_device_id_is_new_and_kept(tmp_path):
    folder = DataFolder(tmp_path).ensure()
    old = folder.device_id()
    renewed = folder.renew_device_id()
    assert renewed != old and DataFolder(tmp_path).device_id() == renewed


def test_shipped_folders_are_found():
    assert (shipped_dir("qualifications") / "imi-601-3456-2.json").is_file()
    assert (shipped_dir("resources") / "fonts" / "DejaVuSans.ttf").is_file()


def test_an_installed_wheel_finds_its_own_shipped_folders_not_a_stranger_beside_it(tmp_path):
    """A folder called qualifications/ in site-packages belongs to someone else: the wheel's own copy wins."""
    import subprocess
    import sys
    import zipfile

    from tests.conftest import REPO

    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"),
                    str(REPO)], check=True, capture_output=True)
    [wheel] = (tmp_path / "dist").glob("assessor_app-*.whl")
    site = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(site)
    (site / "qualifications").mkdir()  # a stranger's folder of the same name
    probe = ("from assessor_app.paths import shipped_dir; import assessor_app; "
             "print(shipped_dir('qualifications')); print(shipped_dir('resources')); print(assessor_app.__file__)")
    shown = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True,
                           env={"PYTHONPATH": str(site), "PATH": ""}).stdout.split("\n")
    assert shown[2].startswith(str(site))  # the wheel's copy was imported, not the checkout
    assert shown[0] == str(site / "assessor_app" / "_shipped" / "qualifications")
    assert (site / "assessor_app" / "_shipped" / "qualifications" / "imi-601-3456-2.json").is_file()
    assert (Path(shown[1]) / "fonts" / "DejaVuSans.ttf").is_file()
    assert (Path(shown[1]) / "icons" / "assessor-app.ico").is_file()
