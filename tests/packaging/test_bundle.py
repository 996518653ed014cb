"""The Linux build as an assessor gets it: `python packaging/build.py linux` once for the module, then the bundled
programs run on a fresh data folder with no Python of ours on the path, and write only into that folder."""

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessor_app.version import app_version
from tests.conftest import REPO
from tests.packaging.scripts import load

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bundle is built on Linux here")
spec = load("build")


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """Builds once per test session (about 30 s on two shared cores); prints how long it took."""
    out = tmp_path_factory.mktemp("build")
    started = time.perf_counter()
    subprocess.run([sys.executable, str(REPO / "packaging" / "build.py"), "linux", "--out", str(out)], check=True,
                   capture_output=True, text=True)
    print(f"\npackaging/build.py linux took {time.perf_counter() - started:.0f} s")
    return out


@pytest.fixture(scope="module")
def bundle(build) -> Path:
    return build / "dist" / "assessor-app"


def clean_env(home: Path, **extra) -> dict:
    """A user's session: their own HOME, no Python variables, no virtualenv or source tree on any path."""
    home.mkdir(parents=True, exist_ok=True)
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen", **extra}


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def test_the_bundle_holds_both_programs_and_the_shipped_files_and_no_unused_qt(bundle):
    assert os.access(bundle / "assessor-app", os.X_OK) and os.access(bundle / "assessor-app-gui", os.X_OK)
    internal = bundle / "_internal"
    assert (internal / "qualifications" / "imi-601-3456-2.json").is_file()
    assert (internal / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert (internal / "resources" / "icons" / "assessor-app-256.png").is_file()
    [metadata] = internal.glob("assessor_app-*.dist-info")  # the version comes from here
    assert not (metadata / "direct_url.json").exists()  # it would name the build machine's checkout
    assert str(REPO) not in "".join(p.read_text(errors="replace") for p in metadata.iterdir())
    [qt_metadata] = internal.glob("pyside6_essentials-*.dist-info/METADATA")
    assert "LGPL" in qt_metadata.read_text(encoding="utf-8")  # the licence the About box points to
    modules = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.abi3.so")}
    assert modules == {"QtCore", "QtGui", "QtWidgets"}
    plugins = {p.name for p in (internal / "PySide6" / "Qt" / "plugins").rglob("*.so")}
    assert "libqxcb.so" in plugins and "libqoffscreen.so" in plugins and "libqjpeg.so" in plugins
    assert not {"libqgtk3.so", "libqvnc.so", "libqtiff.so"} & plugins
    assert not list(internal.rglob("*tests*")) and not list(internal.rglob("pytest*"))


def test_every_library_left_in_the_bundle_finds_what_it_links_to(bundle):
    """What the spec leaves out (the GTK theme's stack, EGLFS) is needed by nothing that stays."""
    internal = bundle / "_internal"
    env = {"LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}", "PATH": "/usr/bin:/bin"}
    missing = set()
    for library in [*internal.rglob("*.so"), *internal.rglob("*.so.*")]:
        listed = subprocess.run(["ldd", str(library)], capture_output=True, text=True, env=env).stdout
        missing |= {line.split()[0] for line in listed.splitlines() if "not found" in line}
    # A Wayland desktop brings its own client libraries; anything else missing is the spec's mistake.
    assert {name for name in missing if not name.startswith("libwayland-")} == set()


def test_the_bundled_cli_fills_a_fresh_folder_and_exports_a_record(bundle, tmp_path):
    home = tmp_path / "home"
    env = clean_env(home)
    before = snapshot(bundle)

    def cli(*args):
        result = subprocess.run([str(bundle / "assessor-app"), *args], capture_output=True, text=True, env=env,
                                cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert cli("--version").strip() == f"assessor-app {app_version()}"
    assert "3 learners" in cli("demo")  # no --data-dir: the user's own data folder
    data = home / ".local" / "share" / "assessor-app"
    learners = json.loads(cli("learners", "list", "--json"))
    assert len(learners) == 3
    pdf = tmp_path / "record.pdf"
    cli("export", "lar", "--learner", learners[0]["registration_no"], "--out", str(pdf))
    reader = PdfReader(pdf)
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) > 5 and learners[0]["name"] in text and "UNIT TITLE" in text.upper()
    fonts = {font.get_object()["/BaseFont"] for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in name for name in fonts)  # the bundled font, not a fallback

    assert snapshot(bundle) == before  # nothing written into the program's own folder
    written = {p.relative_to(home) for p in home.rglob("*") if p.is_file()}
    outside = {p for p in written if not (home / p).is_relative_to(data)}
    assert outside == set(), outside  # only the data folder (the PDF went where it was asked: tmp_path)
    assert (data / "assessor.sqlite3").is_file()


def test_the_bundled_cli_has_every_command_of_the_source(bundle, tmp_path):
    """Command modules are found by name at run time; the spec must not leave one behind."""
    env = clean_env(tmp_path / "home")
    bundled = subprocess.run([str(bundle / "assessor-app"), "--help"], capture_output=True, text=True, env=env,
                             check=True).stdout
    source = subprocess.run([sys.executable, "-m", "assessor_app", "--help"], capture_output=True, text=True,
                            check=True).stdout
    assert bundled == source


def test_the_bundled_window_opens_and_stays_up_on_its_own_python(bundle, tmp_path):
    env = clean_env(tmp_path / "home", ASSESSOR_APP_HOME=str(tmp_path / "data"))
    subprocess.run([str(bundle / "assessor-app"), "demo"], env=env, check=True, capture_output=True)
    window = subprocess.Popen([str(bundle / "assessor-app-gui")], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(4)
        assert window.poll() is None, window.communicate()[1]
        maps = Path(f"/proc/{window.pid}/maps").read_text()
        python_libraries = {line.split()[-1] for line in maps.splitlines() if "libpython" in line}
        assert python_libraries and all(path.startswith(str(bundle)) for path in python_libraries)
        assert str(REPO) not in maps and sys.prefix not in maps  # not our checkout, not our virtualenv
        held = json.loads((tmp_path / "data" / "assessor.lock").read_text())
        assert held["pid"] == window.pid  # it really opened the data folder
    finally:
        window.terminate()
        _, errors = window.communicate(timeout=20)
    assert "Traceback" not in errors
    assert [p for p in (tmp_path / "home").rglob("*") if p.is_file()] == []  # the window wrote only the data folder
    shown = subprocess.run([str(bundle / "assessor-app-gui"), "--exit-when-shown"], env=env, capture_output=True,
                           text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="needs xvfb-run (packaging/dev.sh start installs it)")
def test_the_bundled_window_opens_on_a_real_x_server(bundle, tmp_path):
    """The xcb platform plugin and the libraries it loads, as on a desktop (offscreen needs none of them)."""
    env = clean_env(tmp_path / "home", ASSESSOR_APP_HOME=str(tmp_path / "data"))
    del env["QT_QPA_PLATFORM"]
    shown = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", str(bundle / "assessor-app-gui"),
                            "--exit-when-shown"], env=env, capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert (tmp_path / "data" / "assessor.sqlite3").is_file()


def test_the_tarball_installs_for_one_user_and_uninstalls_leaving_the_records(build, tmp_path):
    [tarball] = build.glob("assessor-app-*-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    [top] = (tmp_path / "unpacked").iterdir()
    names = {str(p.relative_to(top)) for p in top.rglob("*")}
    assert {"install.sh", "uninstall.sh", "share/applications/org.assessorapp.AssessorApp.desktop",
            "share/metainfo/org.assessorapp.AssessorApp.metainfo.xml",
            "share/icons/hicolor/256x256/apps/org.assessorapp.AssessorApp.png"} <= names
    metainfo = (top / "share" / "metainfo" / "org.assessorapp.AssessorApp.metainfo.xml").read_text()
    assert f'version="{app_version()}"' in metainfo
    home = tmp_path / "home"
    env = clean_env(home)
    subprocess.run(["sh", str(top / "install.sh")], env=env, check=True, capture_output=True)
    installed = home / ".local" / "opt" / "assessor-app"
    desktop = (home / ".local" / "share" / "applications" / "org.assessorapp.AssessorApp.desktop").read_text()
    assert f"Exec={installed}/assessor-app-gui %f" in desktop
    version = subprocess.run([str(home / ".local" / "bin" / "assessor-app"), "--version"], env=env,
                             capture_output=True, text=True, check=True).stdout
    assert version.strip() == f"assessor-app {app_version()}"
    subprocess.run([str(home / ".local" / "bin" / "assessor-app"), "demo"], env=env, check=True, capture_output=True)
    subprocess.run(["sh", str(top / "install.sh")], env=env, check=True, capture_output=True)  # reinstall = upgrade
    subprocess.run(["sh", str(top / "uninstall.sh")], env=env, check=True, capture_output=True)
    assert not installed.exists() and not (home / ".local" / "bin" / "assessor-app").exists()
    assert (home / ".local" / "share" / "assessor-app" / "assessor.sqlite3").is_file()  # the records stay


def test_build_refuses_another_platform_with_one_line():
    other = "windows" if spec.HOST != "windows" else "linux"
    result = subprocess.run([sys.executable, str(REPO / "packaging" / "build.py"), other], capture_output=True,
                            text=True)
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1 and "cross-compile" in result.stderr
