#!/bin/sh
# Removes the program, its menu entry, icons and file type for this user. Your data folder, with the records,
# attachments and backups, is left where it is: delete it yourself only when you are sure (Help > About names it).
set -eu
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
PREFIX="${PREFIX:-$HOME/.local/opt/assessor-app}"
BIN="${BIN:-$HOME/.local/bin}"
APP_ID=org.assessorapp.AssessorApp

rm -rf "$PREFIX"
rm -f "$BIN/assessor-app" "$BIN/assessor-app-gui"
rm -f "$DATA_HOME/applications/$APP_ID.desktop" "$DATA_HOME/metainfo/$APP_ID.metainfo.xml" \
      "$DATA_HOME/mime/packages/$APP_ID.xml"
find "$DATA_HOME/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA_HOME/applications" || true
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA_HOME/mime" || true
echo "Assessor App is removed. Your data folder was not touched."
