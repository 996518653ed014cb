"""Sealed files: the header is authenticated with the body; damage anywhere is caught before anything is used."""

from __future__ import annotations

import hashlib

import pytest

from assessor_app.sync import bundle
from assessor_app.sync.bundle import SetAside
from assessor_app.sync.crypto import FolderKey

KEY = FolderKey(bytes(range(32)))
CHANGES = [("devA", n, f"000000000000{n:03d}-000000", "learner", "L1", "name", '"Amelia Hart"', None)
           for n in range(5, 9)]


def _reseal_checksum(data: bytes) -> bytes:
    content = data[:-65]
    return content + hashlib.sha256(content).hexdigest().encode() + b"\n"


def test_a_bundle_reads_back_as_written():
    data = bundle.write_bundle(KEY, "devA", 3, "ff" * 32, CHANGES)
    header, changes = bundle.read_bundle(KEY, data, "b", "devA", 3)
    assert changes == CHANGES
    assert (header["first_seq"], header["last_seq"], header["previous"], header["version"]) == (5, 8, "ff" * 32, 1)
    assert b"Amelia" not in data


def test_an_edited_header_fails_even_with_a_fresh_checksum():
    data = bundle.write_bundle(KEY, "devA", 3, None, CHANGES)
    forged = _reseal_checksum(data.replace(b'"number": 3', b'"number": 4'))
    with pytest.raises(SetAside, match="altered, or sealed with another folder key"):
        bundle.read_bundle(KEY, forged, "b", "devA", 4)


def test_another_key_or_another_place_is_refused():
    data = bundle.write_bundle(KEY, "devA", 3, None, CHANGES)
    with pytest.raises(SetAside, match="another folder key"):
        bundle.read_bundle(FolderKey(bytes(32)), data, "b", "devA", 3)
    with pytest.raises(SetAside, match="its header names device devA bundle 3"):
        bundle.read_bundle(KEY, data, "b", "devB", 3)


def test_plain_bundles_are_checked_too():
    plain = FolderKey(None)
    data = bundle.write_bundle(plain, "devA", 1, None, CHANGES)
    assert bundle.read_bundle(plain, data, "b", "devA", 1)[1] == CHANGES
    with pytest.raises(SetAside, match="checksum does not match"):
        bundle.read_bundle(plain, data[:40] + b"X" + data[41:], "b", "devA", 1)
    with pytest.raises(SetAside, match="plain, unlike this folder"):
        bundle.read_bundle(KEY, data, "b", "devA", 1)
