#!/usr/bin/env bash
# One entry point for a fresh machine: `start` opens the app on a demo data folder, `test` runs every test headless.
# Both are idempotent: they install only what is missing (Debian libraries Qt needs, the .venv at the repo root).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

# Debian packages: offscreen Qt, fonts, PDF checkers, syncthing (the sync test runs two real instances on loopback);
# a real window adds the X11/xcb set.
APT_HEADLESS="libgl1 libegl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libxkbcommon0 fonts-dejavu-core poppler-utils qpdf syncthing"
# The Linux build and its checks: binutils for PyInstaller, the desktop-entry and AppStream validators. The build
# also needs APT_WINDOW: PyInstaller bundles the xcb libraries the window's platform plugin links to only when they
# are on the build machine, and the bundle's test opens the window under Xvfb.
APT_PACKAGE="binutils desktop-file-utils appstream"
APT_WINDOW="xvfb xauth libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1"

say() { printf '%s\n' "$*" >&2; }

ensure_debian_packages() {
    command -v dpkg-query >/dev/null 2>&1 || { say "Not a Debian system: install Qt's runtime libraries yourself (see README)."; return 0; }
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "Installing Debian packages: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { say "Need root (or sudo) to install: ${missing[*]}"; exit 1; }
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {
    local extras="$1"
    if [ ! -x "$PY" ]; then
        say "Creating $VENV"
        python3 -m venv "$VENV" || { say "python3 -m venv failed: on Debian install python3-venv"; exit 1; }
    fi
    # Reinstall only when pyproject.toml or the wanted extras change.
    local stamp="$VENV/.installed-$(cat "$ROOT/pyproject.toml" | sha256sum | cut -c1-16)-$extras"
    if [ ! -f "$stamp" ]; then
        say "Installing Python packages into $VENV"
        "$PY" -m pip install -q --upgrade pip
        "$PY" -m pip install -q -e "$ROOT[$extras]"
        rm -f "$VENV"/.installed-*
        touch "$stamp"
    fi
}

case "${1:-}" in
    start)
        ensure_debian_packages $APT_HEADLESS $APT_WINDOW
        ensure_venv "test"
        DATA="${ASSESSOR_APP_HOME:-$ROOT/.demo-data}"
        if [ ! -f "$DATA/assessor.sqlite3" ]; then
            "$VENV/bin/assessor-app" --data-dir "$DATA" demo
        fi
        if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
            say "No display found: starting the app under Xvfb (virtual screen)."
            exec xvfb-run -a -s "-screen 0 1400x900x24" "$VENV/bin/assessor-app" --data-dir "$DATA"
        fi
        exec "$VENV/bin/assessor-app" --data-dir "$DATA"
        ;;
    test)
        ensure_debian_packages $APT_HEADLESS $APT_PACKAGE $APT_WINDOW
        ensure_venv "test"
        cd "$ROOT"
        export QT_QPA_PLATFORM=offscreen
        shift
        exec "$PY" -m pytest "$@"
        ;;
    *)
        say "usage: bash packaging/dev.sh start | test [pytest args]"
        exit 2
        ;;
esac
