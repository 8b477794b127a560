"""Two clerks on two PCs work orders at the same moment (two processes; one SQLite file, and PostgreSQL).

The processes meet at a barrier right before each call, round after round, so
the calls really collide.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from shopdesk.db import migrate
from shopdesk.services.shop import Shop
from tests.db.order_race_worker import clerk
from tests.order_helpers import draft, lenient_rules, reservation_problems
from tests.stock_helpers import build_layout, new_product

ROUNDS = 8


@contextmanager
def two_clerks(db_url: str) -> Iterator[Any]:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    tasks = [ctx.Queue(), ctx.Queue()]
    results = ctx.Queue()
    clerks = [ctx.Process(target=clerk, args=(db_url, n, barrier, tasks[n], results)) for n in (0, 1)]
    for p in clerks:
        p.start()

    def run(task_0: tuple, task_1: tuple) -> list[tuple[str, Any]]:
        tasks[0].put(task_0)
        tasks[1].put(task_1)
        return sorted(results.get(timeout=120)[1:] for _ in (0, 1))

    try:
        yield run
    finally:
        for q in tasks:
            q.put(None)
        for p in clerks:
            p.join(timeout=60)
            if p.is_alive():
                p.kill()


def test_two_clerks_ship_the_last_unit_at_once_exactly_one_succeeds(shop: Shop, db_url: str) -> None:
    build_layout(shop)
    lenient_rules(shop)
    with two_clerks(db_url) as run:
        for round_no in range(ROUNDS):
            sku = f"LAST-{round_no}"
            new_product(shop, sku)
            shop.inventory.receive(sku, 1, "WH1/A/A-01", unit_cost=500)
            a, b = (shop.orders.create_order(draft((sku, 1))) for _ in (0, 1))
            outcomes = run(("confirm_and_ship", a, f"A{round_no}"), ("confirm_and_ship", b, f"B{round_no}"))
            assert [o[0] for o in outcomes] == ["ok", "refused"], outcomes
            assert "is confirmed; it cannot become packed" in outcomes[1][1]
            winner, loser = (a, b) if outcomes[0][1] == a else (b, a)
            assert shop.orders.get_order(winner).status == "shipped"
            assert shop.orders.get_order(loser).status == "confirmed"  # waiting for stock, nothing half-done
            stock = shop.inventory.product_stock(sku)
            assert (stock.on_hand, stock.reserved) == (0, 0)
    assert reservation_problems(shop) == []
    assert migrate.check(shop.db).ok


def test_two_clerks_ship_the_same_parcel_at_once_it_leaves_once(shop: Shop, db_url: str) -> None:
    build_layout(shop)
    lenient_rules(shop)
    new_product(shop, "MUG")
    shop.inventory.receive("MUG", ROUNDS, "WH1/A/A-01", unit_cost=500)
    with two_clerks(db_url) as run:
        for round_no in range(ROUNDS):
            number = shop.orders.create_order(draft(("MUG", 1)), confirm=True)
            shop.order_flow.mark_packed(number)
            outcomes = run(("ship", number, f"X{round_no}"), ("ship", number, f"Y{round_no}"))
            assert [o[0] for o in outcomes] == ["ok", "refused"], outcomes
            assert f"Order {number} is shipped; it cannot become shipped" in outcomes[1][1]
            assert shop.orders.get_order(number).lines[0].qty_shipped == 1
    stock = shop.inventory.product_stock("MUG")
    assert (stock.on_hand, stock.reserved) == (0, 0)
    assert reservation_problems(shop) == []


def test_two_clerks_entering_orders_at_once_get_different_numbers_in_sequence(shop: Shop, db_url: str) -> None:
    build_layout(shop)
    new_product(shop, "MUG")
    with two_clerks(db_url) as run:
        outcomes = run(("create", "", 15), ("create", "", 15))
    assert [o[0] for o in outcomes] == ["ok", "ok"], outcomes
    made = outcomes[0][1] + outcomes[1][1]
    assert sorted(made) == [f"SO-{n:06d}" for n in range(1, 31)]
