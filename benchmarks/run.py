"""Run every benchmark script in this folder; each prints one JSON object per figure.

usage: python benchmarks/run.py [NAME ...]   (NAME: e.g. import, stock; default: all)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT_TIMEOUT = 3600  # seconds: the slowest script (100,000-row shops) takes minutes, never an hour


def main(names: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    failed = 0
    for script in scripts:
        try:
            result = subprocess.run(
                [sys.executable, str(script)], env=env, text=True, capture_output=True, timeout=SCRIPT_TIMEOUT
            )
        except subprocess.TimeoutExpired:
            failed += 1
            sys.stderr.write(f"{script.name} did not finish in {SCRIPT_TIMEOUT} s: stopped\n")
            continue
        sys.stdout.write(result.stdout)
        if result.returncode != 0:
            failed += 1
            sys.stderr.write(f"{script.name} failed:\n{result.stderr[-3000:]}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
