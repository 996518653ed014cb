"""Sync files are whole or absent, and a damaged one is named, never read as data."""

import pytest

from assessor_app.sync.atomic import DamagedFile, seal, unseal, write_atomically


def test_round_trip(tmp_path):
    records = [{"id": "1", "name": "Zoë"}, {"id": "2", "name": "Łukasz"}]
    write_atomically(tmp_path / "d" / "bundle.jsonl", seal(records))
    assert unseal(tmp_path / "d" / "bundle.jsonl") == records
    assert [p.name for p in (tmp_path / "d").iterdir()] == ["bundle.jsonl"]


@pytest.mark.parametrize("damage", [lambda b: b[:-7], lambda b: b.replace(b"Zo", b"Jo"), lambda b: b"garbage\n"])
def test_half_copied_or_altered_file_is_refused(tmp_path, damage):
    path = tmp_path / "bundle.jsonl"
    path.write_bytes(damage(seal([{"id": "1", "name": "Zoë"}])))
    with pytest.raises(DamagedFile, match="bundle.jsonl"):
        unseal(path)
