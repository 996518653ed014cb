"""The version comes from pyproject.toml alone; the About box's facts name real places in the data folder."""

import subprocess
import sys
import tomllib

import assessor_app
from assessor_app.version import _checkout_version, about_facts, app_version
from tests.conftest import REPO


def test_version_is_the_one_in_pyproject():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert app_version() == assessor_app.__version__ == declared


def test_both_entry_points_print_that_version():
    declared = app_version()
    for module in ("assessor_app", "assessor_app.app"):
        shown = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True,
                               check=True).stdout
        assert shown.strip() == f"assessor-app {declared}"


def test_a_pyproject_of_another_project_is_not_read(tmp_path):
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "someone-else"\nversion = "9.9"\n', encoding="utf-8")
    assert _checkout_version(other) == ""
    other.write_text("not toml [", encoding="utf-8")
    assert _checkout_version(other) == ""


def test_about_facts_name_the_data_folder_log_backups_and_licence(tmp_path):
    facts = about_facts(tmp_path / "data", sync_folder=tmp_path / "stick" / "assessor-sync")
    assert facts.database == tmp_path / "data" / "assessor.sqlite3"
    assert facts.log_file.is_relative_to(tmp_path / "data")
    assert facts.upgrade_backups == tmp_path / "data"
    assert "LGPL" in facts.licence and "DejaVu" in facts.licence
    text = "\n".join(facts.lines())
    assert str(tmp_path / "stick" / "assessor-sync") in text and facts.version in text
    assert "none chosen yet" in "\n".join(about_facts(tmp_path / "data").lines())


def test_outside_a_checkout_the_metadata_folder_beside_the_package_names_the_version(tmp_path, monkeypatch):
    import assessor_app.version as version

    package = tmp_path / "site-packages" / "assessor_app"
    package.mkdir(parents=True)
    (tmp_path / "site-packages" / "assessor_app-2.3.4.dist-info").mkdir()
    monkeypatch.setattr(version, "PACKAGE_DIR", package)
    assert version.app_version() == "2.3.4"
