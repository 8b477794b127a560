"""Benchmark 3: import a 50,000-row product CSV with full validation, against the bare baseline.

The baseline reads the same file with the csv module and writes the same rows
(categories, products, barcodes) with SQLAlchemy Core executemany, with no
checks at all. Both run on a fresh migrated SQLite file in a temp folder.
Each is timed three times, alternating, and the best time counts. Prints one
JSON object per figure, with CPU time (cpu_s) beside wall time. Goal:
ShopDesk / baseline <= 2.

That baseline writes no search_text, so the FTS5 search index has nothing to
index, while ShopDesk indexes every product's text. A second baseline writes the
same search_text ShopDesk stores (computed before its clock starts); its
ratios are printed alongside, the goal's own figure stays the first one.

usage: python benchmarks/bench_import.py [ROWS]
"""

from __future__ import annotations

import csv
import itertools
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select

from shopdesk.db import migrate
from shopdesk.db.database import Database
from shopdesk.db.models import Barcode, Category, Product
from shopdesk.domain.barcodes import with_check_digit
from shopdesk.imports.search_keys import BulkSearchKeys
from shopdesk.services.product_import import ImportOptions, ProductImport
from shopdesk.services.shop import Shop

GOAL = 2.0
HEADINGS = ["货号", "名称", "英文名", "售价", "成本", "条码", "分类", "单位", "重量(g)", "状态", "标签", "规格"]
STYLES = [
    ("纯棉短袖T恤", "Cotton T-shirt", "服装/上衣/T恤"),
    ("修身牛仔裤", "Slim jeans", "服装/裤装/牛仔裤"),
    ("羊毛开衫", "Wool cardigan", "服装/上衣/毛衣"),
    ("陶瓷马克杯", "Ceramic mug", "家居/餐具/杯子"),
    ("不锈钢保温杯", "Steel flask", "家居/餐具/杯子"),
    ("无线蓝牙耳机", "Wireless earbuds", "数码/音频"),
    ("Linen shirt", "亚麻衬衫", "服装/上衣/衬衫"),
    ("Scented candle", "香薰蜡烛", "家居/装饰"),
]
COLOURS = ["黑色", "白色", "红色", "蓝色", "灰色", "绿色", "Navy", "Beige"]
SIZES = ["S", "M", "L", "XL", "XXL"]
STATUSES = ["上架"] * 7 + ["草稿", "下架"]


def write_catalogue(path: Path, rows: int, price_rise: int = 0) -> None:
    """A shop's product list as Chinese Excel saves it: UTF-8 with BOM, Chinese headings, one barcode each."""
    variants = itertools.cycle(itertools.product(range(len(STYLES)), COLOURS, SIZES))
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(HEADINGS)
        for n in range(1, rows + 1):
            style, colour, size = next(variants)
            name, alt, category = STYLES[style]
            price = 1990 + (n % 50) * 100 + price_rise
            writer.writerow(
                [
                    f"SD{n:06d}-{size}",
                    f"{name} {colour} {size} 第{n // 40}批",
                    alt,
                    f"{Decimal(price) / 100:.2f}",
                    f"{Decimal(price * 2 // 5) / 100:.2f}",
                    with_check_digit(f"69{n:010d}"),
                    category,
                    "件",
                    str(150 + n % 300),
                    STATUSES[n % len(STATUSES)],
                    "新品" if n % 3 == 0 else "",
                    f"{colour} / {size}",
                ]
            )


def fresh_database(path: Path) -> Database:
    db = Database(str(path))
    migrate.upgrade(db)
    return db


def baseline(csv_path: Path, db: Database, search_texts: dict[str, str] | None = None) -> tuple[float, float]:
    """csv module + Core executemany of the same rows, no validation: (wall, CPU) seconds.

    search_texts (SKU -> the search key ShopDesk stores, computed before the clock starts) makes the rows
    really the same: the search index (FTS5 trigram on SQLite) then indexes the same text. Without it the
    products have no search text and the index has nothing to do.
    """
    status_words = {"上架": "listed", "下架": "delisted", "草稿": "draft"}
    started, cpu = time.perf_counter(), time.process_time()
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    now = datetime.now(UTC)
    with db.engine.begin() as conn:
        category_ids: dict[str, int] = {}
        for path in sorted({p for r in rows for p in _prefixes(r[6])}):
            category_ids[path] = conn.execute(
                insert(Category).values(
                    parent_id=category_ids.get(path.rpartition("/")[0]), name=path.rpartition("/")[2], path=path
                )
            ).inserted_primary_key[0]
        products = [
            {
                "sku": r[0],
                "sku_key": r[0].upper(),
                "name": r[1],
                "alt_name": r[2],
                "price": int(Decimal(r[3]) * 100),
                "cost": int(Decimal(r[4]) * 100),
                "category_id": category_ids[r[6]],
                "unit": "piece",
                "weight_g": int(r[8]),
                "status": status_words[r[9]],
                "tags": [r[10]] if r[10] else [],
                "variant_label": r[11],
                "created_at": now,
                "updated_at": now,
            }
            for r in rows
        ]
        if search_texts:
            for product, r in zip(products, rows, strict=True):
                product["search_text"] = search_texts[r[0]]
        conn.execute(insert(Product.__table__), products)
        ids = dict(conn.execute(select(Product.sku_key, Product.id)).all())
        conn.execute(
            insert(Barcode.__table__),
            [{"product_id": ids[r[0].upper()], "code": r[5], "kind": "ean13"} for r in rows],
        )
    return time.perf_counter() - started, time.process_time() - cpu


def search_texts_of(csv_path: Path) -> dict[str, str]:
    """SKU -> the search key ShopDesk's import stores for that row (outside any timing)."""
    keys = BulkSearchKeys()
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    return {r[0]: keys.key([r[1].strip(), r[2].strip(), r[11].strip()], [r[0].strip(), r[5]]) for r in rows}


def _prefixes(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def shopdesk_import(csv_path: Path, db: Database) -> tuple[float, float, int]:
    """(wall, CPU) seconds and the rows written."""
    shop = Shop(db, user="bench")
    started, cpu = time.perf_counter(), time.process_time()
    result = ProductImport(shop).run(csv_path, ImportOptions())
    return time.perf_counter() - started, time.process_time() - cpu, result.created + result.updated


def emit(figure: str, value: float, unit: str, **extra: object) -> None:
    print(json.dumps({"benchmark": "import", "figure": figure, "value": round(value, 3), "unit": unit, **extra}))


def main(rows: int, repeats: int = 3) -> int:
    """Best of `repeats` runs of each, alternating, so other work on the machine distorts less.

    CPU time (time.process_time, this process only) is printed next to wall time: on a machine busy with
    other work, wall time swings with the load, CPU time much less.
    """
    base_times, our_times, again_times, keyed_times = [], [], [], []
    base_cpu, our_cpu, again_cpu, keyed_cpu = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="shopdesk-bench-import-") as tmp:
        folder = Path(tmp)
        csv_path = folder / "products.csv"
        write_catalogue(csv_path, rows)
        new_prices = folder / "new-prices.csv"
        write_catalogue(new_prices, rows, price_rise=100)
        search_texts = search_texts_of(csv_path)
        for attempt in range(repeats):
            base_db = fresh_database(folder / f"baseline-{attempt}.sqlite")
            seconds, cpu = baseline(csv_path, base_db)
            base_times.append(seconds)
            base_cpu.append(cpu)
            base_db.dispose()
            keyed_db = fresh_database(folder / f"baseline-keyed-{attempt}.sqlite")
            seconds, cpu = baseline(csv_path, keyed_db, search_texts)
            keyed_times.append(seconds)
            keyed_cpu.append(cpu)
            keyed_db.dispose()
            ours_db = fresh_database(folder / f"shopdesk-{attempt}.sqlite")
            seconds, cpu, written = shopdesk_import(csv_path, ours_db)
            assert written == rows, f"imported {written} of {rows} rows"
            our_times.append(seconds)
            our_cpu.append(cpu)
            seconds, cpu, updated = shopdesk_import(new_prices, ours_db)
            assert updated == rows
            again_times.append(seconds)
            again_cpu.append(cpu)
            ours_db.dispose()
    base, ours, again = min(base_times), min(our_times), min(again_times)
    emit("baseline_csv_core_executemany", base, "s", rows=rows, runs=repeats, cpu_s=round(min(base_cpu), 3))
    emit("shopdesk_import_products", ours, "s", rows=rows, runs=repeats, cpu_s=round(min(our_cpu), 3))
    emit("shopdesk_reimport_every_price_changed", again, "s", rows=rows, runs=repeats, cpu_s=round(min(again_cpu), 3))
    emit("ratio_to_baseline", ours / base, "x", rows=rows, goal=GOAL, met=ours / base <= GOAL)
    cpu_ratio = min(our_cpu) / min(base_cpu)
    emit("cpu_ratio_to_baseline", cpu_ratio, "x", rows=rows, goal=GOAL, met=cpu_ratio <= GOAL)
    # The same comparison with the baseline writing the same search text (so the index does the same work).
    keyed = min(keyed_times)
    emit("baseline_with_search_text", keyed, "s", rows=rows, runs=repeats, cpu_s=round(min(keyed_cpu), 3))
    emit("ratio_to_baseline_with_search_text", ours / keyed, "x", rows=rows, goal=GOAL, met=ours / keyed <= GOAL)
    keyed_cpu_ratio = min(our_cpu) / min(keyed_cpu)
    emit(
        "cpu_ratio_to_baseline_with_search_text",
        keyed_cpu_ratio,
        "x",
        rows=rows,
        goal=GOAL,
        met=keyed_cpu_ratio <= GOAL,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000))
