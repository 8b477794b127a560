"""Pulling orders from a WooCommerce store: each order once, the cursor never past what was not stored."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.channels import unmatched_skus
from shopdesk.services.order_queries import OrderFilter
from shopdesk.services.shop import Shop
from shopdesk.services.sync import SyncService
from shopdesk.sync import woocommerce
from shopdesk.sync.woocommerce import woocommerce_client
from tests.order_helpers import lenient_rules, stocked_shop
from tests.sync.fake_woo import HISTORY, FakeWooStore, item, woo_order

ORDERS_PATH = "/wp-json/wc/v3/orders"


def connect(shop: Shop, httpserver: HTTPServer, store: FakeWooStore) -> tuple[SyncService, object]:
    stocked_shop(shop)
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck_test", "cs_test", since=HISTORY)
    httpserver.expect_request(ORDERS_PATH).respond_with_handler(store)
    return sync, woocommerce_client(httpserver.url_for("/"), "ck_test", "cs_test", timeout=2)


def test_an_order_with_a_variation_coupon_shipping_and_fee_arrives_once(shop: Shop, httpserver: HTTPServer) -> None:
    store = FakeWooStore(
        [
            woo_order(
                501,
                0,
                item(1, "MUG", 2, "50.00", "45.00"),  # a 5.00 coupon on this line
                item(2, "TEE", 1, "39.90", variation_id=77),
                shipping_lines=[{"id": 9, "method_title": "SF Express", "total": "8.00"}],
                fee_lines=[{"id": 10, "name": "Gift wrap", "total": "2.00"}],
                coupon_lines=[{"id": 11, "code": "WELCOME5", "discount": "5.00"}],
                total="94.90",
            )
        ]
    )
    sync, client = connect(shop, httpserver, store)
    first = sync.pull_orders("webshop", client)
    assert (first.created, first.cursor) == (["SO-000001"], "2026-11-20T08:00:00+00:00")
    order = shop.orders.get_order("SO-000001")
    assert (order.channel, order.channel_order_no, order.payment_status) == ("webshop", "501", "paid")
    assert [(ln.sku, ln.quantity, ln.unit_price, ln.discount) for ln in order.lines] == [
        ("MUG", 2, 2500, 500),
        ("TEE", 1, 3990, 0),
    ]
    assert (order.shipping_fee, order.total, order.paid_amount) == (1000, 9490, 9490)  # shipping and the fee
    assert "coupons: WELCOME5" in order.internal_note
    again = sync.pull_orders("webshop", client)
    assert (again.created, again.already) == ([], 1)  # the overlap asked for it again: still one order
    assert len(shop.orders.list_orders(OrderFilter())) == 1


def test_an_order_edited_while_paging_is_neither_missed_nor_doubled(
    shop: Shop, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(woocommerce, "PER_PAGE", 2)
    store = FakeWooStore([woo_order(n, n) for n in range(601, 606)])
    sync, client = connect(shop, httpserver, store)

    def edit_the_first_once(fake: FakeWooStore) -> None:
        if len(fake.requests) == 1:
            fake.edit(601, 700)  # moves to the end, after every other order

    store.after_request = edit_the_first_once
    result = sync.pull_orders("webshop", client)
    assert len(result.created) == 5 and result.already == 1  # 601 read twice, stored once
    numbers = sorted(o.channel_order_no for o in shop.orders.list_orders(OrderFilter()))
    assert numbers == ["601", "602", "603", "604", "605"]
    assert result.cursor == "2026-11-20T19:40:00+00:00"  # 601's new modification time


def test_an_order_in_another_currency_holds_the_cursor_and_waits_for_the_next_pull(
    shop: Shop, httpserver: HTTPServer
) -> None:
    store = FakeWooStore([woo_order(701, 1), woo_order(702, 2, currency="USD"), woo_order(703, 3)])
    sync, client = connect(shop, httpserver, store)
    result = sync.pull_orders("webshop", client)
    assert [n for n, _ in result.failed] == ["702"]
    assert "the shop sells in CNY and this order is in USD" in result.failed[0][1]
    assert len(result.created) == 2
    assert result.cursor == "2026-11-20T08:01:00+00:00"  # not past 702
    log = sync.sync_log("webshop")[0]
    assert (log[1], log[2]) == ("pull orders", "ok") and "order 702" in log[3]


def test_a_product_without_a_sku_on_the_store_waits_for_a_link(shop: Shop, httpserver: HTTPServer) -> None:
    store = FakeWooStore([woo_order(801, 1, item(1, "", 1, "25.00", product_id=93))])
    sync, client = connect(shop, httpserver, store)
    result = sync.pull_orders("webshop", client)
    assert result.waiting == ["801"]
    assert [(u.channel, u.channel_sku) for u in unmatched_skus(shop)] == [("webshop", "woo-93-0")]


def test_a_cancelled_order_is_not_imported(shop: Shop, httpserver: HTTPServer) -> None:
    store = FakeWooStore([woo_order(901, 1, status="cancelled")])
    sync, client = connect(shop, httpserver, store)
    result = sync.pull_orders("webshop", client)
    assert (result.created, result.skipped) == ([], ["901"])


def test_a_failing_store_keeps_the_cursor_where_the_stored_orders_brought_it(
    shop: Shop, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(woocommerce, "PER_PAGE", 1)
    store = FakeWooStore([woo_order(1001, 1), woo_order(1002, 2)])
    stocked_shop(shop)
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck_test", "cs_test", since=HISTORY)
    httpserver.expect_ordered_request(ORDERS_PATH).respond_with_handler(store)
    httpserver.expect_ordered_request(ORDERS_PATH).respond_with_data("<html>502</html>", status=502)
    client = woocommerce_client(httpserver.url_for("/"), "ck_test", "cs_test", timeout=2)
    with pytest.raises(ShopDeskError, match="Sync with webshop stopped: the store refused the request: HTTP 502"):
        sync.pull_orders("webshop", client)
    channel = sync.channel("webshop")
    assert (channel.cursor, channel.last_error) == (
        "2026-11-20T08:01:00+00:00",
        "the store refused the request: HTTP 502",
    )
    assert [o.channel_order_no for o in shop.orders.list_orders(OrderFilter())] == ["1001"]


def test_a_revoked_key_says_so(shop: Shop, httpserver: HTTPServer) -> None:
    stocked_shop(shop)
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck_old", "cs_old", since=HISTORY)
    httpserver.expect_request(ORDERS_PATH).respond_with_json({"code": "woocommerce_rest_cannot_view"}, status=401)
    client = woocommerce_client(httpserver.url_for("/"), "ck_old", "cs_old", timeout=2)
    with pytest.raises(ShopDeskError, match="revoked or expired"):
        sync.pull_orders("webshop", client)
    assert sync.channel("webshop").cursor == HISTORY.isoformat()  # where it started


def test_250_orders_changed_in_one_second_are_all_read_once_even_when_some_are_edited_while_paging(
    shop: Shop, httpserver: HTTPServer
) -> None:
    store = FakeWooStore([woo_order(n, 0) for n in range(2001, 2251)])  # one second: a bulk status change
    sync, client = connect(shop, httpserver, store)
    lenient_rules(shop)

    def edit_while_paging(fake: FakeWooStore) -> None:
        if len(fake.requests) == 2:  # after the first page of that second: one order read, one not yet read
            fake.edit(2003, 60)
            fake.edit(2240, 61)

    store.after_request = edit_while_paging
    result = sync.pull_orders("webshop", client)
    numbers = [o.channel_order_no for o in shop.orders.list_orders(OrderFilter(), limit=1000)]
    assert sorted(numbers) == [str(n) for n in range(2001, 2251)]  # none missed, none twice
    assert (len(result.created), result.already) == (250, 1)  # 2003 read again at its new time
    assert result.cursor == "2026-11-20T09:01:00+00:00"  # 2240's new time
    assert len(store.requests) < 12  # it ends: no page is asked for again and again
