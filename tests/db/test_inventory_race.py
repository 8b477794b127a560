"""Two clerks in two processes take the last unit at the same moment: exactly one succeeds.

On one SQLite file (WAL, BEGIN IMMEDIATE, busy_timeout) and on PostgreSQL. The
processes meet at a barrier right before the call, round after round, so the
calls really collide; the conditional UPDATE's row count decides who wins.
"""

from __future__ import annotations

import multiprocessing

import pytest

from shopdesk.db import migrate
from tests.db.stock_race_worker import clerk
from tests.stock_helpers import build_layout, new_product

ROUNDS = 20


@pytest.mark.parametrize("action", ["reserve", "ship"])
def test_two_clerks_take_the_last_unit_at_once_exactly_one_succeeds(shop, db_url, action) -> None:
    layout = build_layout(shop)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    tasks = [ctx.Queue(), ctx.Queue()]
    results = ctx.Queue()
    clerks = [ctx.Process(target=clerk, args=(db_url, n, barrier, tasks[n], results)) for n in (0, 1)]
    for p in clerks:
        p.start()
    try:
        for round_no in range(ROUNDS):
            mug = new_product(shop, f"LAST-{action}-{round_no}")
            shop.inventory.receive(mug, 1, layout.bin_a, unit_cost=500)
            for n in (0, 1):
                tasks[n].put((action, mug, layout.bin_a, 1000 * round_no + n))
            outcomes = sorted(results.get(timeout=120)[1:] for _ in (0, 1))
            assert [o[0] for o in outcomes] == ["not enough stock", "ok"], outcomes
            assert f"Not enough stock of LAST-{action}-{round_no} at {layout.bin_a}" in outcomes[0][1]
            stock = shop.inventory.product_stock(mug)
            if action == "reserve":
                assert (stock.on_hand, stock.reserved, stock.available) == (1, 1, 0)
            else:
                assert (stock.on_hand, stock.reserved, stock.available, stock.value) == (0, 0, 0, 0)
    finally:
        for q in tasks:
            q.put(None)
        for p in clerks:
            p.join(timeout=60)
            if p.is_alive():
                p.kill()
    assert migrate.check(shop.db).ok
