"""Benchmark: the Stock tab over 100,000 products and 1,000,000 stock moves; one JSON object per figure.

Figures (median over several tries; p90 and max printed too; "cpu" is this thread's CPU time,
steadier than wall time on a shared machine):
- first rows painted: from creating the Stock tab to its table's first paint
  with rows (goal < 300 ms); against a bare baseline in the same run: a plain
  QTableView over a QStandardItemModel filled from one bare sqlite3 query of
  the same first page (the same columns, sorted by SKU) and a bare count, from
  the view's creation to its first paint; the ratio of the two is printed;
- stock as of a date for the whole shop: quantity and value of everything
  owned at a past moment, summed from the ledger (goal < 2 s), for a date in
  the middle of the history and for now; against the same sum as one bare
  sqlite3 aggregate over the moves and their two locations (the answers are
  checked to agree), and the ratio;
- for information: the list filtered to "at or below the warning line" (a
  grouped query over the balances) and a page of it.

The shop is generated once with SQLAlchemy Core bulk inserts (products, bins,
a year of receipts, shipments and transfers, with balances and valuations
that agree with the moves) and kept in the temp folder.

The default is the full size: on a 2-core machine generating it takes under a minute
(once; the file is kept in the temp folder) and the figures about a minute more. A
smaller shop for a quick look: --products 20000 --moves 200000.

usage: python benchmarks/bench_stock_tab.py [--products N] [--moves N] [--db FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView
from sqlalchemy import insert

from shopdesk.db.models import Product, StockBalance, StockLevel, StockMove, StockValuation
from shopdesk.domain.stock import PHYSICAL_KINDS, STOCK_KINDS
from shopdesk.services.locations import virtual_location
from shopdesk.services.shop import Shop
from shopdesk.services.stock_levels import StockFilter, StockLevels
from shopdesk.ui.stock.tab import StockTab
from shopdesk.ui.tasks import TaskRunner

FIRST_ROWS_GOAL_MS = 300
AS_OF_GOAL_MS = 2000
BINS_PER_WAREHOUSE = 100
CHUNK = 50_000
START = datetime(2025, 11, 1, tzinfo=UTC)


class PaintWatch(QObject):
    def __init__(self, widget):  # type: ignore[no-untyped-def]
        super().__init__()
        self.painted = False
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event):  # type: ignore[no-untyped-def]
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False

    def wait(self, app: QApplication) -> None:
        self.painted = False
        while not self.painted:
            app.processEvents()


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def figure(
    name: str, samples: list[float], goal: float | None, cpu: list[float] | None = None, **extra: object
) -> dict[str, object]:
    result: dict[str, object] = {
        "figure": name,
        "value": ms(statistics.median(samples)),
        "unit": "ms",
        # CPU time of this thread (the work is all on it): steadier when other programs share the machine.
        "cpu": ms(statistics.median(cpu)) if cpu else None,
        "p90": ms(statistics.quantiles(samples, n=10, method="inclusive")[-1]) if len(samples) > 1 else None,
        "max": ms(max(samples)),
        "samples": len(samples),
    }
    if goal is not None:
        result["goal"] = f"< {goal} ms"
    result.update(extra)
    return result


def generate(path: Path, products: int, moves: int) -> None:
    """A shop with `products` products in 2 warehouses and `moves` moves over a year, balances matching."""
    rng = random.Random(7)
    shop, _ = Shop.open(str(path), user="bench")
    bins: list[int] = []
    for wh in ("WH1", "WH2"):
        shop.locations.create_warehouse(wh)
        shop.locations.create_zone(wh, "A")
        bins += [shop.locations.create_bin(f"{wh}/A", f"A-{n:03d}").id for n in range(BINS_PER_WAREHOUSE)]
    with shop.db.engine.begin() as conn:
        supplier = virtual_location(conn, "supplier").id
        customer = virtual_location(conn, "customer").id
        now = datetime.now(UTC)
        rows = [
            {
                "sku": f"BK-{n:06d}",
                "sku_key": f"BK-{n:06d}",
                "name": f"Bench product {n}",
                "alt_name": "",
                "description": "",
                "unit": "piece",
                "price": 1000 + n % 5000,
                "cost": 400 + n % 2000,
                "status": "listed",
                "tags": [],
                "archived": False,
                "is_parent": False,
                "variant_label": "",
                "search_text": f"bench product {n}\x1fbk-{n:06d}",
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for n in range(products)
        ]
        for start in range(0, len(rows), CHUNK):
            conn.execute(insert(Product.__table__), rows[start : start + CHUNK])
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id, cost FROM product ORDER BY id")]
        costs = dict(conn.exec_driver_sql("SELECT id, cost FROM product").all())
        home = {pid: bins[i % len(bins)] for i, pid in enumerate(ids)}
        balance: dict[tuple[int, int], int] = {}
        per_move = max(1, moves // products)
        span = (now - START).total_seconds()
        batch: list[dict[str, object]] = []
        for pid in ids:
            cost = costs[pid]
            where = home[pid]
            on_hand = 0
            times = sorted(START + timedelta(seconds=rng.random() * span) for _ in range(per_move))
            for k, at in enumerate(times):
                if k == 0 or on_hand < 3 or rng.random() < 0.15:
                    qty, src, dst, kind = rng.randint(20, 80), supplier, where, "receipt"
                    on_hand += qty
                elif rng.random() < 0.1:
                    other = bins[(bins.index(where) + 1) % len(bins)]
                    qty, src, dst, kind = rng.randint(1, on_hand), where, other, "transfer"
                    balance[(pid, other)] = balance.get((pid, other), 0) + qty
                    on_hand -= qty
                else:
                    qty, src, dst, kind = rng.randint(1, min(3, on_hand)), where, customer, "shipment"
                    on_hand -= qty
                batch.append(
                    {
                        "product_id": pid,
                        "from_location_id": src,
                        "to_location_id": dst,
                        "quantity": qty,
                        "value": qty * cost,
                        "kind": kind,
                        "reason": "",
                        "source_type": "",
                        "source_id": None,
                        "source_number": "",
                        "origin_move_id": None,
                        "user": "bench",
                        "moved_at": at,
                    }
                )
            balance[(pid, where)] = balance.get((pid, where), 0) + on_hand
            if len(batch) >= CHUNK:
                conn.execute(insert(StockMove.__table__), batch)
                batch = []
        if batch:
            conn.execute(insert(StockMove.__table__), batch)
        owned: dict[int, int] = {}
        for (pid, _loc), qty in balance.items():
            owned[pid] = owned.get(pid, 0) + qty
        balances = [
            {"product_id": p, "location_id": loc, "on_hand": q, "reserved": 0} for (p, loc), q in balance.items()
        ]
        for start in range(0, len(balances), CHUNK):
            conn.execute(insert(StockBalance.__table__), balances[start : start + CHUNK])
        conn.execute(
            insert(StockValuation.__table__),
            [
                {"product_id": p, "quantity": q, "value": q * costs[p], "last_in_qty": 0, "last_in_value": 0}
                for p, q in owned.items()
            ],
        )
        conn.execute(
            insert(StockLevel.__table__),
            [{"product_id": p, "safety_stock": 10, "warning_line": 25} for p in ids[::10]],
        )
    shop.close()


def bench_shop(products: int, moves: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"shopdesk-bench-stock-{products}-{moves}.sqlite"
    if not path.exists():
        part = path.with_name(path.name + ".part")
        for leftover in part.parent.glob(part.name + "*"):
            leftover.unlink()
        generate(part, products, moves)
        part.rename(path)
    return path


def first_rows(app: QApplication, shop: Shop, runner: TaskRunner, tries: int) -> tuple[list[float], list[float], str]:
    samples, cpu, first = [], [], ""
    for _ in range(tries):
        started, started_cpu = time.perf_counter(), time.thread_time()
        tab = StockTab(shop, runner, "en")
        watch = PaintWatch(tab.table.viewport())
        tab.resize(1200, 700)
        tab.show()
        watch.wait(app)
        samples.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
        assert tab.model.rowCount() > 0
        first = str(tab.model.index(0, 0).data())
        tab.close()
        tab.deleteLater()
        app.processEvents()
    return samples, cpu, first


# The bare baseline's first page: what the Stock tab shows (SKU, name, category, on hand, reserved,
# available, warning line, value) for the first 200 listed products by SKU, in one query.
PHYSICAL_IN = ", ".join(f"'{kind}'" for kind in sorted(PHYSICAL_KINDS))
STOCK_IN = ", ".join(f"'{kind}'" for kind in sorted(STOCK_KINDS))
BARE_PAGE = f"""
WITH page AS (SELECT id, sku, name, category_id, sku_key FROM product
              WHERE archived = 0 AND is_parent = 0 ORDER BY sku_key, id LIMIT 200)
SELECT p.sku, p.name, coalesce(c.path, ''), coalesce(b.on_hand, 0), coalesce(b.reserved, 0),
       coalesce(l.warning_line, 0), coalesce(v.value, 0)
FROM page AS p
LEFT JOIN category AS c ON c.id = p.category_id
LEFT JOIN stock_level AS l ON l.product_id = p.id
LEFT JOIN stock_valuation AS v ON v.product_id = p.id
LEFT JOIN (SELECT sb.product_id, sum(sb.on_hand) AS on_hand, sum(sb.reserved) AS reserved
           FROM stock_balance AS sb JOIN location AS loc ON loc.id = sb.location_id
           WHERE sb.product_id IN (SELECT id FROM page) AND loc.kind IN ({PHYSICAL_IN})
           GROUP BY sb.product_id) AS b ON b.product_id = p.id
ORDER BY p.sku_key, p.id
"""
BARE_COUNT = "SELECT count(*) FROM product WHERE archived = 0 AND is_parent = 0"
# Stock as of a date, bare: +quantity for a move into owned stock from outside, -quantity for one leaving it.
CROSSING = f"""CASE WHEN d.kind IN ({STOCK_IN}) AND s.kind NOT IN ({STOCK_IN}) THEN 1
     WHEN s.kind IN ({STOCK_IN}) AND d.kind NOT IN ({STOCK_IN}) THEN -1 ELSE 0 END"""
BARE_AS_OF = f"""
SELECT coalesce(sum(({CROSSING}) * m.quantity), 0), coalesce(sum(({CROSSING}) * m.value), 0)
FROM stock_move AS m JOIN location AS s ON s.id = m.from_location_id JOIN location AS d ON d.id = m.to_location_id
WHERE m.moved_at <= ?
"""
HEADERS = ["SKU", "Name", "Category", "On hand", "Reserved", "Available", "Warning line", "Value"]


def bare_first_rows(app: QApplication, db: Path, tries: int) -> tuple[list[float], list[float], str]:
    """A plain QTableView over a QStandardItemModel fed by one bare query of the first page (and a count)."""
    conn = sqlite3.connect(db)  # opened once, as the shop's engine is
    samples, cpu = [], []
    for _ in range(tries):
        started, started_cpu = time.perf_counter(), time.thread_time()
        count = conn.execute(BARE_COUNT).fetchone()[0]
        rows = conn.execute(BARE_PAGE).fetchall()
        model = QStandardItemModel(len(rows), len(HEADERS))
        model.setHorizontalHeaderLabels(HEADERS)
        for r, (sku, name, category, on_hand, reserved, line, value) in enumerate(rows):
            cells = (sku, name, category, on_hand, reserved, on_hand - reserved, line or "", f"{value / 100:,.2f}")
            for c, cell in enumerate(cells):
                model.setItem(r, c, QStandardItem(str(cell)))
        view = QTableView()
        view.setModel(model)
        watch = PaintWatch(view.viewport())
        view.resize(1200, 700)
        view.show()
        watch.wait(app)
        samples.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
        assert model.rowCount() > 0 and count >= model.rowCount()
        view.close()
        view.deleteLater()
        app.processEvents()
    conn.close()
    return samples, cpu, model.item(0, 0).text()


def bare_as_of(db: Path, at: datetime) -> tuple[int, int]:
    """The whole shop's stock at `at` as one bare sqlite3 aggregate (moved_at as SQLAlchemy stores it: UTC text)."""
    conn = sqlite3.connect(db)
    try:
        qty, value = conn.execute(BARE_AS_OF, (at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),)).fetchone()
    finally:
        conn.close()
    return int(qty), int(value)


def ratio(ours: list[float], bare: list[float]) -> float:
    return round(statistics.median(ours) / statistics.median(bare), 2)


def timed(work, tries: int) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    samples, cpu = [], []
    for _ in range(tries):
        started, started_cpu = time.perf_counter(), time.thread_time()
        work()
        samples.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
    return samples, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--moves", type=int, default=1_000_000)
    parser.add_argument("--db", help="an existing shop to use instead of generating one")
    options = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SHOPDESK_HOME"] = tempfile.mkdtemp()
    target = options.db or str(bench_shop(options.products, options.moves))
    if not Path(target).is_file():
        parser.error(f"--db {target}: the bare baselines read the shop's SQLite file; give its path")
    app = QApplication(sys.argv[:1])
    shop, _ = Shop.open(target, upgrade=options.db is None)
    runner = TaskRunner()
    with shop.db.read() as conn:
        counts = {
            "products": conn.exec_driver_sql("SELECT count(*) FROM product").scalar(),
            "moves": conn.exec_driver_sql("SELECT count(*) FROM stock_move").scalar(),
            "bins": conn.exec_driver_sql("SELECT count(*) FROM location WHERE kind = 'bin'").scalar(),
        }
    painted, cpu, first = first_rows(app, shop, runner, 7)
    bare_painted, bare_cpu, bare_first = bare_first_rows(app, Path(target), 7)
    assert first == bare_first, f"the bare page must start where the tab does: {first} / {bare_first}"
    print(
        json.dumps(
            figure(
                "stock tab: first rows painted",
                painted,
                FIRST_ROWS_GOAL_MS,
                cpu,
                **counts,
                bare_ms=ms(statistics.median(bare_painted)),
                bare_cpu=ms(statistics.median(bare_cpu)),
                ratio=ratio(painted, bare_painted),
                cpu_ratio=ratio(cpu, bare_cpu),
            )
        )
    )
    print(json.dumps(figure("bare QTableView + QStandardItemModel: first rows painted", bare_painted, None, bare_cpu)))
    middle = START + (datetime.now(UTC) - START) / 2
    for label, at in (("mid-history", middle), ("now", datetime.now(UTC))):
        samples, cpu = timed(lambda at=at: shop.inventory.as_of(at), 5)
        bare, bare_cpu = timed(lambda at=at: bare_as_of(Path(target), at), 5)
        stock = shop.inventory.as_of(at)
        assert (stock.quantity, stock.value) == bare_as_of(Path(target), at), "the bare sum must give the same answer"
        print(
            json.dumps(
                figure(
                    f"stock as of a date, whole shop ({label})",
                    samples,
                    AS_OF_GOAL_MS,
                    cpu,
                    stock_quantity=stock.quantity,
                    stock_value=stock.value,
                    bare_ms=ms(statistics.median(bare)),
                    bare_cpu=ms(statistics.median(bare_cpu)),
                    ratio=ratio(samples, bare),
                    cpu_ratio=ratio(cpu, bare_cpu),
                )
            )
        )
    levels = StockLevels(shop)
    low = StockFilter(below_warning=True)
    for name, work in (
        ("stock list: count at or below the warning line", lambda: levels.count(low)),
        ("stock list: first page at or below the warning line", lambda: levels.page(low, 0, 200)),
        ("stock list: first page sorted by available", lambda: levels.page(StockFilter(sort="available"), 0, 200)),
    ):
        samples, cpu = timed(work, 5)
        print(json.dumps(figure(name, samples, None, cpu)))
    runner.shutdown()
    shop.close()


if __name__ == "__main__":
    main()
