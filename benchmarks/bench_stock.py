"""Stock benchmarks on a SQLite file; one JSON object per figure.

1. Scan to committed move: a barcode is looked up and one unit is received into
   a bin, committed (synchronous=FULL), N times; p50 and p99 in milliseconds
   (wall, and CPU time of this process), through ShopDesk's services and with
   bare sqlite3 doing the move insert plus the conditional balance update.
   Goal: services p99 < 5 ms.
   A third line runs the services with another connection held open, which
   shows what SQLite's checkpoint when the last connection closes costs (the
   engine opens a fresh connection per unit of work on a file).
2. Scan that reserves: a barcode is looked up and one unit in a bin is reserved for
   a sales order (Inventory.reserve: Ledger.reserve, the conditional UPDATE of the
   balance and the order's reservation row that allocating an order uses, see
   services/order_stock.py), committed, N times; against bare sqlite3 doing an insert
   plus the conditional UPDATE of the reserved quantity (synchronous=FULL, one
   transaction each), in the same run. Goal: services p99 < 5 ms.
3. Receipt of a 1,000-line purchase order as a clerk books it: Purchasing.receive of an
   ordered PO (plan, the lines' received quantities, moves, balances, valuation, receipt
   lines, the PO's state and audit, waiting orders) against bare SQLAlchemy Core writing
   the same 1,000 moves and the same balances (a multi-row insert plus an upsert of the
   balances, one transaction), timed like ours from the lines' figures in memory (building
   the statement parameters included); best of 5 each, wall and CPU time. Goal: ratio <= 3.
   The ratio to the baseline before (the moves alone, parameters built untimed) is printed too.
4. The bulk receiving path alone (Inventory.receive_many of 1,000 lines, no purchase
   order) against the same bare moves and balances.

usage: python benchmarks/bench_stock.py [SCANS]   (default 300)
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from shopdesk.db.models import Barcode, Product, StockBalance, StockMove
from shopdesk.db.models.base import utcnow
from shopdesk.domain.barcodes import with_check_digit
from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.purchasing import PoLineDraft, ReceiptLine
from shopdesk.services.shop import Shop
from shopdesk.services.stock_bulk import ReceiptLine as BulkLine
from shopdesk.services.stock_ledger import SourceDoc

Samples = tuple[list[float], list[float]]  # wall and CPU milliseconds, one of each per scan


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def make_shop(folder: Path, products: int) -> tuple[Shop, list[int], list[str]]:
    shop, _ = Shop.open(str(folder / "stock.sqlite"), user="bench")
    shop.locations.create_warehouse("WH1")
    shop.locations.create_zone("WH1", "A")
    shop.locations.create_bin("WH1/A", "A-01")
    now = utcnow()
    codes = [with_check_digit(f"690{n:09d}") for n in range(products)]
    with shop.db.engine.begin() as conn:
        conn.execute(
            insert(Product.__table__),
            [
                {
                    "sku": f"B-{n:05d}",
                    "sku_key": f"B-{n:05d}",
                    "name": f"Bench {n}",
                    "tags": [],
                    "search_text": "",
                    "cost": 320,
                    "created_at": now,
                    "updated_at": now,
                }
                for n in range(products)
            ],
        )
        ids = list(conn.execute(select(Product.id).order_by(Product.id)).scalars())
        conn.execute(
            insert(Barcode.__table__),
            [{"product_id": pid, "code": code, "kind": "ean13"} for pid, code in zip(ids, codes, strict=True)],
        )
    return shop, ids, codes


def scans_through_services(shop: Shop, codes: list[str], scans: int) -> Samples:
    wall, cpu = [], []
    for n in range(scans):
        started, started_cpu = time.perf_counter(), time.process_time()
        # The service takes the scanned code itself: lookup and move in one unit of work.
        shop.inventory.receive(codes[n % len(codes)], 1, "WH1/A/A-01", unit_cost=320)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def reserving_scans(shop: Shop, codes: list[str], scans: int, first_order: int) -> Samples:
    """Each scan reserves one unit of the scanned product in the bin for its own sales order."""
    wall, cpu = [], []
    for n in range(scans):
        order = SourceDoc("sales_order", first_order + n, f"SO-B{first_order + n:06d}")
        started, started_cpu = time.perf_counter(), time.process_time()
        shop.inventory.reserve(codes[n % len(codes)], 1, "WH1/A/A-01", order)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def bare_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE move (id INTEGER PRIMARY KEY, product_id INT, loc INT, qty INT, value INT, at TEXT)")
    conn.execute(
        "CREATE TABLE balance (product_id INT, loc INT, on_hand INT, reserved INT, PRIMARY KEY (product_id, loc))"
    )
    conn.executemany("INSERT INTO balance VALUES (?, 1, 1000000, 0)", [(p,) for p in range(100)])
    return conn


def _bare_scans(path: Path, scans: int, value: int, update: str) -> Samples:
    """Each scan: a move row inserted and one conditional UPDATE of the balance, committed (synchronous=FULL)."""
    conn = bare_connection(path)
    wall, cpu = [], []
    for n in range(scans):
        started, started_cpu = time.perf_counter(), time.process_time()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO move (product_id, loc, qty, value, at) VALUES (?, 1, 1, ?, datetime('now'))", (n % 100, value)
        )
        cur = conn.execute(update, (n % 100,))
        assert cur.rowcount == 1
        conn.execute("COMMIT")
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    conn.close()
    return wall, cpu


def scans_bare(path: Path, scans: int) -> Samples:
    """The bare work of a receiving/shipping scan: the move and the on-hand UPDATE."""
    update = "UPDATE balance SET on_hand = on_hand - 1 WHERE product_id = ? AND loc = 1 AND on_hand - reserved >= 1"
    return _bare_scans(path, scans, 320, update)


def reserving_scans_bare(path: Path, scans: int) -> Samples:
    """The bare work of a reserving scan: a row inserted and the conditional UPDATE of `reserved`, committed."""
    update = "UPDATE balance SET reserved = reserved + 1 WHERE product_id = ? AND loc = 1 AND on_hand - reserved >= 1"
    return _bare_scans(path, scans, 0, update)


def latency_figure(benchmark: str, name: str, samples: Samples) -> dict[str, object]:
    wall, cpu = samples
    return {
        "benchmark": benchmark,
        "path": name,
        "database": "sqlite file, WAL, synchronous=FULL",
        "scans": len(wall),
        "p50_ms": round(statistics.median(wall), 2),
        "p99_ms": round(percentile(wall, 99), 2),
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "cpu_p99_ms": round(percentile(cpu, 99), 2),
        "goal_p99_ms": 5,
    }


def bare_receipt(bare: Engine, supplier: int, moves: list[tuple[int, int, int, int]]) -> tuple[float, float, float]:
    """Bare SQLAlchemy Core writing what a receipt must: the moves (product, bin, quantity, value) and the
    balances they change (an upsert per product and bin), in one committed transaction; (wall, CPU) seconds.

    Timed from the same figures in memory as ours (product, bin, quantity, value per line): building the
    statement parameters is part of the bare program's work, as building them is part of ours. The third
    figure is the wall time without building them (the statements and the commit alone).
    """
    upsert = sqlite_insert(StockBalance.__table__)
    upsert = upsert.on_conflict_do_update(
        index_elements=["product_id", "location_id"],
        set_={"on_hand": StockBalance.__table__.c.on_hand + upsert.excluded.on_hand},
    )
    started, started_cpu = time.perf_counter(), time.process_time()
    now = utcnow()
    rows = [
        {
            "product_id": product_id,
            "from_location_id": supplier,
            "to_location_id": bin_id,
            "quantity": quantity,
            "value": value,
            "kind": "receipt",
            "reason": "",
            "source_type": "",
            "source_id": None,
            "source_number": "",
            "origin_move_id": None,
            "user": "bench",
            "moved_at": now,
        }
        for product_id, bin_id, quantity, value in moves
    ]
    per_balance: dict[tuple[int, int], int] = {}
    for product_id, bin_id, quantity, _ in moves:
        per_balance[(product_id, bin_id)] = per_balance.get((product_id, bin_id), 0) + quantity
    balances = [
        {"product_id": p, "location_id": loc, "on_hand": q, "reserved": 0}
        for (p, loc), q in sorted(per_balance.items())
    ]
    built = time.perf_counter()
    with bare.begin() as conn:
        conn.execute(insert(StockMove.__table__), rows)
        conn.execute(upsert, balances)
    done = time.perf_counter()
    return done - started, time.process_time() - started_cpu, done - built


def bare_moves_only(bare: Engine, supplier: int, moves: list[tuple[int, int, int, int]]) -> float:
    """The baseline before, unchanged: the moves alone, no balances, parameters built before the clock starts
    (wall seconds); printed for comparison."""
    now = utcnow()
    rows = [
        {
            "product_id": product_id,
            "from_location_id": supplier,
            "to_location_id": bin_id,
            "quantity": quantity,
            "value": value,
            "kind": "receipt",
            "reason": "",
            "source_type": "",
            "source_id": None,
            "source_number": "",
            "origin_move_id": None,
            "user": "bench",
            "moved_at": now,
        }
        for product_id, bin_id, quantity, value in moves
    ]
    started = time.perf_counter()
    with bare.begin() as conn:
        conn.execute(insert(StockMove.__table__), rows)
    return time.perf_counter() - started


def _figure(
    name: str,
    lines: int,
    ours: list[tuple[float, float]],
    baseline: list[tuple[float, float, float]],
    moves_only: list[float],
) -> dict[str, object]:
    wall, cpu = min(t for t, _ in ours), min(c for _, c in ours)
    base_wall, base_cpu = min(t for t, _, _ in baseline), min(c for _, c, _ in baseline)
    statements_only = min(t for _, _, t in baseline)
    return {
        "benchmark": name,
        "lines": lines,
        "database": "sqlite file",
        "baseline": "bare SQLAlchemy Core: insert of the same moves + upsert of the same balances, one transaction",
        "runs": len(ours),
        "shopdesk_ms": round(wall * 1000, 1),
        "shopdesk_cpu_ms": round(cpu * 1000, 1),
        "bare_core_ms": round(base_wall * 1000, 1),
        "bare_core_cpu_ms": round(base_cpu * 1000, 1),
        "ratio": round(wall / base_wall, 2),
        "cpu_ratio": round(cpu / base_cpu, 2),
        "goal_ratio": 3,
        "met": wall / base_wall <= 3,
        "bare_core_statements_only_ms": round(statements_only * 1000, 1),
        "ratio_to_statements_only": round(wall / statements_only, 2),
        "bare_core_moves_only_ms": round(min(moves_only) * 1000, 1),
        "ratio_to_moves_only": round(wall / min(moves_only), 2),
    }


def purchase_order(shop: Shop, ids: list[int], lines: int, rounds: int = 5) -> dict[str, object]:
    """Purchasing.receive of a `lines`-line ordered purchase order, everything into one bin."""
    with contextlib.suppress(ShopDeskError):  # already there (a second call)
        shop.parties.create_supplier(SupplierDraft("BENCH", "Bench supplier"))
    supplier, bin_a = shop.locations.resolve("supplier").id, shop.locations.resolve("WH1/A/A-01").id
    wanted = [(ids[n % len(ids)], 1 + n % 7) for n in range(lines)]
    same_moves = [(p, bin_a, q, q * 320) for p, q in wanted]
    bare = create_engine(shop.db.url)  # a plain engine: no ShopDesk code between us and SQLite
    ours, baseline, moves_only = [], [], []
    for _ in range(rounds):
        number = shop.purchasing.create("BENCH", [PoLineDraft(p, q, unit_cost=320) for p, q in wanted])
        shop.purchasing.order(number)
        delivery = [ReceiptLine(n + 1, q, "WH1/A/A-01") for n, (_, q) in enumerate(wanted)]
        started, started_cpu = time.perf_counter(), time.process_time()
        result = shop.purchasing.receive(number, delivery)
        ours.append((time.perf_counter() - started, time.process_time() - started_cpu))
        assert result.status == "received" and len(result.moves) == lines
        baseline.append(bare_receipt(bare, supplier, same_moves))
        moves_only.append(bare_moves_only(bare, supplier, same_moves))
    bare.dispose()
    return _figure("stock receipt of a purchase order (Purchasing.receive)", lines, ours, baseline, moves_only)


def bulk_receipt(shop: Shop, ids: list[int], lines: int, rounds: int = 5) -> dict[str, object]:
    """The bulk receiving path alone: Inventory.receive_many of `lines` lines, no purchase order."""
    order = [BulkLine(ids[n % len(ids)], 1 + n % 7, "WH1/A/A-01", (1 + n % 7) * 320) for n in range(lines)]
    supplier, bin_a = shop.locations.resolve("supplier").id, shop.locations.resolve("WH1/A/A-01").id
    same_moves = [(ln.product_id, bin_a, ln.quantity, ln.value) for ln in order]
    bare = create_engine(shop.db.url)
    ours, baseline, moves_only = [], [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        shop.inventory.receive_many(order)
        ours.append((time.perf_counter() - started, time.process_time() - started_cpu))
        baseline.append(bare_receipt(bare, supplier, same_moves))
        moves_only.append(bare_moves_only(bare, supplier, same_moves))
    bare.dispose()
    return _figure("bulk receipt without a purchase order (Inventory.receive_many)", lines, ours, baseline, moves_only)


def main(scans: int) -> None:
    scan_move = "stock scan to committed move"
    scan_reserve = "stock scan that reserves for an order"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shop, ids, codes = make_shop(folder, 1000)
        scans_through_services(shop, codes, 20)  # warm up: statement caches, first pages
        print(json.dumps(latency_figure(scan_move, "shopdesk services", scans_through_services(shop, codes, scans))))
        keeper = sqlite3.connect(folder / "stock.sqlite")
        keeper.execute("SELECT 1 FROM product LIMIT 1").fetchall()
        samples = scans_through_services(shop, codes, scans)
        keeper.close()
        print(json.dumps(latency_figure(scan_move, "shopdesk services, another connection held open", samples)))
        print(json.dumps(latency_figure(scan_move, "bare sqlite3", scans_bare(folder / "bare.sqlite", scans))))
        # Enough on the shelf for every reserving scan, then the same warm-up.
        shop.inventory.receive_many([BulkLine(pid, 1000, "WH1/A/A-01", 1000 * 320) for pid in ids])
        reserving_scans(shop, codes, 20, first_order=1)
        samples = reserving_scans(shop, codes, scans, first_order=1000)
        print(json.dumps(latency_figure(scan_reserve, "shopdesk services (Inventory.reserve)", samples)))
        samples = reserving_scans_bare(folder / "bare-reserve.sqlite", scans)
        print(json.dumps(latency_figure(scan_reserve, "bare sqlite3", samples)))
        print(json.dumps(purchase_order(shop, ids, 1000)))
        print(json.dumps(bulk_receipt(shop, ids, 1000)))
        shop.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
