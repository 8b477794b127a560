"""Stock benchmarks on a SQLite file; one JSON object per figure.

1. Scan to committed move: a barcode is looked up and one unit is received into
   a bin, committed (synchronous=FULL), N times; p50 and p99 in milliseconds,
   through ShopDesk's services and with bare sqlite3 doing the move insert plus
   the conditional balance update. Goal: services p99 < 5 ms.
   A third line runs the services with another connection held open, which
   shows what SQLite's checkpoint when the last connection closes costs (the
   engine opens a fresh connection per unit of work on a file).
2. Receipt of a 1,000-line purchase order as a clerk books it: Purchasing.receive of an
   ordered PO (plan, the lines' received quantities, moves, balances, valuation, receipt
   lines, the PO's state and audit, waiting orders) against a bare SQLAlchemy Core insert
   of the same 1,000 moves; best of 3 each. Goal: ratio <= 3.
3. The bulk receiving path alone (Inventory.receive_many of 1,000 lines, no purchase
   order) against the same bare insert.

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

from sqlalchemy import create_engine, insert, select

from shopdesk.db.models import Barcode, Product, StockMove
from shopdesk.db.models.base import utcnow
from shopdesk.domain.barcodes import with_check_digit
from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.purchasing import PoLineDraft, ReceiptLine
from shopdesk.services.shop import Shop
from shopdesk.services.stock_bulk import ReceiptLine as BulkLine


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


def scans_through_services(shop: Shop, codes: list[str], scans: int) -> list[float]:
    samples = []
    for n in range(scans):
        started = time.perf_counter()
        # The service takes the scanned code itself: lookup and move in one unit of work.
        shop.inventory.receive(codes[n % len(codes)], 1, "WH1/A/A-01", unit_cost=320)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def scans_bare(path: Path, scans: int) -> list[float]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE move (id INTEGER PRIMARY KEY, product_id INT, loc INT, qty INT, value INT, at TEXT)")
    conn.execute(
        "CREATE TABLE balance (product_id INT, loc INT, on_hand INT, reserved INT, PRIMARY KEY (product_id, loc))"
    )
    conn.executemany("INSERT INTO balance VALUES (?, 1, 1000000, 0)", [(p,) for p in range(100)])
    samples = []
    for n in range(scans):
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO move (product_id, loc, qty, value, at) VALUES (?, 1, 1, 320, datetime('now'))", (n % 100,)
        )
        cur = conn.execute(
            "UPDATE balance SET on_hand = on_hand - 1 WHERE product_id = ? AND loc = 1 AND on_hand - reserved >= 1",
            (n % 100,),
        )
        assert cur.rowcount == 1
        conn.execute("COMMIT")
        samples.append((time.perf_counter() - started) * 1000)
    conn.close()
    return samples


def latency_figure(name: str, samples: list[float]) -> dict[str, object]:
    return {
        "benchmark": "stock scan to committed move",
        "path": name,
        "database": "sqlite file, WAL, synchronous=FULL",
        "scans": len(samples),
        "p50_ms": round(statistics.median(samples), 2),
        "p99_ms": round(percentile(samples, 99), 2),
        "goal_p99_ms": 5,
    }


def _bare_insert_ms(bare, supplier: int, bin_a: int, moves: list[tuple[int, int, int]]) -> float:  # type: ignore[no-untyped-def]
    """A plain Core insert of the same moves (product, quantity, value), committed: the baseline."""
    now = utcnow()
    rows = [
        {
            "product_id": product_id,
            "from_location_id": supplier,
            "to_location_id": bin_a,
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
        for product_id, quantity, value in moves
    ]
    started = time.perf_counter()
    with bare.begin() as conn:
        conn.execute(insert(StockMove.__table__), rows)
    return time.perf_counter() - started


def _figure(name: str, lines: int, ours: list[float], baseline: list[float]) -> dict[str, object]:
    return {
        "benchmark": name,
        "lines": lines,
        "database": "sqlite file",
        "shopdesk_ms": round(min(ours) * 1000, 1),
        "bare_core_insert_ms": round(min(baseline) * 1000, 1),
        "ratio": round(min(ours) / min(baseline), 2),
        "goal_ratio": 3,
    }


def purchase_order(shop: Shop, ids: list[int], lines: int, rounds: int = 3) -> dict[str, object]:
    """Purchasing.receive of a `lines`-line ordered purchase order, everything into one bin."""
    with contextlib.suppress(ShopDeskError):  # already there (a second call)
        shop.parties.create_supplier(SupplierDraft("BENCH", "Bench supplier"))
    supplier, bin_a = shop.locations.resolve("supplier").id, shop.locations.resolve("WH1/A/A-01").id
    wanted = [(ids[n % len(ids)], 1 + n % 7) for n in range(lines)]
    bare = create_engine(shop.db.url)  # a plain engine: no ShopDesk code between us and SQLite
    ours, baseline = [], []
    for _ in range(rounds):
        number = shop.purchasing.create("BENCH", [PoLineDraft(p, q, unit_cost=320) for p, q in wanted])
        shop.purchasing.order(number)
        delivery = [ReceiptLine(n + 1, q, "WH1/A/A-01") for n, (_, q) in enumerate(wanted)]
        started = time.perf_counter()
        result = shop.purchasing.receive(number, delivery)
        ours.append(time.perf_counter() - started)
        assert result.status == "received" and len(result.moves) == lines
        baseline.append(_bare_insert_ms(bare, supplier, bin_a, [(p, q, q * 320) for p, q in wanted]))
    bare.dispose()
    return _figure("stock receipt of a purchase order (Purchasing.receive)", lines, ours, baseline)


def bulk_receipt(shop: Shop, ids: list[int], lines: int, rounds: int = 3) -> dict[str, object]:
    """The bulk receiving path alone: Inventory.receive_many of `lines` lines, no purchase order."""
    order = [BulkLine(ids[n % len(ids)], 1 + n % 7, "WH1/A/A-01", (1 + n % 7) * 320) for n in range(lines)]
    supplier, bin_a = shop.locations.resolve("supplier").id, shop.locations.resolve("WH1/A/A-01").id
    bare = create_engine(shop.db.url)
    ours, baseline = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        shop.inventory.receive_many(order)
        ours.append(time.perf_counter() - started)
        baseline.append(
            _bare_insert_ms(bare, supplier, bin_a, [(ln.product_id, ln.quantity, ln.value) for ln in order])
        )
    bare.dispose()
    return _figure("bulk receipt without a purchase order (Inventory.receive_many)", lines, ours, baseline)


def main(scans: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shop, ids, codes = make_shop(folder, 1000)
        scans_through_services(shop, codes, 20)  # warm up: statement caches, first pages
        print(json.dumps(latency_figure("shopdesk services", scans_through_services(shop, codes, scans))))
        keeper = sqlite3.connect(folder / "stock.sqlite")
        keeper.execute("SELECT 1 FROM product LIMIT 1").fetchall()
        samples = scans_through_services(shop, codes, scans)
        keeper.close()
        print(json.dumps(latency_figure("shopdesk services, another connection held open", samples)))
        print(json.dumps(latency_figure("bare sqlite3", scans_bare(folder / "bare.sqlite", scans))))
        print(json.dumps(purchase_order(shop, ids, 1000)))
        print(json.dumps(bulk_receipt(shop, ids, 1000)))
        shop.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
