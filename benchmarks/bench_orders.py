"""The order list over 200,000 orders: first page, count, bucket counts, and the filter per keystroke.

The orders (about 400,000 lines, every state, 90 days, several channels) are
written with SQLAlchemy Core bulk inserts into a SQLite file kept in the temp
folder between runs. Each figure is the median over several tries (p90 and max
too), timed through the order services as the Orders tab calls them. Goal: the
queries behind one keystroke in the search field (OrderQueries.first_page: bucket
counts, count and first page) under 50 ms, typing phones, order numbers, buyers
and SKUs letter by letter; "before" is the same with the trigram index left unused
(the LIKE scan of every keystroke before migration 0012), measured in the same run,
and "baseline" the same answer from three separate queries searching all orders each
time. Texts under three characters are not indexed (a trigram needs three); their
keystrokes are reported apart too. "cpu" is the process time, steadier than the wall
time on a shared machine.

usage: python benchmarks/bench_orders.py [--orders N] [--db PATH|URL]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

from sqlalchemy import insert

from shopdesk.db import migrate, search_index
from shopdesk.db.database import Database
from shopdesk.db.models import Product
from shopdesk.db.models.orders import NumberSequence, SalesOrder, SalesOrderLine
from shopdesk.domain.search import search_key
from shopdesk.services.order_queries import OrderFilter
from shopdesk.services.shop import Shop

KEYSTROKE_GOAL_MS = 50
PAGE = 100
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟"]
CITIES = [("上海市", "上海市"), ("北京市", "北京市"), ("广东省", "广州市"), ("广东省", "深圳市"), ("浙江省", "杭州市"),
          ("江苏省", "南京市"), ("四川省", "成都市"), ("湖北省", "武汉市")]  # fmt: skip
CHANNELS = ["taobao"] * 5 + ["jd"] * 2 + ["shopify", "woocommerce", "manual", "phone"]
STATES = ["completed"] * 50 + ["shipped"] * 25 + ["delivered"] * 8 + ["allocated"] * 5 + ["packed", "picked"] + \
    ["on_hold"] * 3 + ["confirmed"] * 2 + ["cancelled"] * 3 + ["draft"]  # fmt: skip
# What a clerk types into the search field, one keystroke at a time: a phone, an order number, a buyer, a SKU.
TYPED = ["13812", "SO-0123", "zhang", "MUG-00", "李"]


@functools.cache
def _names_key(name: str) -> str:
    return search_key([name])  # pinyin once per distinct name, not once per order


def fill_orders(path: Path, count: int, seed: int = 7) -> None:
    """A fresh shop at path with `count` orders of 1-3 lines over 500 products."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = Database(str(path))
    migrate.upgrade(db)
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(microsecond=0)
    with db.engine.begin() as conn:
        products = [
            {"sku": f"MUG-{n:04d}", "sku_key": f"MUG-{n:04d}", "name": f"陶瓷马克杯 {n}", "price": 1990 + n % 50 * 100,
             "cost": 800, "status": "listed", "search_text": f"mug-{n:04d}", "created_at": now, "updated_at": now}
            for n in range(1, 501)
        ]  # fmt: skip
        conn.execute(insert(Product), products)
        skus = [(n, p["sku"], p["name"], p["price"]) for n, p in enumerate(products, start=1)]
        for start in range(0, count, 5000):
            orders, lines = [], []
            for n in range(start + 1, min(start + 5000, count) + 1):
                name = rng.choice(SURNAMES) + rng.choice(GIVEN)
                phone = f"1{rng.choice('35789')}{rng.randrange(10**9):09d}"
                province, city = rng.choice(CITIES)
                status = rng.choice(STATES)
                number = f"SO-{n:06d}"
                channel = rng.choice(CHANNELS)
                channel_no = None if channel in ("manual", "phone") else f"{channel[:2].upper()}{n:09d}"
                chosen = [rng.choice(skus) for _ in range(rng.choice((1, 1, 2, 3)))]
                goods = 0
                for line_no, (pid, sku, pname, price) in enumerate(chosen, start=1):
                    qty = rng.choice((1, 1, 1, 2, 3))
                    goods += qty * price
                    lines.append({"order_id": n, "line_no": line_no, "product_id": pid, "sku": sku, "name": pname,
                                  "quantity": qty, "unit_price": price, "discount": 0, "tax": 0, "net": qty * price,
                                  "cost_of_goods": 0, "qty_shipped": 0, "qty_returned": 0, "qty_packed": 0,
                                  "channel_line_id": ""})  # fmt: skip
                placed = now - timedelta(seconds=rng.randrange(90 * 86400))
                text = "\x1f".join(filter(None, [_names_key(name), number.casefold(), (channel_no or "").casefold(),
                                                 phone, *(s.casefold() for _, s, _, _ in chosen)]))  # fmt: skip
                orders.append({"id": n, "number": number, "channel": channel, "channel_order_no": channel_no,
                               "customer_id": None, "status": status, "hold_reasons": [], "placed_at": placed,
                               "currency": "CNY", "goods_total": goods, "discount_total": 0, "tax_total": 0,
                               "shipping_fee": 0, "platform_fee": 0, "total": goods, "payment_status": "paid",
                               "paid_amount": goods, "payment_method": "", "buyer_remark": "", "internal_note": "",
                               "ship_name": name, "ship_phone": phone, "ship_country": "CN", "ship_province": province,
                               "ship_city": city, "ship_district": "", "ship_street": f"幸福路{n % 999}号",
                               "ship_postcode": "", "warehouse_id": None, "carrier": "", "carrier_service": "",
                               "tracking_no": None, "weight_g": None, "search_text": text, "version": 1,
                               "created_at": placed, "updated_at": placed})  # fmt: skip
            conn.execute(insert(SalesOrder), orders)
            conn.execute(insert(SalesOrderLine), lines)
        conn.execute(insert(NumberSequence).values(name="sales_order", last_value=count))
        conn.exec_driver_sql("ANALYZE") if conn.dialect.name == "sqlite" else None
    db.dispose()


def cached_shop(count: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"shopdesk-bench-orders-{count}-{migrate.head_revision()}.sqlite"
    if not path.exists():
        part = path.with_name(path.name + ".part")
        fill_orders(part, count)
        part.rename(path)
    return path


def timed(call: Callable[[], Any], tries: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each try (on a busy machine the CPU time is the steadier figure)."""
    wall, cpu = [], []
    for _ in range(tries):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def figure(name: str, times: tuple[list[float], list[float]], goal: float | None, **extra: object) -> dict[str, object]:
    wall, cpu = times
    result: dict[str, object] = {
        "figure": name,
        "value": round(statistics.median(wall), 1),
        "unit": "ms",
        "p90": round(statistics.quantiles(wall, n=10, method="inclusive")[-1], 1),
        "max": round(max(wall), 1),
        "cpu": round(statistics.median(cpu), 1),
        "samples": len(wall),
    }
    if goal is not None:
        result["goal"] = f"< {goal} ms"
    result.update(extra)
    return result


def without_index() -> mock._patch:  # type: ignore[type-arg]
    """The search as it was before the trigram index: every keystroke a LIKE over the orders."""
    return mock.patch.object(search_index, "_has_fts", return_value=False)


def typing(orders: Any, word: str) -> dict[str, tuple[list[float], list[float]]]:
    """Type `word` one character at a time, each keystroke asking for the tab's counts and first page.

    Each keystroke is timed with the index ("after"), without it ("before"), as the naive
    three queries, and as the Orders tab asks now ("list": the counts of a search in many orders
    left for later, "counts": those counts); keystrokes under three characters go to "short" /
    "short_before" as well, the others to "long" / "long_before".
    """
    times: dict[str, tuple[list[float], list[float]]] = {
        k: ([], [])
        for k in ("after", "before", "naive", "short", "short_before", "long", "long_before", "list", "counts")
    }
    pages: dict[str, Any] = {"after": None, "before": None, "list": None}
    for n in range(1, len(word) + 1):
        flt = OrderFilter(text=word[:n])
        for name in ("after", "before"):
            with without_index() if name == "before" else contextlib.nullcontext():
                started, started_cpu = time.perf_counter(), time.process_time()
                pages[name] = orders.first_page(flt, PAGE, previous=pages[name])
                wall, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - started_cpu) * 1000
            short = n < search_index.SHORTEST_INDEXED  # the index cannot serve these: shown apart as well
            for key in (name, ("short" if short else "long") + ("" if name == "after" else "_before")):
                times[key][0].append(wall)
                times[key][1].append(cpu)
        # What the Orders tab asks now: the first page at once, counted from the same pass when the search
        # found few orders; otherwise the counts (one grouped query) once typing pauses, timed apart.
        started, started_cpu = time.perf_counter(), time.process_time()
        pages["list"] = orders.first_page(flt, PAGE, previous=pages["list"], count=False)
        times["list"][0].append((time.perf_counter() - started) * 1000)
        times["list"][1].append((time.process_time() - started_cpu) * 1000)
        started, started_cpu = time.perf_counter(), time.process_time()
        if not pages["list"].exact:
            orders.counts(flt)
        times["counts"][0].append((time.perf_counter() - started) * 1000)
        times["counts"][1].append((time.process_time() - started_cpu) * 1000)
        started, started_cpu = time.perf_counter(), time.process_time()
        orders.bucket_counts(flt), orders.count_orders(flt), orders.list_orders(flt, 0, PAGE)
        times["naive"][0].append((time.perf_counter() - started) * 1000)
        times["naive"][1].append((time.process_time() - started_cpu) * 1000)
    return times


def brief(times: tuple[list[float], list[float]]) -> dict[str, float]:
    wall, cpu = times
    return {"value": round(statistics.median(wall), 1), "max": round(max(wall), 1),
            "cpu": round(statistics.median(cpu), 1), "cpu_max": round(max(cpu), 1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument("--db", help="an existing shop to measure instead of the generated one")
    options = parser.parse_args()
    started = time.perf_counter()
    target = options.db or str(cached_shop(options.orders))
    prepared = time.perf_counter() - started
    shop, _ = Shop.open(target, upgrade=False)
    orders = shop.orders
    everything = OrderFilter()
    total = orders.count_orders(everything)
    print(json.dumps({"figure": "orders list: shop ready", "value": round(prepared, 1), "unit": "s", "orders": total}))
    print(json.dumps(figure("orders list: count, no filter", timed(lambda: orders.count_orders(everything), 15), None)))
    print(json.dumps(figure("orders list: first page", timed(lambda: orders.list_orders(everything, 0, PAGE), 15),
                            KEYSTROKE_GOAL_MS, rows=PAGE)))  # fmt: skip
    print(json.dumps(figure("orders list: bucket counts", timed(lambda: orders.bucket_counts(everything), 15), None)))
    to_ship = OrderFilter(bucket="to_ship")
    print(
        json.dumps(
            figure(
                "orders list: bucket 待发货 count + first page",
                timed(lambda: (orders.count_orders(to_ship), orders.list_orders(to_ship, 0, PAGE)), 15),
                KEYSTROKE_GOAL_MS,
            ),
            ensure_ascii=False,
        )
    )
    times: dict[str, tuple[list[float], list[float]]] = {}
    per_word: dict[str, dict[str, list[float]]] = {}
    for _ in range(3):
        for word in TYPED:
            typed = typing(orders, word)
            for key, (wall, cpu) in typed.items():
                times.setdefault(key, ([], []))
                times[key][0].extend(wall)
                times[key][1].extend(cpu)
            per_word[word] = {k: [round(x, 1) for x in typed[k][0]] for k in ("after", "before")}
    print(
        json.dumps(
            figure(
                "orders list: filter per keystroke (bucket counts, count and first page)",
                times["after"],
                KEYSTROKE_GOAL_MS,
                before=brief(times["before"]),
                before_what="the same with the trigram index unused (LIKE over every order)",
                baseline=brief(times["naive"]),
                baseline_what="bucket_counts + count_orders + list_orders, each keystroke searched from scratch",
                shorter_than_3={"after": brief(times["short"]), "before": brief(times["short_before"])},
                three_or_more={"after": brief(times["long"]), "before": brief(times["long_before"])},
                last_run_per_keystroke=per_word,
            ),
            ensure_ascii=False,
        )
    )
    print(
        json.dumps(
            figure(
                "orders list: filter per keystroke, first page at once (counts of many matches left for later)",
                times["list"],
                KEYSTROKE_GOAL_MS,
                counts_once_typing_pauses=brief(times["counts"]),
                counts_what="OrderQueries.counts (one GROUP BY status) when the first pass did not see every match, "
                "else 0",
            ),
            ensure_ascii=False,
        )
    )
    shop.close()


if __name__ == "__main__":
    main()
