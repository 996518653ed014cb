"""The folder key: random, wrapped under the centre passphrase (Argon2id), unwrapped once per sync; AEAD sealing."""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

# cryptography is imported where a key is used, not with this module: the window imports the sync service at
# start, and loading cryptography's bindings there cost about 10 ms of every start for a sync that may never run.

from assessor_app.durable import write_atomically

KEY_FORMAT = "assessor-sync-key/1"
KEY_FILE = "key.json"
# OWASP's Argon2id setting of 19 MiB and two passes: under a tenth of a second here, paid once per sync (never per
# file), and costly in memory for anyone guessing passphrases for a lost stick. Stored in key.json, so a later
# version can raise it by rewrapping.
ARGON2 = {"iterations": 2, "lanes": 1, "memory_cost": 19456}
WRAP_CONTEXT = b"assessor-sync folder key"


class FolderKeyError(ValueError):
    """The folder key cannot be had: wrong passphrase, plain/encrypted mismatch, or a damaged key file."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(passphrase: str, salt: bytes, cost: dict) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    return Argon2id(salt=salt, length=32, iterations=cost["iterations"], lanes=cost["lanes"],
                    memory_cost=cost["memory_cost"]).derive(passphrase.encode("utf-8"))


@dataclass(frozen=True)
class FolderKey:
    """The unwrapped key of one sync folder; None-keyed (plain) only when the folder was opted in to plain files."""

    key: bytes | None

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def new_nonce(self) -> bytes:
        return os.urandom(12) if self.key is not None else b""

    def seal(self, nonce: bytes, associated: bytes, plain: bytes) -> bytes:
        """Ciphertext and tag, `associated` (the header) authenticated with it; plain folders: unchanged."""
        if self.key is None:
            return plain
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        return AESGCM(self.key).encrypt(nonce, plain, associated)

    def open(self, nonce: bytes, associated: bytes, sealed: bytes) -> bytes:
        """The plain bytes, or ValueError if they (or the associated header) were altered."""
        if self.key is None:
            return sealed
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            return AESGCM(self.key).decrypt(nonce, sealed, associated)
        except InvalidTag:
            raise ValueError("altered, or sealed with another folder key") from None

    def name_for(self, sha256: str) -> str:
        """The name an attachment goes under: its hash when plain, else a keyed hash (names reveal nothing)."""
        if self.key is None:
            return sha256
        from cryptography.hazmat.primitives import hashes, hmac

        mac = hmac.HMAC(self.key, hashes.SHA256())
        mac.update(b"blob:" + sha256.encode("ascii"))
        return mac.finalize().hex()[:40]


def _wrap(folder_key: bytes, passphrase: str, cost: dict) -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    wrapped = AESGCM(_derive(passphrase, salt, cost)).encrypt(nonce, folder_key, WRAP_CONTEXT)
    return {"format": KEY_FORMAT, "encryption": "AES-256-GCM", "kdf": "argon2id", **cost, "salt": _b64(salt),
            "nonce": _b64(nonce), "wrapped": _b64(wrapped)}


def read_key_file(path: Path) -> dict | None:
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise FolderKeyError(f"{path} is damaged; copy it again from another device's sync folder") from None
    if not isinstance(data, dict) or data.get("format") != KEY_FORMAT:
        raise FolderKeyError(f"{path} was written by a newer assessor-app or is not a key file; update the app")
    return data


def create(path: Path, passphrase: str | None, cost: dict = ARGON2) -> FolderKey:
    """A new folder: a random key wrapped under `passphrase`, or (None) the plain opt-in recorded."""
    if passphrase is None:
        write_atomically(path, json.dumps({"format": KEY_FORMAT, "encryption": "none"}, indent=1).encode())
        return FolderKey(None)
    folder_key = os.urandom(32)
    write_atomically(path, json.dumps(_wrap(folder_key, passphrase, cost), indent=1).encode())
    return FolderKey(folder_key)


def unlock(path: Path, passphrase: str | None) -> FolderKey:
    """The folder key, unwrapped once. Refuses a wrong passphrase, and a passphrase-less sync of an encrypted
    folder (or the reverse), each in one line."""
    data = read_key_file(path)
    if data is None:
        raise FolderKeyError(f"{path} is missing")
    if data.get("encryption") == "none":
        if passphrase is not None:
            raise FolderKeyError("this sync folder was set up without encryption (plain files); sync it without a "
                            "passphrase, or start a new folder")
        return FolderKey(None)
    if passphrase is None:
        raise FolderKeyError("this sync folder is encrypted: give the centre passphrase (--passphrase-file FILE)")
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        cost = {k: int(data[k]) for k in ARGON2}
        kek = _derive(passphrase, _unb64(data["salt"]), cost)
        return FolderKey(AESGCM(kek).decrypt(_unb64(data["nonce"]), _unb64(data["wrapped"]), WRAP_CONTEXT))
    except InvalidTag:
        raise FolderKeyError("wrong passphrase for this sync folder") from None
    except (KeyError, ValueError, TypeError):
        raise FolderKeyError(f"{path} is damaged; copy it again from another device's sync folder") from None


def rewrap(path: Path, old: str, new: str, cost: dict = ARGON2) -> None:
    """A new centre passphrase: the same folder key wrapped again; no bundle or attachment is rewritten."""
    folder_key = unlock(path, old)
    if folder_key.key is None:
        raise FolderKeyError("this sync folder holds plain files; there is no passphrase to change")
    write_atomically(path, json.dumps(_wrap(folder_key.key, new, cost), indent=1).encode())
