"""Two people edit the same product or order on two PCs: the second save is refused, never a silent overwrite."""

from __future__ import annotations

import multiprocessing

from tests.db.lost_update_worker import edit_order_note, edit_price
from tests.factories import product
from tests.order_helpers import draft, stocked_shop


def test_the_second_of_two_clerks_saving_one_product_is_told_it_changed(shop, db_url) -> None:
    pid = shop.catalogue.create_product(product("LOST-1", price=1000))
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    first_open, second_open, first_go, second_go = (ctx.Event() for _ in range(4))
    first = ctx.Process(target=edit_price, args=(db_url, pid, 1200, first_open, first_go, results))
    second = ctx.Process(target=edit_price, args=(db_url, pid, 1300, second_open, second_go, results))
    first.start()
    second.start()
    try:
        assert first_open.wait(60) and second_open.wait(60)  # both have the product open
        first_go.set()
        assert results.get(timeout=60) == (1200, "saved")
        second_go.set()
        price, outcome = results.get(timeout=60)
    finally:
        first.join(30)
        second.join(30)
    assert price == 1300 and "changed by someone else" in outcome
    assert shop.catalogue.get_product(pid).draft.price == 1200


def test_the_second_of_two_clerks_saving_one_order_is_told_who_changed_it(shop, db_url) -> None:
    stocked_shop(shop)
    number = shop.orders.create_order(draft(("MUG", 1), buyer_remark="call before delivery"), confirm=True)
    assert shop.orders.get_order(number).status == "on_hold"  # a remark to read: still editable
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    first_open, second_open, first_go, second_go = (ctx.Event() for _ in range(4))
    first = ctx.Process(target=edit_order_note, args=(db_url, number, "alice", first_open, first_go, results))
    second = ctx.Process(target=edit_order_note, args=(db_url, number, "bob", second_open, second_go, results))
    first.start()
    second.start()
    try:
        assert first_open.wait(60) and second_open.wait(60)  # both have the order open in the edit dialog
        first_go.set()
        assert results.get(timeout=60) == ("alice", "saved")
        second_go.set()
        note, outcome = results.get(timeout=60)
    finally:
        first.join(30)
        second.join(30)
    assert note == "bob" and "changed by someone else" in outcome and "clerk-alice" in outcome
    order = shop.orders.get_order(number)
    assert order.internal_note == "alice"
    assert [e.user for e in order.timeline if e.action == "edited"] == ["clerk-alice"]
