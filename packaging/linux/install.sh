#!/bin/sh
# Installs Assessor App for this user only (no root): the program under ~/.local/opt, a menu entry, icons, and the
# backup file type. Run it again to upgrade: the records in your data folder are never touched by this script;
# the app itself backs the database up before it upgrades it.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
PREFIX="${PREFIX:-$HOME/.local/opt/assessor-app}"
BIN="${BIN:-$HOME/.local/bin}"
APP_ID=org.assessorapp.AssessorApp

mkdir -p "$PREFIX" "$BIN" "$DATA_HOME/applications" "$DATA_HOME/metainfo" "$DATA_HOME/mime/packages"
# Replace the program folder whole, so no file of the older version is left behind in it.
rm -rf "$PREFIX.new"
cp -R "$HERE/lib/assessor-app" "$PREFIX.new"
rm -rf "$PREFIX.old"
[ -d "$PREFIX" ] && mv "$PREFIX" "$PREFIX.old"
mv "$PREFIX.new" "$PREFIX"
rm -rf "$PREFIX.old"
ln -sf "$PREFIX/assessor-app" "$BIN/assessor-app"
ln -sf "$PREFIX/assessor-app-gui" "$BIN/assessor-app-gui"

# The menu entry runs the program by its full path: ~/.local/bin is not on every desktop session's PATH.
sed "s|^Exec=assessor-app-gui|Exec=$PREFIX/assessor-app-gui|" "$HERE/share/applications/$APP_ID.desktop" \
    > "$DATA_HOME/applications/$APP_ID.desktop"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$DATA_HOME/metainfo/"
cp "$HERE/share/mime/packages/$APP_ID.xml" "$DATA_HOME/mime/packages/"
cp -R "$HERE/share/icons" "$DATA_HOME/"

# Refresh the desktop's caches where the tools exist; a missing tool only delays the menu entry to next login.
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA_HOME/applications" || true
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA_HOME/mime" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA_HOME/icons/hicolor" || true

echo "Assessor App is installed in $PREFIX; find it in your applications menu, or run assessor-app-gui."
echo "Your records stay in your data folder (see Help > About in the app)."
