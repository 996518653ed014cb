"""The command line as a user runs it: a real subprocess, real data folder, real exit codes and output."""

import json
import subprocess
import sys

import pytest

from tests.conftest import IMI, SEEDS


def run(*args, data_dir=None, env=None):
    command = [sys.executable, "-m", "assessor_app"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return subprocess.run(command + list(args), capture_output=True, text=True, env=env, timeout=120)


def test_help_and_version():
    assert run("--help").returncode == 0
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("assessor-app ")


def test_demo_then_show_prints_canonical_json(data_dir):
    assert run("demo", data_dir=data_dir).returncode == 0
    shown = run("qualifications", "show", IMI, "--json", data_dir=data_dir)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert set(data) == {"number", "title", "awarding_body", "level", "credits", "groups", "units"}
    assert data["number"] == IMI and data["credits"] == 45
    group_a = next(g for g in data["groups"] if g["name"] == "A")
    assert group_a == {"name": "A", "mandatory": True, "min_credits": 19, "max_credits": 19,
                       "units": ["A/506/2130", "F/506/2131", "J/506/2132", "A/506/1964", "L/506/1788"]}
    unit = next(u for u in data["units"] if u["urn"] == "A/506/2130")
    assert set(unit) == {"urn", "ref", "title", "level", "credit", "glh", "outcomes"}
    assert (unit["ref"], unit["title"], unit["level"], unit["credit"], unit["glh"]) == \
        ("CS 7", "Deliver customer service", 2, 5, 27)
    criterion = unit["outcomes"][0]["criteria"][0]
    assert set(criterion) == {"number", "text", "guidance"}
    assert criterion["number"] == "1.1"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents (../shared/seeds) not beside this checkout")
def test_group_a_text_is_word_for_word_the_printed_record(data_dir):
    seed = next(p for p in SEEDS.glob("*.txt") if "LEARNER ASSESSMENT RECORD" in p.read_text(encoding="utf-8"))
    printed_rows = set()
    for line in seed.read_text(encoding="utf-8").splitlines():
        printed_rows.update(cell.strip() for cell in line.split("\t") if cell.strip())
    data = json.loads(run("qualifications", "show", IMI, "--json", data_dir=data_dir).stdout)
    group_a = next(g for g in data["groups"] if g["name"] == "A")["units"]
    checked = 0
    for unit in (u for u in data["units"] if u["urn"] in group_a):
        for outcome in unit["outcomes"]:
            for criterion in outcome["criteria"]:
                assert f"{criterion['number']} {criterion['text']}" in printed_rows, criterion
                checked += 1
    assert checked == 20 + 9 + 23 + 6 + 20


def test_unknown_qualification_is_one_line_and_exit_1(data_dir):
    result = run("qualifications", "show", "999/9999/9", data_dir=data_dir)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "no qualification 999/9999/9" in result.stderr


def test_broken_qualification_file_is_named_and_others_still_load(data_dir):
    (data_dir / "qualifications").mkdir(parents=True)
    (data_dir / "qualifications" / "centre-broken.json").write_text('{"format": "assessor-app-qualification/1", ',
                                                                    encoding="utf-8")
    (data_dir / "qualifications" / "centre-latin1.json").write_bytes(b'{"title": "Caf\xe9"}')
    result = run("qualifications", "list", "--json", data_dir=data_dir)
    assert result.returncode == 0
    assert IMI in [q["number"] for q in json.loads(result.stdout)]
    assert "centre-broken.json: not valid JSON" in result.stderr
    assert "centre-latin1.json: not UTF-8 text" in result.stderr


def test_learners_list_needs_records_first(data_dir):
    result = run("learners", "list", data_dir=data_dir)
    assert result.returncode == 1 and "no records" in result.stderr and "Traceback" not in result.stderr


def test_environment_variable_selects_the_data_folder(data_dir):
    import os
    env = {**os.environ, "ASSESSOR_APP_HOME": str(data_dir)}
    assert run("demo", env=env).returncode == 0
    listed = run("learners", "list", "--json", env=env)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 3


def test_list_names_four_qualifications_and_two_unit_banks(data_dir):
    result = run("qualifications", "list", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    listed = {q["number"]: q["kind"] for q in json.loads(result.stdout)}
    assert {n for n, k in listed.items() if k == "qualification"} == {"601/3456/2", "601/3577/3", "601/5358/1",
                                                                       "601/5359/3"}
    assert sorted(k for k in listed.values() if k == "unit-bank") == ["unit-bank", "unit-bank"]


def test_validate_and_import_a_centre_file(data_dir, tmp_path):
    from assessor_app.paths import shipped_dir
    document = json.loads((shipped_dir("qualifications") / "pearson-601-5358-1.json").read_text(encoding="utf-8"))
    document.update(number="CENTRE/AWARD/1", title="Centre award in customer care")
    good = tmp_path / "centre.json"
    good.write_text(json.dumps(document), encoding="utf-8")
    assert "valid: CENTRE/AWARD/1" in run("qualifications", "validate", str(good), data_dir=data_dir).stdout
    imported = run("qualifications", "import", str(good), data_dir=data_dir)
    assert imported.returncode == 0 and "imported: CENTRE/AWARD/1" in imported.stdout
    shown = json.loads(run("qualifications", "show", "CENTRE/AWARD/1", "--json", data_dir=data_dir).stdout)
    assert shown["title"] == "Centre award in customer care"
    again = run("qualifications", "import", str(good), data_dir=data_dir)
    assert again.returncode == 1 and "already loaded" in again.stderr and "Traceback" not in again.stderr


def test_invalid_centre_file_is_refused_with_the_field_path_and_not_imported(data_dir, tmp_path):
    from assessor_app.paths import shipped_dir
    document = json.loads((shipped_dir("qualifications") / "pearson-601-5358-1.json").read_text(encoding="utf-8"))
    document["number"] = "CENTRE/BAD/1"
    document["units"][0]["outcomes"][0]["criteria"][0]["text"] = 42
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    for action in ("validate", "import"):
        result = run("qualifications", action, str(bad), data_dir=data_dir)
        assert result.returncode == 1 and result.stderr.count("\n") == 1
        assert ".outcomes[1].criteria[1.1].text: expected string, found integer" in result.stderr
    imported = data_dir / "qualifications"
    assert not imported.exists() or not list(imported.glob("*.json")), "a refused file was imported"


def test_no_display_is_one_line_not_a_crash(data_dir):
    import os
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = run(data_dir=data_dir, env=env)
    assert result.returncode == 1
    assert "no display" in result.stderr and result.stderr.count("\n") == 1
