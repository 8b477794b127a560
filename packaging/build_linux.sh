#!/usr/bin/env bash
# Build the Linux one-folder bundle (dist/ShopDesk) with PyInstaller, report its size as JSON,
# then smoke-test the frozen binary: --version, a demo shop, the main window opened offscreen in
# English and in Chinese (ShopDesk's and Qt's translations from the bundle), and a label PDF in the
# bundled CJK font.
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
# Again in Chinese, as on a Chinese system (language setting "system"): ShopDesk's zh_CN
# translation and Qt's (OK, Cancel, ...) must load from inside the bundle; i18n logs each file.
before=$(wc -l <"$log")
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN timeout 120 "$app" gui --db "$work/demo.sqlite" --quit-after 2
zh_log=$(tail -n +"$((before + 1))" "$log")
internal="$OLDPWD/$bundle/_internal"
for qm in "$internal/shopdesk/resources/translations/shopdesk_zh_CN.qm" "$internal/PySide6/Qt/translations/qtbase_zh_CN.qm"; do
  if ! grep -qF "translation loaded: $qm" <<<"$zh_log"; then
    echo "the Chinese UI did not load $qm; the log of that run:" >&2
    echo "$zh_log" >&2
    exit 1
  fi
done
grep -q "opened sqlite" <<<"$zh_log"
if grep -q "unexpected error" "$log"; then  # e.g. a module or Qt library the bundle left out
  cat "$log" >&2
  exit 1
fi
# Shipping labels of the allocated demo orders (Chinese addresses): the PDF must embed the bundled
# CJK font (WenQuanYi Micro Hei), not a system font the documents fall back to.
"$app" --db "$work/demo.sqlite" labels --status allocated --size 100x150 -o "$work/labels.pdf"
test -s "$work/labels.pdf"
head -c 5 "$work/labels.pdf" | grep -q "%PDF-"
if ! grep -aq "WenQuanYi" "$work/labels.pdf"; then
  echo "labels.pdf does not embed the bundled CJK font (WenQuanYi Micro Hei)" >&2
  exit 1
fi
echo "labels.pdf: $(wc -c <"$work/labels.pdf") bytes, CJK font embedded"
# An Excel file through openpyxl, which writes with lxml.etree (the bundle keeps only that part of lxml).
"$app" --db "$work/demo.sqlite" export products "$work/products.xlsx"
test -s "$work/products.xlsx"
echo "frozen bundle smoke test: ok"
