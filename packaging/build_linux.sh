#!/usr/bin/env bash
# Build the Linux one-folder bundle (dist/ShopDesk) with PyInstaller, report its size as JSON,
# then smoke-test the frozen binary: --version, a demo shop, and the main window opened offscreen.
#
#     bash packaging/build_linux.sh            # uses `python` (CI: the activated venv)
#     PYTHON=/path/to/venv/bin/python bash packaging/build_linux.sh
#
# PyInstaller is a build tool, not a dependency of the app: it is installed here (pyproject's
# `packaging` extra) into the Python that builds.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python}
export QT_QPA_PLATFORM=offscreen

"$PYTHON" -c "import PyInstaller" 2>/dev/null || "$PYTHON" -m pip install -q "pyinstaller>=6"

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/shopdesk.spec
seconds=$(( $(date +%s) - start ))
bundle=dist/ShopDesk
mb=$(du -sm "$bundle" | cut -f1)
printf '{"bundle": "%s", "unpacked_mb": %s, "build_seconds": %s, "files": %s}\n' \
  "$bundle" "$mb" "$seconds" "$(find "$bundle" -type f | wc -l)"

echo "== smoke test of the frozen binary"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SHOPDESK_HOME="$work/home"  # settings, logs and print files of the test stay in here
cd "$work"  # away from the source tree: nothing may come from it
app="$OLDPWD/$bundle/ShopDesk"
"$app" --version
"$app" --db "$work/demo.sqlite" demo --products 50 --orders 30
"$app" --db "$work/demo.sqlite" db check
# The main window on that shop, offscreen; it closes itself 2 s after the shop has opened.
timeout 120 "$app" gui --db "$work/demo.sqlite" --quit-after 2
log="$SHOPDESK_HOME/data/logs/shopdesk.log"
grep -q "opened sqlite" "$log"
if grep -q "unexpected error" "$log"; then  # e.g. a module or Qt library the bundle left out
  cat "$log" >&2
  exit 1
fi
echo "frozen bundle smoke test: ok"
