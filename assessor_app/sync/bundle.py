"""One sealed sync file: an authenticated JSON header line, the sealed body, and a checksum line of the whole."""

from __future__ import annotations

import base64
import hashlib
import json
import zlib

from assessor_app.sync.crypto import FolderKey

VERSION = 1
MAX_HEADER = 64 * 1024
BUNDLE = "assessor-sync-bundle"
BLOB_PART = "assessor-sync-blob-part"


class SetAside(ValueError):
    """A file that cannot be used now (incomplete, altered, out of sequence, newer); the message says why in
    one line, and the file is tried again at the next sync."""


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def seal(key: FolderKey, kind: str, header: dict, plain: bytes) -> bytes:
    """header line + sealed body + sha256 line. The header (with its nonce) is the AEAD's associated data."""
    nonce = key.new_nonce()
    full = {**header, "format": kind, "version": VERSION, "encrypted": key.encrypted,
            "nonce": base64.b64encode(nonce).decode("ascii")}
    head = json.dumps(full, sort_keys=True, ensure_ascii=True).encode("ascii") + b"\n"
    content = head + key.seal(nonce, head, plain)
    return content + hashlib.sha256(content).hexdigest().encode("ascii") + b"\n"


def unseal(key: FolderKey, kind: str, data: bytes, name: str) -> tuple[dict, bytes]:
    """(header, plain body) of a sealed file, or SetAside naming `name` and what is wrong with it."""
    if not data:
        raise SetAside(f"{name}: empty (a copy that never finished); set aside, will retry")
    newline = data.find(b"\n", 0, MAX_HEADER)
    try:
        header = json.loads(data[:newline]) if newline > 0 else None
    except (json.JSONDecodeError, UnicodeDecodeError):
        header = None
    if not isinstance(header, dict) or header.get("format") != kind:
        raise SetAside(f"{name}: not a readable {kind} file (damaged or incomplete); set aside, will retry")
    if not isinstance(header.get("version"), int) or header["version"] > VERSION:
        raise SetAside(f"{name}: written by a newer assessor-app (format {header.get('version')}); update the app "
                       "to read it")
    content, trailer = data[:-65], data[-65:]
    if len(data) < newline + 66 or trailer[-1:] != b"\n" or hashlib.sha256(content).hexdigest().encode() != trailer[:-1]:
        raise SetAside(f"{name}: incomplete or altered (checksum does not match); set aside, will retry")
    if bool(header.get("encrypted")) != key.encrypted:
        raise SetAside(f"{name}: {'encrypted' if header.get('encrypted') else 'plain'}, unlike this folder; set aside")
    head = data[:newline + 1]
    try:
        plain = key.open(base64.b64decode(header.get("nonce", "")), head, content[newline + 1:])
    except ValueError as altered:
        raise SetAside(f"{name}: {altered}; set aside, will retry") from None
    return header, plain


def write_bundle(key: FolderKey, device_id: str, number: int, previous: str | None, changes: list[tuple]) -> bytes:
    """Bundle `number` of `device_id`: its changes (CHANGE_FIELDS tuples, in sequence order), compressed."""
    lines = "".join(json.dumps(list(c), ensure_ascii=False, separators=(",", ":")) + "\n" for c in changes)
    header = {"device": device_id, "number": number, "first_seq": changes[0][1], "last_seq": changes[-1][1],
              "count": len(changes), "previous": previous}
    return seal(key, BUNDLE, header, zlib.compress(lines.encode("utf-8"), 6))


def read_bundle(key: FolderKey, data: bytes, name: str, device_id: str, number: int) -> tuple[dict, list[tuple]]:
    """(header, changes) of a bundle, checked to be what its name and header say, or SetAside."""
    header, plain = unseal(key, BUNDLE, data, name)
    if header.get("device") != device_id or header.get("number") != number:
        raise SetAside(f"{name}: its header names device {header.get('device')} bundle {header.get('number')}; "
                       "set aside")
    try:
        changes = [tuple(json.loads(line)) for line in zlib.decompress(plain).decode("utf-8").splitlines()]
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError):
        raise SetAside(f"{name}: its records cannot be read; set aside, will retry") from None
    seqs = [c[1] for c in changes if len(c) == 8]
    expected = list(range(header.get("first_seq", 0), header.get("last_seq", -1) + 1))
    if len(seqs) != len(changes) or seqs != expected or any(c[0] != device_id for c in changes):
        raise SetAside(f"{name}: its records do not match its header; set aside")
    return header, changes
