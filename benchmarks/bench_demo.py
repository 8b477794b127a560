"""How long `shopdesk demo --products 100000` takes on a fresh SQLite file.

usage: python benchmarks/bench_demo.py [PRODUCTS]   (default 100000)
Prints one JSON object: wall-clock seconds for the whole command (migration included), the CPU
seconds it used (the steadier figure on a busy machine) and product rows per second.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from shopdesk.cli import main as shopdesk


def run(products: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite"
        out, err = io.StringIO(), io.StringIO()
        started, cpu_started = time.perf_counter(), time.process_time()
        with redirect_stdout(out), redirect_stderr(err):
            status = shopdesk(["--db", str(db), "demo", "--products", str(products), "--json"])
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        if status != 0:
            raise SystemExit(f"shopdesk demo failed ({status}): {err.getvalue()}")
        summary = json.loads(out.getvalue())
        size_mb = db.stat().st_size / 1e6
    return {
        "benchmark": "shopdesk demo",
        "database": "sqlite",
        "products": summary["products"],
        "customers": summary["customers"],
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "generator_seconds": summary["seconds"],
        "product_rows_per_second": round(summary["products"] / seconds),
        "file_mb": round(size_mb, 1),
    }


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)))
