#!/usr/bin/env bash
# Proves a non-editable install works: build the wheel, install it into a fresh virtual
# environment, and run the app's commands from there (migrations and resources must be inside).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python -m pip wheel -q --no-deps -w "$work/dist" .
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q "$work"/dist/shopdesk-*.whl
cd "$work"  # away from the source tree, so nothing is imported from it
"$work/venv/bin/shopdesk" --version
"$work/venv/bin/shopdesk" --db "$work/wheel-check.sqlite" demo --products 200
"$work/venv/bin/shopdesk" --db "$work/wheel-check.sqlite" db check
echo "wheel check: ok"
