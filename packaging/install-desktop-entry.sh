#!/usr/bin/env bash
# Put Fewshot Studio in your desktop's application menu (for you only; no root needed).
#   ./install-desktop-entry.sh            run from the unpacked fewshot-studio folder
#   ./install-desktop-entry.sh --remove   take it out again
# The app itself stays where you unpacked it; move the folder, then run this again.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
ENTRY=$DATA/applications/fewshot-studio.desktop
ICONS=$HERE/_internal/resources/icons
if [ "${1:-}" = "--remove" ]; then
  rm -f "$ENTRY" "$DATA"/icons/hicolor/*/apps/fewshot-studio.png "$DATA/icons/hicolor/scalable/apps/fewshot-studio.svg"
  echo "Removed Fewshot Studio from the application menu."
  exit 0
fi
[ -x "$HERE/fewshot-studio" ] || { echo "run this from the unpacked fewshot-studio folder" >&2; exit 1; }
for png in "$ICONS"/hicolor/*/apps/fewshot-studio.png; do
  size=$(basename "$(dirname "$(dirname "$png")")")
  install -Dm644 "$png" "$DATA/icons/hicolor/$size/apps/fewshot-studio.png"
done
install -Dm644 "$ICONS/fewshot-studio.svg" "$DATA/icons/hicolor/scalable/apps/fewshot-studio.svg"
mkdir -p "$(dirname "$ENTRY")"
# Absolute paths: the folder can live anywhere (quoted for paths with spaces).
exe="\"$HERE/fewshot-studio\""
sed -e "s|^Exec=fewshot-studio|Exec=$exe|" -e "s|^TryExec=.*|TryExec=$HERE/fewshot-studio|" \
  "$HERE/fewshot-studio.desktop" > "$ENTRY"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$DATA/icons/hicolor" 2>/dev/null || true
echo "Fewshot Studio is now in your application menu ($ENTRY)."
