"""The folder key: wrapped under the passphrase, refused when wrong, rewrapped without touching anything else."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assessor_app.sync import crypto

FAST = {"iterations": 1, "lanes": 1, "memory_cost": 8192}


def test_the_key_unwraps_with_the_passphrase_only(tmp_path):
    path = tmp_path / "key.json"
    made = crypto.create(path, "centre passphrase", FAST)
    assert crypto.unlock(path, "centre passphrase") == made and made.encrypted
    with pytest.raises(crypto.FolderKeyError, match="^wrong passphrase for this sync folder$"):
        crypto.unlock(path, "centre passphrase ")
    assert made.key.hex() not in path.read_text() and "centre" not in path.read_text()


def test_changing_the_passphrase_keeps_the_folder_key(tmp_path):
    path = tmp_path / "key.json"
    made = crypto.create(path, "old", FAST)
    crypto.rewrap(path, "old", "new", FAST)
    assert crypto.unlock(path, "new") == made
    with pytest.raises(crypto.FolderKeyError, match="wrong passphrase"):
        crypto.unlock(path, "old")
    with pytest.raises(crypto.FolderKeyError, match="wrong passphrase"):
        crypto.rewrap(path, "old", "newer", FAST)


def test_plain_and_encrypted_folders_are_not_mixed(tmp_path):
    plain, sealed = tmp_path / "plain.json", tmp_path / "sealed.json"
    crypto.create(plain, None)
    crypto.create(sealed, "passphrase", FAST)
    with pytest.raises(crypto.FolderKeyError, match="without encryption"):
        crypto.unlock(plain, "passphrase")
    with pytest.raises(crypto.FolderKeyError, match="is encrypted: give the centre passphrase"):
        crypto.unlock(sealed, None)
    assert not crypto.unlock(plain, None).encrypted


def test_a_damaged_or_newer_key_file_is_named(tmp_path):
    path = tmp_path / "key.json"
    crypto.create(path, "passphrase", FAST)
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "salt": "!!"}))
    with pytest.raises(crypto.FolderKeyError, match="is damaged"):
        crypto.unlock(path, "passphrase")
    path.write_text(json.dumps({**data, "format": "assessor-sync-key/2"}))
    with pytest.raises(crypto.FolderKeyError, match="newer assessor-app"):
        crypto.unlock(path, "passphrase")


def test_attachment_names_reveal_nothing_when_encrypted(tmp_path):
    sha = "ab" * 32
    key = crypto.create(tmp_path / "key.json", "passphrase", FAST)
    assert key.name_for(sha) != sha and len(key.name_for(sha)) == 40
    assert crypto.FolderKey(None).name_for(sha) == sha


def test_importing_the_module_leaves_cryptography_unloaded_until_a_key_is_used():
    code = ("import sys; import assessor_app.sync.crypto as c; print('cryptography' in sys.modules); "
            "c.FolderKey(bytes(32)).name_for('0' * 64); print('cryptography' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.split() == ["False", "True"]
