#!/usr/bin/env bash
# Build the one-folder app: dist/fewshot-studio/fewshot-studio (double-click or run it; no Python needed).
#
#   packaging/build_linux.sh              CPU-only torch (the download we hand out)
#   packaging/build_linux.sh --cuda       torch with its CUDA libraries (to compare sizes; 4+ GB)
#   packaging/build_linux.sh --tarball    also pack dist/fewshot-studio-VERSION-linux-x86_64.tar.gz
#   packaging/build_linux.sh --self-test  run the built app's --self-test afterwards
#
# The build venv lives outside the repo (FEWSHOT_BUILD_VENV, default /tmp/fewshot-buildvenv[-cuda])
# and is reused while its inputs are unchanged. Torch comes from FEWSHOT_TORCH_WHEEL, else a
# CPU wheel in /opt/wheels, else the PyTorch CPU wheel index (FEWSHOT_TORCH_INDEX). The app itself
# is installed from a clean copy of the working tree (no .venv, caches or build leftovers).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3.11}
VARIANT=cpu TARBALL=0 SELFTEST=0
for arg in "$@"; do
  case $arg in
    --cuda) VARIANT=cuda ;;
    --tarball) TARBALL=1 ;;
    --self-test) SELFTEST=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done
if [ "$VARIANT" = cuda ]; then
  NAME=fewshot-studio-cuda VENV=${FEWSHOT_BUILD_VENV:-/tmp/fewshot-buildvenv-cuda}
  TORCH_SPEC=${FEWSHOT_TORCH_SPEC:-torch}  # the default index's Linux torch includes CUDA
else
  NAME=fewshot-studio VENV=${FEWSHOT_BUILD_VENV:-/tmp/fewshot-buildvenv}
  TORCH_SPEC=${FEWSHOT_TORCH_WHEEL:-$(ls /opt/wheels/torch-*+cpu-cp311-*.whl 2>/dev/null | sort -V | tail -n1 || true)}
fi
DIST=$REPO/dist WORK=$REPO/build/pyinstaller-$VARIANT STAGE=$REPO/build/stage
start=$(date +%s)
log() { printf '[%4ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

# 1. A clean copy of the app's sources: tracked and untracked-but-not-ignored files only.
log "staging sources"
rm -rf "$STAGE" && mkdir -p "$STAGE"
if git -C "$REPO" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$REPO" && git ls-files -co --exclude-standard -- pyproject.toml setup.py README.md LICENSE NOTICE fewshot_studio resources \
    | while read -r f; do [ -f "$f" ] && printf '%s\0' "$f"; done | xargs -0 cp --parents -t "$STAGE")
else
  (cd "$REPO" && cp -r --parents pyproject.toml setup.py README.md LICENSE NOTICE fewshot_studio resources "$STAGE")
  find "$STAGE" -name __pycache__ -prune -exec rm -rf {} +
fi

# 2. The build venv: torch first (CPU wheel), then the app's other dependencies (Qt's essentials only:
#    pyproject.toml asks for pyside6-essentials, not the meta-package with WebEngine & co.).
DEPS=$("$PYTHON" - "$STAGE/pyproject.toml" <<'PY'
import re, sys, tomllib
deps = tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]
out = []
for d in deps:
    name = re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower()
    if name == "torch":
        continue
    out.append(d)
print("\n".join(out))
PY
)
STAMP="$TORCH_SPEC|$DEPS|pyinstaller>=6.5,<7"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.fewshot-stamp" 2>/dev/null)" != "$STAMP" ]; then
  log "creating build venv $VENV (torch: ${TORCH_SPEC:-CPU index})"
  rm -rf "$VENV" && "$PYTHON" -m venv "$VENV"
  PIP=("$VENV/bin/python" -m pip install -q --disable-pip-version-check)
  if [ -n "$TORCH_SPEC" ]; then
    "${PIP[@]}" "$TORCH_SPEC"
  else
    "${PIP[@]}" torch --index-url "${FEWSHOT_TORCH_INDEX:-https://download.pytorch.org/whl/cpu}"
  fi
  # shellcheck disable=SC2086
  "${PIP[@]}" $(printf '%s\n' "$DEPS" | tr '\n' ' ') "pyinstaller>=6.5,<7"
  printf '%s' "$STAMP" > "$VENV/.fewshot-stamp"
else
  log "reusing build venv $VENV"
fi
log "installing the app from the staged copy"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall "$STAGE"
"$VENV/bin/python" -c "import torch; print('torch', torch.__version__, 'CUDA', torch.version.cuda)"

# 3. PyInstaller, one folder.
log "running PyInstaller ($NAME)"
rm -rf "${DIST:?}/$NAME"
mkdir -p "$WORK" && cd "$WORK"  # not the repo root: its sources and egg-info must not shadow the install
FEWSHOT_BUILD_NAME=$NAME FEWSHOT_RESOURCES=$STAGE/resources \
  "$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" "$REPO/packaging/fewshot-studio.spec"

# 4. What a Linux user needs beside the binary: desktop entry, icons, a per-user installer.
APP=$DIST/$NAME
cp "$REPO/resources/fewshot-studio.desktop" "$APP/"
cp "$REPO/packaging/install-desktop-entry.sh" "$APP/"
chmod +x "$APP/install-desktop-entry.sh"
log "built $APP: $(du -sh "$APP" | cut -f1)"

if [ "$SELFTEST" = 1 ]; then
  log "self-test of the built app"
  "$APP/fewshot-studio" --self-test
fi
if [ "$TARBALL" = 1 ]; then
  VERSION=$("$VENV/bin/python" -c "from importlib.metadata import version; print(version('fewshot-studio'))")
  TAR=$DIST/$NAME-$VERSION-linux-x86_64.tar.gz
  log "packing $TAR"
  tar -C "$DIST" -czf "$TAR" "$NAME"
  log "tarball: $(du -sh "$TAR" | cut -f1)"
fi
rm -rf "$STAGE"
[ "${FEWSHOT_KEEP_WORK:-0}" = 1 ] || rm -rf "$WORK"  # PyInstaller's work folder (FEWSHOT_KEEP_WORK=1 keeps it)
log "done"
