"""The store changes an order we imported: cancelled, edited, refunded there. The next pull brings it here
once: cancelled before shipping, held for review after an edit, noted for a person after shipping."""

from __future__ import annotations

from pytest_httpserver import HTTPServer
from sqlalchemy import select

from shopdesk.db.models.orders import OrderRefund
from shopdesk.services.shop import Shop
from shopdesk.services.sync import SyncService
from shopdesk.sync.http import StoreClient
from shopdesk.sync.woocommerce import woocommerce_client
from tests.order_helpers import lenient_rules, stocked_shop
from tests.sync.fake_woo import HISTORY, FakeWooStore, item, woo_order

PAID = {"status": "processing", "total": "50.00"}


def store_with_one_order(shop: Shop, httpserver: HTTPServer) -> tuple[SyncService, StoreClient, FakeWooStore, str]:
    """Order 501 (2 mugs, paid 50.00) pulled from the store and allocated here."""
    stocked_shop(shop)
    lenient_rules(shop)
    store = FakeWooStore([woo_order(501, 0, item(1, "MUG", 2, "50.00"), **PAID)]).serve(httpserver)
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck_test", "cs_test", since=HISTORY)
    client = woocommerce_client(httpserver.url_for("/"), "ck_test", "cs_test", timeout=2)
    [number] = sync.pull_orders("webshop", client).created
    assert shop.orders.get_order(number).status == "allocated"
    return sync, client, store, number


def reasons(shop: Shop, number: str) -> list[str]:
    return [e.reason for e in shop.orders.timeline(number)]


def ship(shop: Shop, number: str) -> None:
    shop.order_flow.mark_packed(number)
    shop.order_flow.ship(number, "SF1000000001", "SF Express")


def test_an_order_cancelled_on_the_store_before_it_shipped_is_cancelled_here_and_its_stock_freed(
    shop: Shop, httpserver: HTTPServer
) -> None:
    sync, client, store, number = store_with_one_order(shop, httpserver)
    assert shop.inventory.product_stock("MUG").reserved == 2
    store.edit(501, 30, status="cancelled")
    result = sync.pull_orders("webshop", client)
    assert (result.cancelled, result.attention) == ([number], [])
    assert shop.orders.get_order(number).status == "cancelled"
    assert shop.inventory.product_stock("MUG").reserved == 0
    assert any(r.startswith("cancelled on webshop") for r in reasons(shop, number))
    again = sync.pull_orders("webshop", client)  # the overlap window reads it again
    assert (again.cancelled, again.already) == ([], 1)


def test_an_order_cancelled_on_the_store_after_it_shipped_is_left_shipped_and_named_once(
    shop: Shop, httpserver: HTTPServer
) -> None:
    sync, client, store, number = store_with_one_order(shop, httpserver)
    ship(shop, number)
    store.edit(501, 30, status="cancelled")
    result = sync.pull_orders("webshop", client)
    assert result.cancelled == []
    assert result.attention == [(number, "cancelled on webshop after it shipped: nothing was undone here")]
    assert shop.orders.get_order(number).status == "shipped"
    assert sync.pull_orders("webshop", client).attention == []  # noted once, not at every pull
    assert sum("after it shipped" in r for r in reasons(shop, number)) == 1
    assert "needs attention: cancelled on webshop after it shipped" in sync.sync_log("webshop")[1][3]


def test_a_new_address_on_the_store_puts_the_order_on_hold_so_nobody_ships_the_old_one(
    shop: Shop, httpserver: HTTPServer
) -> None:
    sync, client, store, number = store_with_one_order(shop, httpserver)
    moved = {**store.order(501)["shipping"], "address_1": "南京路100号", "city": "上海市"}  # type: ignore[index]
    store.edit(501, 30, shipping=moved)
    result = sync.pull_orders("webshop", client)
    assert (result.held, result.attention) == ([number], [])
    order = shop.orders.get_order(number)
    assert order.status == "on_hold"
    assert order.ship_to.street == "人民路2号"  # not rewritten: a reviewer edits and approves it
    assert shop.inventory.product_stock("MUG").reserved == 0
    assert any("the address changed on webshop" in r for r in reasons(shop, number))


def test_a_store_change_that_touches_neither_address_nor_lines_leaves_the_order_alone(
    shop: Shop, httpserver: HTTPServer
) -> None:
    sync, client, store, number = store_with_one_order(shop, httpserver)
    store.edit(501, 30, customer_note="please ring twice")  # a note on the store moves its modification time
    result = sync.pull_orders("webshop", client)
    assert (result.held, result.cancelled, result.attention) == ([], [], [])
    assert shop.orders.get_order(number).status == "allocated"


def test_lines_edited_on_the_store_after_packing_are_named_for_a_person(shop: Shop, httpserver: HTTPServer) -> None:
    sync, client, store, number = store_with_one_order(shop, httpserver)
    shop.order_flow.mark_packed(number)
    store.edit(501, 30, line_items=[item(1, "MUG", 3, "75.00")])
    result = sync.pull_orders("webshop", client)
    assert result.attention == [(number, "the lines changed on webshop while ours is packed: check it")]
    assert shop.orders.get_order(number).status == "packed"


def refunds_of(shop: Shop) -> list[tuple[int, str | None, str]]:
    with shop.db.read() as conn:
        rows = conn.execute(
            select(OrderRefund.amount, OrderRefund.channel_refund_id, OrderRefund.reason).order_by(OrderRefund.id)
        )
        return [(a, r, why) for a, r, why in rows]


def test_a_refund_on_the_store_is_recorded_against_the_order_once(shop: Shop, httpserver: HTTPServer) -> None:
    sync, client, store, number = store_with_one_order(shop, httpserver)
    store.edit(501, 30, refunds=[{"id": 55, "reason": "broken handle", "total": "-10.00"}])
    assert sync.pull_orders("webshop", client).refunds == 1
    assert refunds_of(shop) == [(1000, "55", "broken handle")]
    assert shop.orders.get_order(number).payment_status == "partially_refunded"
    store.edit(501, 40, refunds=[{"id": 55, "reason": "broken handle", "total": "-10.00"}])
    assert sync.pull_orders("webshop", client).refunds == 0
    assert len(refunds_of(shop)) == 1


def test_an_order_refunded_in_full_after_shipping_records_the_money_and_asks_for_a_look(
    shop: Shop, httpserver: HTTPServer
) -> None:
    sync, client, store, number = store_with_one_order(shop, httpserver)
    ship(shop, number)
    store.edit(501, 30, status="refunded", refunds=[{"id": 56, "reason": "", "total": "-50.00"}])
    result = sync.pull_orders("webshop", client)
    assert result.refunds == 1
    assert result.attention == [(number, "refunded on webshop after it shipped: nothing was undone here")]
    order = shop.orders.get_order(number)
    assert (order.status, order.payment_status) == ("shipped", "refunded")
    assert refunds_of(shop) == [(5000, "56", "refunded on webshop")]


def test_an_order_pulled_with_a_refund_already_made_records_it(shop: Shop, httpserver: HTTPServer) -> None:
    stocked_shop(shop)
    lenient_rules(shop)
    refund = [{"id": 57, "reason": "coupon forgotten", "total": "-5.00"}]
    FakeWooStore([woo_order(601, 0, item(1, "MUG", 2, "50.00"), refunds=refund, **PAID)]).serve(httpserver)
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck_test", "cs_test", since=HISTORY)
    client = woocommerce_client(httpserver.url_for("/"), "ck_test", "cs_test", timeout=2)
    result = sync.pull_orders("webshop", client)
    assert (len(result.created), result.refunds) == (1, 1)
    assert refunds_of(shop) == [(500, "57", "coupon forgotten")]
