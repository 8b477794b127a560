"""Reports: the month-end workbook of a big month, its memory as the month grows, and opening the Dashboard.

1. month_end_ratio: `Reports.month_end` for a month of 100,000 order lines (and as many
   shipment moves), against bare openpyxl in write-only mode (lxml installed) writing
   the same rows of the two big sheets (Sales, Stock movements) with the same number
   formats, from lists already in memory, in the same run. Ours includes reading the
   database and every other sheet. Goal: ≤ 1.5×.
2. month_end_memory: peak memory of a fresh process writing the workbook of a month
   with 10,000 and with 100,000 lines: resident (resource.getrusage) and what Python
   allocated (tracemalloc); the rows are streamed, so the growth should stay small.
3. dashboard_open: DashboardTab over 200,000 orders (benchmarks/bench_orders.py's shop),
   from creating the tab to the work to do on screen (goal: < 500 ms), and to the month's
   sales chart and best sellers on screen too (they read every order of the month).
The data are written with SQLAlchemy Core bulk inserts into SQLite files kept in the
temp folder between runs. "cpu" is process time, steadier than wall time on a busy machine.

usage: python benchmarks/bench_reports.py [--lines N] [--only ratio|memory|dashboard]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select

from shopdesk.db import migrate
from shopdesk.db.database import Database
from shopdesk.db.models import Customer, Location, Product, StockMove
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine

HERE = Path(__file__).resolve().parent
RATIO_GOAL = 1.5
DASHBOARD_GOAL_MS = 500
CHANNELS = ["taobao"] * 5 + ["jd"] * 2 + ["shopify", "manual"]


def report_month(now: datetime) -> tuple[str, datetime]:
    """The calendar month before this one, and its first moment (local time)."""
    first = now.astimezone().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    previous = (first - timedelta(days=1)).replace(day=1)
    return f"{previous:%Y-%m}", previous


def fill_month(path: Path, lines: int, seed: int = 11) -> None:
    """A shop whose previous month shipped `lines` order lines (2–3 per order), each with its shipment move."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = Database(str(path))
    migrate.upgrade(db)
    rng = random.Random(seed)
    _, start = report_month(datetime.now(UTC))
    opening = start - timedelta(days=3)
    with db.engine.begin() as conn:
        locations = dict(conn.execute(select(Location.path, Location.id)).all())
        conn.execute(insert(Location), [{"kind": "warehouse", "code": "WH1", "path": "WH1", "name": "WH1"}])
        wh = conn.execute(select(Location.id).where(Location.path == "WH1")).scalar_one()
        conn.execute(
            insert(Location),
            [{"kind": "bin", "code": "A-01", "path": "WH1/A-01", "parent_id": wh, "warehouse_id": wh, "name": ""}],
        )
        bin_id = conn.execute(select(Location.id).where(Location.path == "WH1/A-01")).scalar_one()
        supplier, customer = locations["@supplier"], locations["@customer"]
        products = [
            {"id": n, "sku": f"SKU-{n:05d}", "sku_key": f"SKU-{n:05d}", "name": f"纯棉短袖T恤 {n}", "price": 2000 + n % 80 * 100,
             "cost": 900 + n % 40 * 50, "status": "listed", "search_text": "", "created_at": opening, "updated_at": opening}
            for n in range(1, 2001)
        ]  # fmt: skip
        conn.execute(insert(Product), products)
        # Plenty of opening stock, so the valuation and the roll-forward have something to carry.
        conn.execute(
            insert(StockMove),
            [
                {"product_id": p["id"], "from_location_id": supplier, "to_location_id": bin_id, "quantity": 10_000,
                 "value": 10_000 * p["cost"], "kind": "opening", "reason": "opening stock", "moved_at": opening}
                for p in products
            ],
        )  # fmt: skip
        conn.execute(
            insert(Customer),
            [{"id": n, "name": f"客户{n}", "channel": "taobao", "tags": [], "version": 1} for n in range(1, 8001)],
        )
        order_id, written = 0, 0
        month_seconds = 27 * 86400
        while written < lines:
            orders, order_lines, moves = [], [], []
            for _ in range(2000):
                if written >= lines:
                    break
                order_id += 1
                shipped = start + timedelta(seconds=rng.randrange(month_seconds))
                count = min(rng.choice((2, 2, 3)), lines - written)
                goods = 0
                for line_no in range(1, count + 1):
                    p = products[rng.randrange(len(products))]
                    qty = rng.choice((1, 1, 2))
                    net, cost = qty * p["price"], qty * p["cost"]
                    goods += net
                    order_lines.append({"order_id": order_id, "line_no": line_no, "product_id": p["id"], "sku": p["sku"],
                                        "name": p["name"], "quantity": qty, "unit_price": p["price"], "discount": 0,
                                        "tax": 0, "net": net, "cost_of_goods": cost, "qty_shipped": qty,
                                        "qty_returned": 0, "qty_packed": qty, "channel_line_id": ""})  # fmt: skip
                    moves.append({"product_id": p["id"], "from_location_id": bin_id, "to_location_id": customer,
                                  "quantity": qty, "value": cost, "kind": "shipment", "source_type": "sales_order",
                                  "source_id": order_id, "source_number": f"SO-{order_id:07d}", "moved_at": shipped})  # fmt: skip
                written += count
                orders.append({"id": order_id, "number": f"SO-{order_id:07d}", "channel": rng.choice(CHANNELS),
                               "customer_id": rng.randrange(1, 8001), "status": "shipped", "hold_reasons": [],
                               "placed_at": shipped - timedelta(hours=6), "currency": "CNY", "goods_total": goods,
                               "total": goods + 800, "shipping_fee": 800, "platform_fee": goods // 50,
                               "payment_status": "paid", "paid_amount": goods + 800, "ship_name": "张三",
                               "shipped_at": shipped, "search_text": "", "version": 1,
                               "created_at": shipped, "updated_at": shipped})  # fmt: skip
            conn.execute(insert(SalesOrder), orders)
            conn.execute(insert(SalesOrderLine), order_lines)
            conn.execute(insert(StockMove), moves)
        conn.exec_driver_sql("ANALYZE")
    db.dispose()


def cached_month(lines: int) -> Path:
    month, _ = report_month(datetime.now(UTC))
    path = Path(tempfile.gettempdir()) / f"shopdesk-bench-month-{month}-{lines}-{migrate.head_revision()}.sqlite"
    if not path.exists():
        part = path.with_name(path.name + ".part")
        fill_month(part, lines)
        part.rename(path)
    return path


def _ours(db_path: Path, target: Path) -> tuple[float, float]:
    from shopdesk.services.reports import Reports
    from shopdesk.services.shop import Shop

    shop = Shop(Database(str(db_path)), user="bench")
    month, _ = report_month(datetime.now(UTC))
    wall, cpu = time.perf_counter(), time.process_time()
    Reports(shop).month_end(month, target)
    result = time.perf_counter() - wall, time.process_time() - cpu
    shop.close()
    return result


def _baseline_rows(db_path: Path) -> tuple[list[list], list[list], str]:  # type: ignore[type-arg]
    """The Sales and Stock movements rows as cell values, read before the clock starts."""
    from shopdesk.services.report_sales import sale_lines
    from shopdesk.services.report_stock import move_lines
    from shopdesk.services.shop import Shop

    shop = Shop(Database(str(db_path)), user="bench")
    _, start = report_month(datetime.now(UTC))
    end = (start + timedelta(days=32)).replace(day=1)

    def money(minor: int) -> Decimal:
        return Decimal(minor).scaleb(-2)

    with shop.db.read() as conn:
        sales = [
            [s.shipped_at.astimezone().date(), s.order, s.channel, s.customer, s.sku, s.name, s.quantity,
             money(s.unit_price), money(s.gross), money(s.discount), money(s.net), money(s.cost_of_goods),
             money(s.margin)]
            for s in sale_lines(conn, start, end, mask=False)
        ]  # fmt: skip
        moves = [
            [m.moved_at.astimezone().replace(tzinfo=None), m.kind, m.sku, m.name, m.from_path, m.to_path, m.quantity,
             money(m.value), money(m.stock_effect), m.source, m.user, m.reason]
            for m in move_lines(conn, start, end)
        ]  # fmt: skip
    shop.close()
    return sales, moves, '"CN¥"#,##0.00;-"CN¥"#,##0.00'


def _bare_openpyxl(sales: list[list], moves: list[list], money_format: str, target: Path) -> tuple[float, float]:  # type: ignore[type-arg]
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wall, cpu = time.perf_counter(), time.process_time()
    book = Workbook(write_only=True)
    for title, rows, formats in (
        ("Sales", sales, ["yyyy-mm-dd", None, None, None, None, None, "#,##0", *[money_format] * 6]),
        ("Stock movements", moves, ["yyyy-mm-dd hh:mm", None, None, None, None, None, "#,##0", money_format,
                                    money_format, None, None, None]),
    ):  # fmt: skip
        sheet = book.create_sheet(title)
        for values in rows:
            cells = []
            for value, number_format in zip(values, formats, strict=True):
                if number_format is None or value is None:
                    cells.append(value)
                else:
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = number_format
                    cells.append(cell)
            sheet.append(cells)
    book.save(target)
    return time.perf_counter() - wall, time.process_time() - cpu


def month_end_ratio(lines: int) -> dict:  # type: ignore[type-arg]
    db_path = cached_month(lines)
    with tempfile.TemporaryDirectory() as folder:
        sales, moves, money_format = _baseline_rows(db_path)
        bare_wall, bare_cpu = _bare_openpyxl(sales, moves, money_format, Path(folder) / "bare.xlsx")
        del sales, moves
        ours_wall, ours_cpu = _ours(db_path, Path(folder) / "ours.xlsx")
    return {
        "figure": "month_end_ratio",
        "order_lines": lines,
        "ours_s": round(ours_wall, 2),
        "ours_cpu_s": round(ours_cpu, 2),
        "bare_openpyxl_s": round(bare_wall, 2),
        "bare_openpyxl_cpu_s": round(bare_cpu, 2),
        "ratio": round(ours_wall / bare_wall, 2),
        "ratio_cpu": round(ours_cpu / bare_cpu, 2),
        "goal": f"<= {RATIO_GOAL}",
        "met": ours_cpu / bare_cpu <= RATIO_GOAL,
    }


def peak_memory_mb(lines: int) -> tuple[float, float]:
    """Peak resident memory, and peak memory Python allocated (tracemalloc), of a fresh process writing
    the month-end workbook of `lines` lines."""
    db_path = cached_month(lines)
    code = (
        "import resource, sys, tempfile, pathlib, tracemalloc\n"
        f"sys.path.insert(0, {str(HERE)!r})\n"
        "from bench_reports import _ours\n"
        "tracemalloc.start()\n"
        "with tempfile.TemporaryDirectory() as d:\n"
        f"    _ours(pathlib.Path({str(db_path)!r}), pathlib.Path(d) / 'm.xlsx')\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, tracemalloc.get_traced_memory()[1])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    rss_kib, traced = result.stdout.strip().splitlines()[-1].split()
    return int(rss_kib) / 1024, int(traced) / 2**20  # ru_maxrss is KiB on Linux


def month_end_memory(small: int, large: int) -> dict:  # type: ignore[type-arg]
    (low_rss, low_py), (high_rss, high_py) = peak_memory_mb(small), peak_memory_mb(large)
    return {
        "figure": "month_end_memory",
        "peak_rss_mb": {str(small): round(low_rss, 1), str(large): round(high_rss, 1)},
        "peak_python_mb": {str(small): round(low_py, 1), str(large): round(high_py, 1)},
        "growth_rss_mb": round(high_rss - low_rss, 1),
        "growth_python_mb": round(high_py - low_py, 1),
    }


def dashboard_open(orders: int = 200_000, tries: int = 5) -> dict:  # type: ignore[type-arg]
    sys.path.insert(0, str(HERE))
    from bench_orders import cached_shop
    from PySide6.QtWidgets import QApplication, QWidget

    from shopdesk.services.dashboard import Dashboard
    from shopdesk.services.shop import Shop
    from shopdesk.ui.dashboard.tab import DashboardTab
    from shopdesk.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    shop = Shop(Database(str(cached_shop(orders))), user="bench")
    parent = QWidget()
    runner = TaskRunner(parent)
    work_ms, sales_ms, open_ms, complete_ms = [], [], [], []
    for _ in range(tries):
        started = time.perf_counter()
        Dashboard(shop).work()
        work_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        Dashboard(shop).sales()
        sales_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        tab = DashboardTab(shop, runner, "en")
        tab.resize(1100, 650)
        tab.show()
        while tab.work is None:
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()
        open_ms.append((time.perf_counter() - started) * 1000)
        while tab.figures is None:
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()
        complete_ms.append((time.perf_counter() - started) * 1000)
        tab.close()
        tab.deleteLater()
    runner.shutdown()
    shop.close()
    return {
        "figure": "dashboard_open",
        "orders": orders,
        "open_median_ms": round(statistics.median(open_ms), 1),
        "open_max_ms": round(max(open_ms), 1),
        "with_sales_median_ms": round(statistics.median(complete_ms), 1),
        "work_query_median_ms": round(statistics.median(work_ms), 1),
        "sales_query_median_ms": round(statistics.median(sales_ms), 1),
        "goal_ms": DASHBOARD_GOAL_MS,
        "met": statistics.median(open_ms) < DASHBOARD_GOAL_MS,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--only", choices=["ratio", "memory", "dashboard"], help="one figure only")
    args = parser.parse_args()
    if args.only in (None, "ratio"):
        print(json.dumps(month_end_ratio(args.lines)), flush=True)
    if args.only in (None, "memory"):
        print(json.dumps(month_end_memory(args.lines // 10, args.lines)), flush=True)
    if args.only in (None, "dashboard"):
        print(json.dumps(dashboard_open()), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
