"""What a list's poll costs on the GUI thread: the change stamp (db/changes.py), quiet and after a save.

usage: python benchmarks/bench_change_stamp.py [POSTGRESQL_URL]
On PostgreSQL it works in a database of its own, made on that server and dropped after.
Prints one JSON object per database: microseconds per stamp() when nothing changed (the
every-3-seconds case), and for a stamp that has news to take in; plus the extra time a
writing unit of work spends telling the probes (PostgreSQL: one SELECT pg_notify at commit).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from shopdesk.db import migrate
from shopdesk.db.changes import ChangeProbe
from shopdesk.db.database import Database
from shopdesk.domain.catalogue import ProductDraft
from shopdesk.services.shop import Shop

QUIET_CALLS = 2000
SAVES = 50


def run(target: str, label: str) -> dict[str, object]:
    db = Database(target)
    migrate.upgrade(db)
    other = Shop(Database(target), user="other")
    probe = ChangeProbe(db)
    probe.stamp()
    started = time.perf_counter()
    for _ in range(QUIET_CALLS):
        probe.stamp()
    quiet_us = (time.perf_counter() - started) / QUIET_CALLS * 1e6
    with_news: list[float] = []
    save_ms: list[float] = []
    tag = time.time_ns()
    for n in range(SAVES):
        before = probe.stamp()
        t0 = time.perf_counter()
        other.catalogue.create_product(ProductDraft(sku=f"B{tag}-{n}", name="bench", price=100, cost=50))
        save_ms.append((time.perf_counter() - t0) * 1e3)
        while True:  # the news may still be on its way (PostgreSQL): time only the call that takes it in
            t0 = time.perf_counter()
            stamp = probe.stamp()
            if stamp != before:
                with_news.append((time.perf_counter() - t0) * 1e6)
                break
            time.sleep(0.001)
    probe.close()
    other.close()
    db.dispose()
    return {
        "benchmark": "change stamp",
        "database": label,
        "quiet_stamp_us": round(quiet_us, 1),
        "stamp_with_news_us_median": round(statistics.median(with_news), 1),
        "save_product_ms_median": round(statistics.median(save_ms), 2),
    }


@contextmanager
def scratch_database(server_url: str) -> Iterator[str]:
    """A new empty database on the server, dropped afterwards (the given database is never written)."""
    name = f"shopdesk_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(server_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(run(str(Path(tmp) / "bench.sqlite"), "sqlite")))
    if len(sys.argv) > 1:
        with scratch_database(sys.argv[1]) as url:
            print(json.dumps(run(url, "postgresql")))
