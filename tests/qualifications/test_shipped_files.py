"""The shipped qualification files: valid against the schema, loadable, and exactly what the generator makes."""

import json
import subprocess
import sys

import jsonschema
import pytest

from assessor_app.paths import shipped_dir
from assessor_app.services.catalogue import load_catalogue
from tests.conftest import REPO, SEEDS

FOLDER = shipped_dir("qualifications")
FILES = sorted(p for p in FOLDER.glob("*.json") if p.name != "schema.json")
EXPECTED = {"601/3456/2", "601/3577/3", "601/5358/1", "601/5359/3"}


def test_catalogue_loads_every_shipped_file_without_problems():
    catalogue = load_catalogue(FOLDER)
    assert catalogue.problems == []
    assert len(catalogue.qualifications) == len(FILES)


def test_four_qualifications_and_two_unit_banks():
    catalogue = load_catalogue(FOLDER)
    kinds = {q.number: q.kind for q in catalogue.listing()}
    assert {n for n, k in kinds.items() if k == "qualification"} == EXPECTED
    assert sorted(k for k in kinds.values() if k == "unit-bank") == ["unit-bank", "unit-bank"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_matches_the_json_schema(path):
    schema = json.loads((FOLDER / "schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_cites_its_source_by_title_and_version_not_seed_name(path):
    source = json.loads(path.read_text(encoding="utf-8"))["source"]
    # A document that prints no version must say so in a note rather than invent one.
    assert source["title"] and (source.get("version") or source.get("note"))
    assert not any(seed.name in json.dumps(source) for seed in SEEDS.glob("*")) if SEEDS.is_dir() else True
    assert ".txt" not in json.dumps(source)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents (../shared/seeds) not beside this checkout")
def test_regenerating_from_the_sources_gives_the_committed_files(tmp_path):
    result = subprocess.run([sys.executable, "-m", "tools.qualgen", "--seeds", str(SEEDS), "--out", str(tmp_path)],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    made = sorted(p.name for p in tmp_path.glob("*.json"))
    assert made == [p.name for p in FILES]
    for name in made:
        assert (tmp_path / name).read_bytes() == (FOLDER / name).read_bytes(), f"{name} differs from generator"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents (../shared/seeds) not beside this checkout")
def test_check_passes_on_the_committed_files_and_names_a_hand_edited_one(tmp_path):
    def check(out):
        return subprocess.run([sys.executable, "-m", "tools.qualgen", "--seeds", str(SEEDS), "--out", str(out),
                               "--check"], cwd=REPO, capture_output=True, text=True)

    assert check(FOLDER).returncode == 0
    for path in FILES:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    edited = tmp_path / "pearson-601-5359-3.json"
    edited.write_text(edited.read_text(encoding="utf-8").replace("competitors' activities", "rivals"), encoding="utf-8")
    result = check(tmp_path)
    assert result.returncode == 1
    assert result.stderr == "differs from generator output: pearson-601-5359-3.json\n"
    assert edited.read_text(encoding="utf-8").count("rivals") >= 1  # --check wrote nothing
