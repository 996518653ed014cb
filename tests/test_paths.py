"""Choosing the data folder, and the lock that keeps a second window from writing into it."""

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


def test_shipped_folders_are_found():
    assert (shipped_dir("qualifications") / "imi-601-3456-2.json").is_file()
    assert (shipped_dir("resources") / "fonts" / "DejaVuSans.ttf").is_file()
