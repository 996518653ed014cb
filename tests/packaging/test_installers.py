"""The Windows and macOS recipes, checked here where they cannot be built: every value the Inno Setup script
needs is passed by build.py, the files it names exist, and nothing in it deletes the user's data folder."""

import re

from assessor_app.paths import BACKUP_SUFFIX
from tests.conftest import REPO
from tests.packaging.scripts import load

ISS = REPO / "packaging" / "windows" / "assessor-app.iss"
build = load("build")


def test_build_passes_every_define_the_inno_setup_script_requires():
    script = ISS.read_text(encoding="utf-8")
    required = set(re.findall(r"#ifndef (\w+)\s+#error", script))
    passed = set(re.findall(r'f"/D(\w+)=', (REPO / "packaging" / "build.py").read_text(encoding="utf-8")))
    assert required == {"AppVersion", "BundleDir"} and required <= passed
    default_icon = re.search(r'#define IconFile "(.+)"', script).group(1).replace("\\", "/")
    assert (ISS.parent / default_icon).resolve().is_file()


def test_the_install_is_per_user_associates_backups_and_the_uninstaller_keeps_the_records():
    script = ISS.read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in script and "DefaultDirName={autopf}" in script
    assert "{autoprograms}\\Assessor App" in script
    assert '""{app}\\assessor-app-gui.exe"" ""%1""' in script
    assert "UninstallDelete" not in re.findall(r"^\[(\w+)\]", script, flags=re.M)
    deleted = re.findall(r"^Type: filesandordirs; Name: \"(.+)\"", script, flags=re.M)
    assert deleted == ["{app}\\_internal"]  # an upgrade clears the old libraries, nothing else


def test_the_backup_suffix_is_the_same_everywhere():
    mime = (REPO / "packaging" / "linux" / "assessor-app-mime.xml").read_text(encoding="utf-8")
    spec = (REPO / "packaging" / "assessor-app.spec").read_text(encoding="utf-8")
    assert f'pattern="*{BACKUP_SUFFIX}"' in mime
    assert f'"{BACKUP_SUFFIX.lstrip(".")}"' in spec
    assert f"Software\\Classes\\{BACKUP_SUFFIX}\"" in ISS.read_text(encoding="utf-8")


def test_a_pre_release_version_becomes_numbers_for_windows(monkeypatch):
    monkeypatch.setattr(build, "version", lambda: "1.2.0rc1")
    assert build.numeric_version() == "1.2.0"
