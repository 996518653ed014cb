"""`python packaging/build.py linux|windows|macos`: the one-folder bundle, then the platform's installer around it."""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
HOST = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
APP_ID = "org.assessorapp.AssessorApp"


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def say(message: str) -> None:
    print(f"build: {message}", flush=True)


def pyinstaller(out: Path) -> Path:
    """Runs the spec; returns the one-folder bundle (out/dist/assessor-app)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(out / "dist"), "--workpath", str(out / "work"),
                    str(PACKAGING / "assessor-app.spec")], check=True, cwd=ROOT)
    bundle = out / "dist" / "assessor-app"
    say(f"bundle {bundle} ({folder_size(bundle) / 1e6:.0f} MB) in {time.perf_counter() - started:.0f} s")
    return bundle


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def fill_template(source: Path, target: Path, **values: str) -> Path:
    text = source.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("@" + key + "@", value)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def build_linux(out: Path) -> Path:
    """A tarball: the bundle under lib/, a .desktop file, AppStream metadata, hicolor icons and install.sh."""
    bundle = pyinstaller(out)
    name = f"assessor-app-{version()}-linux-{platform.machine()}"
    stage = out / name
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(bundle, stage / "lib" / "assessor-app", symlinks=True)
    linux = PACKAGING / "linux"
    fill_template(linux / "assessor-app.desktop", stage / "share" / "applications" / f"{APP_ID}.desktop")
    fill_template(linux / "assessor-app.metainfo.xml", stage / "share" / "metainfo" / f"{APP_ID}.metainfo.xml",
                  VERSION=version(), DATE=time.strftime("%Y-%m-%d", time.gmtime(source_date())))
    fill_template(linux / "assessor-app-mime.xml", stage / "share" / "mime" / "packages" / f"{APP_ID}.xml")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        target = stage / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ICONS / f"assessor-app-{size}.png", target)
    scalable = stage / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ICONS / "assessor-app.svg", scalable)
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(linux / script, stage / script)
        (stage / script).chmod(0o755)
    validate_linux_metadata(stage)
    tarball = out / f"{name}.tar.gz"
    with tarfile.open(tarball, "w:gz", compresslevel=6) as archive:
        archive.add(stage, arcname=name)
    say(f"tarball {tarball} ({tarball.stat().st_size / 1e6:.0f} MB)")
    return tarball


def source_date() -> int:
    # Reproducible builds: the release date in the metadata is the last commit's, not the build machine's clock.
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        return int(subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True,
                                  check=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return int(time.time())


def validate_linux_metadata(stage: Path) -> None:
    """desktop-file-validate and appstreamcli where Debian has them installed; says so where it does not."""
    desktop = next((stage / "share" / "applications").glob("*.desktop"))
    metainfo = next((stage / "share" / "metainfo").glob("*.xml"))
    for tool, arguments in (("desktop-file-validate", [str(desktop)]),
                            ("appstreamcli", ["validate", "--no-net", "--pedantic", str(metainfo)])):
        if not shutil.which(tool):
            say(f"{tool} not installed: {desktop.name if tool.startswith('desktop') else metainfo.name} not validated")
            continue
        result = subprocess.run([tool, *arguments], capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"build: {tool} rejects the metadata:\n{result.stdout}{result.stderr}")
        say(f"{tool}: {(desktop if tool.startswith('desktop') else metainfo).name} is valid")


def numeric_version() -> str:
    """Windows' file version takes up to four numbers: 1.2.0rc1 is given as 1.2.0."""
    return re.match(r"\d+(\.\d+){0,3}", version()).group(0)


def find_iscc() -> str | None:
    on_path = shutil.which("ISCC")
    if on_path:
        return on_path
    for folder in (Path(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / "Inno Setup 6",
                   Path(os.environ.get("LOCALAPPDATA", "")) / "Programs" / "Inno Setup 6"):
        if (folder / "ISCC.exe").is_file():
            return str(folder / "ISCC.exe")
    return None


def build_windows(out: Path) -> Path:
    """The bundle, then Inno Setup 6's compiler on packaging/windows/assessor-app.iss: a per-user setup.exe."""
    bundle = pyinstaller(out)
    iscc = find_iscc()
    command = [iscc or "ISCC.exe", f"/DAppVersion={numeric_version()}", f"/DBundleDir={bundle}",
               f"/DIconFile={ICONS / 'assessor-app.ico'}", f"/O{out}", str(PACKAGING / "windows" / "assessor-app.iss")]
    if not iscc:
        raise SystemExit("build: Inno Setup 6 is not installed (https://jrsoftware.org/isinfo.php); then run:\n  "
                         + subprocess.list2cmdline(command))
    subprocess.run(command, check=True)
    setup = out / f"assessor-app-{numeric_version()}-setup.exe"
    say(f"installer {setup}")
    return setup


def build_macos(out: Path) -> Path:
    """The spec's .app (its BUNDLE step) signed, in a compressed disk image with an Applications link.

    Without CODESIGN_IDENTITY the app is signed ad hoc: it runs on the Mac that built it, and elsewhere only
    after right-click > Open. With a "Developer ID Application" identity it is signed with the hardened runtime,
    and with NOTARY_PROFILE (a `xcrun notarytool store-credentials` profile) the disk image is notarised and
    stapled, so Gatekeeper opens it on any Mac."""
    pyinstaller(out)
    app = out / "dist" / "Assessor App.app"
    identity = os.environ.get("CODESIGN_IDENTITY", "")
    sign = ["codesign", "--force", "--deep", "--timestamp", "--options", "runtime", "--entitlements",
            str(PACKAGING / "macos" / "entitlements.plist"), "--sign", identity] if identity else \
        ["codesign", "--force", "--deep", "--sign", "-"]
    subprocess.run([*sign, str(app)], check=True)
    subprocess.run(["codesign", "--verify", "--deep", "--strict", str(app)], check=True)
    stage = out / "dmg"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    shutil.copytree(app, stage / app.name, symlinks=True)
    (stage / "Applications").symlink_to("/Applications")  # drag the app onto it to install
    dmg = out / f"assessor-app-{version()}-macos-{platform.machine()}.dmg"
    subprocess.run(["hdiutil", "create", "-volname", "Assessor App", "-srcfolder", str(stage), "-fs", "HFS+",
                    "-format", "UDZO", "-ov", str(dmg)], check=True)
    if identity and os.environ.get("NOTARY_PROFILE"):
        subprocess.run(["codesign", "--force", "--timestamp", "--sign", identity, str(dmg)], check=True)
        subprocess.run(["xcrun", "notarytool", "submit", str(dmg), "--keychain-profile",
                        os.environ["NOTARY_PROFILE"], "--wait"], check=True)
        subprocess.run(["xcrun", "stapler", "staple", str(dmg)], check=True)
    say(f"disk image {dmg}")
    return dmg


BUILDERS = {"linux": build_linux, "windows": build_windows, "macos": build_macos}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", choices=sorted(BUILDERS))
    parser.add_argument("--out", type=Path, default=ROOT / "build", help="where to build (default: build/)")
    args = parser.parse_args(argv)
    if args.target != HOST:
        print(f"build: a {args.target} build must run on {args.target} (PyInstaller does not cross-compile); "
              f"this is {HOST}", file=sys.stderr)
        return 1
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("build: PyInstaller is missing: pip install -e '.[package]'", file=sys.stderr)
        return 1
    BUILDERS[args.target](args.out.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
